with

cross_border_events as (

    select * from {{ ref('fct_events') }}
    where cross_border

),

-- how the primary report's sub-event type crosses a border (sub_event_families seed)
crossing_modes as (

    select sub_event_type, crossing_mode from {{ ref('sub_event_families') }}

),

actors as (

    select actor, actor_type from {{ ref('actors') }}

),

countries as (

    select country_code, name from {{ ref('countries') }}

),

classified as (

    select
        cross_border_events.*,
        case
            when {{ regexp_contains(
                "lower(coalesce(cross_border_events.evidence, ''))", "'" ~ dbt.escape_single_quotes(var('infiltration_cues')) ~ "'"
            ) }} then 'infiltration'
            -- a ground attack across the border by a non-state group is an infiltration
            when coalesce(crossing_modes.crossing_mode, 'other') = 'ground_incursion'
                and coalesce(actor1_family.actor_type, cross_border_events.actor1_type)
                not in ('State forces', 'External/Other forces')
                then 'infiltration'
            else coalesce(crossing_modes.crossing_mode, 'other')
        end as mode
    from cross_border_events
    left join crossing_modes on cross_border_events.sub_event_type = crossing_modes.sub_event_type
    left join actors as actor1_family
        on coalesce(cross_border_events.actor1_parent, cross_border_events.actor1) = actor1_family.actor

),

final as (

    select
        classified.event_id,
        classified.event_date,
        classified.event_month,
        classified.origin_country,
        origin.name as origin_country_name,
        classified.target_country,
        target.name as target_country_name,
        classified.location,
        classified.admin1,
        classified.country_code,
        classified.latitude,
        classified.longitude,
        classified.event_type,
        classified.sub_event_type,
        classified.mode,
        classified.actor1,
        classified.actor1_type,
        classified.actor2,
        classified.actor2_type,
        classified.fatalities,
        classified.wounded,
        classified.casualties_total,
        classified.n_reports,
        classified.n_sources,
        classified.sources,
        classified.article_ids,
        classified.evidence,
        classified.doc_id,
        classified.source
    from classified
    left join countries as origin on classified.origin_country = origin.country_code
    left join countries as target on classified.target_country = target.country_code

)

select * from final
