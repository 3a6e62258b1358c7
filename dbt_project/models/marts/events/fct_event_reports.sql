with

reports as (

    select * from {{ ref('int_coded_reports') }}

),

clusters as (

    select * from {{ ref('int_clustered_reports') }}

),

final as (

    select
        reports.report_id,
        clusters.event_id,
        clusters.is_primary,
        clusters.merge_rule,
        -- the report's columns, but the article's change time and fingerprint
        reports.content_hash,
        reports.doc_id,
        reports.event_type,
        reports.sub_event_type,
        reports.actor1,
        reports.actor1_parent,
        reports.actor1_type,
        reports.actor2,
        reports.actor2_parent,
        reports.actor2_type,
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
        cast(reports.fatalities as bigint) as fatalities,
        cast(reports.fatalities_low as bigint) as fatalities_low,
        cast(reports.fatalities_high as bigint) as fatalities_high,
        cast(reports.wounded as bigint) as wounded,
        cast(reports.casualties_total as bigint) as casualties_total,
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
        reports.cameo_code,
        reports.family,
        reports.crossing_mode,
        reports.actor1_family,
        reports.actor2_family,
        reports.actor1_family_type,
        reports.place_key,
        reports.province_key,
        reports.has_specific_place,
        reports.seen_on
    from reports
    inner join clusters on reports.report_id = clusters.report_id

)

select * from final
