{{ config(meta={'dagster': {'ref': {'name': 'fct_events'}}}) }}

-- fct_events.n_reports and report_ids agree with the rows of fct_event_reports, and the
-- fatality figures are ordered low <= conservative <= high.
with

report_counts as (

    select event_id, count(*) as n_rows
    from {{ ref('fct_event_reports') }}
    group by event_id

)

select events.event_id, events.n_reports, report_counts.n_rows
from {{ ref('fct_events') }} as events
left join report_counts on events.event_id = report_counts.event_id
where report_counts.n_rows is distinct from events.n_reports
    or {{ array_size('events.report_ids') }} <> events.n_reports
    or events.n_articles > events.n_reports
    or events.fatalities < events.fatalities_low
    or events.fatalities > events.fatalities_high
