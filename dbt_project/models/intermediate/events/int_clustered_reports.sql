-- Which event each report belongs to. Reports are merged in three steps, so that a vague
-- report cannot chain two different specific places into one event:
--   1. reports naming a specific place are linked when they match at the same place
--      (int_report_matches), and every connected group is one event;
--   2. a vague report (province or country level) joins the event of step 1 it matches best:
--      the closest date, then the event with the most reports, then the smallest id;
--   3. vague reports that joined nothing are linked among themselves the same way as in 1.
-- The event takes the id of its primary report: the first loaded, then the first published,
-- then the smallest report id. The result depends only on the set of reports, never on the
-- order they arrived in, so incremental runs and a full refresh agree.
{{ config(materialized='table') }}

with

reports as (

    select report_id, has_specific_place, first_loaded_at, published_at
    from {{ ref('int_coded_reports') }}

),

matches as (

    select * from {{ ref('int_report_matches') }}

),

-- step 1: specific places
specific_nodes as (

    select report_id as node from reports where has_specific_place

),

specific_edges as (

    select report_a as node_a, report_b as node_b
    from matches
    where match_kind = 'specific_place'

),

specific_clusters as (

    {{ connected_components('specific_nodes', 'specific_edges') }}

),

specific_cluster_sizes as (

    select component, count(*) as n_reports
    from specific_clusters
    group by component

),

-- step 2: vague reports join the best matching specific event
vague_candidates as (

    select
        case when reports_a.has_specific_place then matches.report_b else matches.report_a end as vague_report,
        case when reports_a.has_specific_place then matches.report_a else matches.report_b end as specific_report,
        -- both undated and published the same day counts as the same day
        coalesce(matches.days_apart, 0) as days_apart
    from matches
    inner join reports as reports_a on matches.report_a = reports_a.report_id
    where matches.match_kind = 'vague_to_specific'

),

ranked_candidates as (

    select
        vague_candidates.vague_report as node,
        specific_clusters.component,
        row_number() over (
            partition by vague_candidates.vague_report
            order by
                vague_candidates.days_apart,
                specific_cluster_sizes.n_reports desc,
                specific_clusters.component
        ) as candidate_rank
    from vague_candidates
    inner join specific_clusters on vague_candidates.specific_report = specific_clusters.node
    inner join specific_cluster_sizes on specific_clusters.component = specific_cluster_sizes.component

),

attached as (

    select node, component
    from ranked_candidates
    where candidate_rank = 1

),

-- step 3: the remaining vague reports among themselves
vague_nodes as (

    select report_id as node
    from reports
    where not has_specific_place
        and report_id not in (select node from attached)

),

vague_edges as (

    select report_a as node_a, report_b as node_b
    from matches
    where match_kind = 'vague_place'
        and report_a in (select node from vague_nodes)
        and report_b in (select node from vague_nodes)

),

vague_clusters as (

    {{ connected_components('vague_nodes', 'vague_edges') }}

),

assigned as (

    select node as report_id, component, 'specific_place' as merge_rule from specific_clusters
    union all
    select node as report_id, component, 'province' as merge_rule from attached
    union all
    select node as report_id, component, 'vague_place' as merge_rule from vague_clusters

),

ranked as (

    select
        assigned.report_id,
        assigned.component,
        assigned.merge_rule,
        count(*) over (partition by assigned.component) as n_reports,
        row_number() over (
            partition by assigned.component
            order by reports.first_loaded_at nulls last, reports.published_at nulls last, assigned.report_id
        ) as report_rank
    from assigned
    inner join reports on assigned.report_id = reports.report_id

),

final as (

    select
        report_id,
        -- the event is named after its primary report
        first_value(report_id) over (
            partition by component order by report_rank
        ) as event_id,
        report_rank = 1 as is_primary,
        case when n_reports = 1 then 'single' else merge_rule end as merge_rule,
        cast(n_reports as bigint) as n_reports
    from ranked

)

select * from final
