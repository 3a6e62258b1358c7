-- Every merged event has exactly one primary report, and it is the report the event is named after.
select
    event_id,
    count(*) filter (where is_primary) as n_primary,
    count(*) filter (where is_primary and report_id = event_id) as n_named_after
from {{ ref('fct_event_reports') }}
group by event_id
having count(*) filter (where is_primary) <> 1
    or count(*) filter (where is_primary and report_id = event_id) <> 1
