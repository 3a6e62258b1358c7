-- Every asserted report coded with the reference data: event type and CAMEO code from the
-- event_types seed, actor parents and types from the actors seed, the matching family of the
-- sub-event type, and the keys the deduplication compares (actor families, place, province).
with

reports as (

    select * from {{ ref('int_prepared_reports') }}

),

event_types as (

    select event_type, sub_event_type, cameo_code from {{ ref('event_types') }}

),

families as (

    select sub_event_type, family, crossing_mode from {{ ref('sub_event_families') }}

),

actors as (

    select actor, parent, actor_type from {{ ref('actors') }}

),

coded as (

    select
        reports.report_id,
        reports.content_hash,
        reports.doc_id,
        -- the reference seeds win over what the extractor copied into the row
        coalesce(event_types.event_type, reports.event_type) as event_type,
        reports.sub_event_type,
        reports.actor1,
        case when actor1_ref.actor is null then reports.actor1_parent else actor1_ref.parent end as actor1_parent,
        case when actor1_ref.actor is null then reports.actor1_type else actor1_ref.actor_type end as actor1_type,
        reports.actor2,
        case when actor2_ref.actor is null then reports.actor2_parent else actor2_ref.parent end as actor2_parent,
        case when actor2_ref.actor is null then reports.actor2_type else actor2_ref.actor_type end as actor2_type,
        reports.location,
        reports.location_text,
        reports.admin1,
        reports.admin1_code,
        reports.country,
        reports.country_code,
        reports.latitude,
        reports.longitude,
        reports.geo_precision,
        reports.event_date,
        reports.date_text,
        reports.time_precision,
        reports.fatalities,
        reports.fatalities_low,
        reports.fatalities_high,
        reports.wounded,
        reports.casualties_total,
        reports.cross_border,
        reports.origin_country,
        reports.target_country,
        reports.claimed,
        reports.evidence,
        reports.char_start,
        reports.char_end,
        reports.confidence,
        reports.published_at,
        reports.source,
        reports.first_loaded_at,
        reports.changed_at,
        reports.article_fingerprint,
        event_types.cameo_code,
        -- a sub-event type missing from the families seed is a family of its own
        coalesce(families.family, reports.sub_event_type) as family,
        coalesce(families.crossing_mode, 'other') as crossing_mode

    from reports
    left join event_types on reports.sub_event_type = event_types.sub_event_type
    left join families on reports.sub_event_type = families.sub_event_type
    left join actors as actor1_ref on reports.actor1 = actor1_ref.actor
    left join actors as actor2_ref on reports.actor2 = actor2_ref.actor

),

family_types as (

    -- ACLED type of the top-level organisation (the parent when the actor has one)
    select
        coded.report_id,
        coalesce(actor1_family_ref.actor_type, coded.actor1_type) as actor1_family_type
    from coded
    left join actors as actor1_family_ref
        on coalesce(coded.actor1_parent, coded.actor1) = actor1_family_ref.actor

),

final as (

    select
        coded.*,
        -- factions count for their parent when reports are compared
        coalesce(coded.actor1_parent, coded.actor1) as actor1_family,
        coalesce(coded.actor2_parent, coded.actor2) as actor2_family,
        family_types.actor1_family_type,
        {{ place_key('coded.country_code', 'coded.admin1_code', 'coded.admin1', 'coded.location') }} as place_key,
        case
            when coded.admin1_code is not null or coded.admin1 is not null
                then {{ dbt.concat(["coalesce(coded.country_code, '')", "'|'", 'coalesce(coded.admin1_code, coded.admin1)']) }}
        end as province_key,
        -- a named place below the province (ACLED geo precision 1 or 2)
        coalesce(coded.location is not null and coded.geo_precision < 3, false) as has_specific_place,
        coalesce(coded.event_date, coded.published_at) as seen_on
    from coded
    inner join family_types on coded.report_id = family_types.report_id

)

select * from final
