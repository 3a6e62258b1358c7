-- One row per event: the reports of int_clustered_reports merged, each field taken from the
-- report that supports it best (see the YAML for the rule of each field).
with

reports as (

    select * from {{ ref('fct_event_reports') }}

),

event_types as (

    select event_type, sub_event_type, cameo_code from {{ ref('event_types') }}

),

primary_reports as (

    select * from reports where is_primary

),

-- how many reports support each value, to pick the best-supported one
support as (

    select
        *,
        count(*) over (partition by event_id, sub_event_type) as sub_event_support,
        count(*) over (partition by event_id, actor1) as actor1_support,
        count(*) over (partition by event_id, actor2) as actor2_support,
        count(*) over (partition by event_id, place_key) as place_support,
        count(*) over (partition by event_id, event_date) as date_support,
        count(*) over (partition by event_id, origin_country) as origin_support,
        count(*) over (partition by event_id, target_country) as target_support
    from reports

),

-- each report's rank for each field (1 = the report the field is taken from); row_number is
-- computed here rather than with qualify, which not every database has
ranked as (

    select
        *,
        -- the sub-event type most reports give; ties go to the primary report
        row_number() over (
            partition by event_id
            order by sub_event_support desc, is_primary desc, report_id
        ) as sub_event_rank,
        -- per side, the most specific actor: named, then a faction over its parent, then support
        row_number() over (
            partition by event_id
            order by actor1 is null, actor1_parent is null, actor1_support desc, is_primary desc, report_id
        ) as actor1_rank,
        row_number() over (
            partition by event_id
            order by actor2 is null, actor2_parent is null, actor2_support desc, is_primary desc, report_id
        ) as actor2_rank,
        -- the most specific place (lowest geo precision), then the best supported
        row_number() over (
            partition by event_id
            order by geo_precision nulls last, place_support desc, is_primary desc, report_id
        ) as place_rank,
        -- the most precise date (lowest time precision), then the best supported, then the earliest
        row_number() over (
            partition by event_id
            order by event_date is null, time_precision nulls last, date_support desc, event_date, report_id
        ) as date_rank
    from support

),

best_sub_event as (

    select event_id, sub_event_type
    from ranked
    where sub_event_rank = 1

),

best_actor1 as (

    select event_id, actor1, actor1_parent, actor1_type
    from ranked
    where actor1_rank = 1

),

best_actor2 as (

    select event_id, actor2, actor2_parent, actor2_type
    from ranked
    where actor2_rank = 1

),

best_place as (

    select
        event_id,
        location,
        location_text,
        admin1,
        admin1_code,
        country,
        country_code,
        latitude,
        longitude,
        geo_precision,
        place_key
    from ranked
    where place_rank = 1

),

best_date as (

    select event_id, event_date, date_text, time_precision
    from ranked
    where date_rank = 1

),

best_border as (

    select
        event_id,
        -- the most reported non-null origin and target
        {{ max_by('origin_country', 'origin_support', where='origin_country is not null') }} as origin_country,
        {{ max_by('target_country', 'target_support', where='target_country is not null') }} as target_country
    from support
    group by event_id

),

-- figures over all reports: the conservative (lowest) figure, and the range reported
figures as (

    select
        event_id,
        min(fatalities) as fatalities,
        min(coalesce(fatalities_low, fatalities)) as fatalities_low,
        max(coalesce(fatalities_high, fatalities)) as fatalities_high,
        min(wounded) as wounded,
        min(casualties_total) as casualties_total,
        {{ dbt.bool_or('cross_border') }} as cross_border,
        bool_and(claimed) as claimed,
        max(confidence) as confidence,
        min(published_at) as published_at,
        count(*) as n_reports,
        count(distinct content_hash) as n_articles,
        -- an article without a known outlet counts as a source of its own
        count(distinct coalesce(source, {{ dbt.concat(["'article:'", 'content_hash']) }})) as n_sources,
        {{ sorted_array_agg('doc_id') }} as article_ids,
        {{ sorted_array_agg('source') }} as sources,
        {{ sorted_array_agg('report_id', distinct=false) }} as report_ids
    from reports
    group by event_id

),

final as (

    select
        primary_reports.event_id,
        primary_reports.content_hash,
        primary_reports.doc_id,
        coalesce(event_types.event_type, primary_reports.event_type) as event_type,
        best_sub_event.sub_event_type,
        best_actor1.actor1,
        best_actor1.actor1_parent,
        best_actor1.actor1_type,
        best_actor2.actor2,
        best_actor2.actor2_parent,
        best_actor2.actor2_type,
        best_place.location,
        best_place.location_text,
        best_place.admin1,
        best_place.admin1_code,
        best_place.country,
        best_place.country_code,
        best_place.latitude,
        best_place.longitude,
        best_place.geo_precision,
        best_date.event_date,
        best_date.date_text,
        best_date.time_precision,
        cast(figures.fatalities as bigint) as fatalities,
        cast(figures.fatalities_low as bigint) as fatalities_low,
        cast(figures.fatalities_high as bigint) as fatalities_high,
        cast(figures.wounded as bigint) as wounded,
        -- the lowest total reported, but never below the killed and wounded kept above
        cast(case
            when coalesce(figures.casualties_total, figures.fatalities, figures.wounded) is not null
                then greatest(
                        coalesce(figures.casualties_total, 0),
                        coalesce(figures.fatalities, 0) + coalesce(figures.wounded, 0)
                    )
        end as bigint) as casualties_total,
        figures.cross_border,
        best_border.origin_country,
        best_border.target_country,
        false as negated,
        false as hypothetical,
        figures.claimed,
        primary_reports.evidence,
        primary_reports.char_start,
        primary_reports.char_end,
        figures.confidence,
        figures.published_at,
        primary_reports.source,
        event_types.cameo_code,
        cast({{ dbt.date_trunc('month', 'coalesce(best_date.event_date, figures.published_at)') }} as date) as event_month,
        best_place.place_key,
        cast(figures.n_reports as bigint) as n_reports,
        cast(figures.n_articles as bigint) as n_articles,
        cast(figures.n_sources as bigint) as n_sources,
        figures.article_ids,
        figures.sources,
        figures.report_ids

    from primary_reports
    inner join best_sub_event on primary_reports.event_id = best_sub_event.event_id
    inner join best_actor1 on primary_reports.event_id = best_actor1.event_id
    inner join best_actor2 on primary_reports.event_id = best_actor2.event_id
    inner join best_place on primary_reports.event_id = best_place.event_id
    inner join best_date on primary_reports.event_id = best_date.event_id
    inner join best_border on primary_reports.event_id = best_border.event_id
    inner join figures on primary_reports.event_id = figures.event_id
    left join event_types on best_sub_event.sub_event_type = event_types.sub_event_type

)

select * from final
