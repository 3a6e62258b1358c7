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
        reports.* exclude (report_id, changed_at, article_fingerprint) replace (
            cast(reports.fatalities as bigint) as fatalities,
            cast(reports.fatalities_low as bigint) as fatalities_low,
            cast(reports.fatalities_high as bigint) as fatalities_high,
            cast(reports.wounded as bigint) as wounded,
            cast(reports.casualties_total as bigint) as casualties_total
        )
    from reports
    inner join clusters on reports.report_id = clusters.report_id

)

select * from final
