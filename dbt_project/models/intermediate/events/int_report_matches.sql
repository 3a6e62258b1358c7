-- Pairs of reports from different articles that may describe the same event:
--   same matching family of sub-event types (sub_event_families seed),
--   compatible actors on each side (same family, i.e. parent, or one side unnamed),
--   same place, or same province when at least one of the two places is vague (a report
--   placed only in a country matches nothing),
--   dates at most one day apart, or both undated and published the same day.
-- One row per unordered pair (report_a < report_b).
{{ config(materialized='table') }}

with

reports as (

    select
        *,
        -- blocking keys, so that only reports that can match are compared: a pair at the same
        -- place or in the same province shares its province (or, without one, its place), and
        -- a pair a day apart at most shares one of the days around its event (or publication)
        coalesce(province_key, place_key) as match_area,
        coalesce(event_date, published_at) as match_day
    from {{ ref('int_coded_reports') }}

),

-- the day before, the day, the day after
day_offsets as (

    select day_offset from (values (-1), (0), (1)) as offsets (day_offset)  -- noqa: AL05

),

-- every report once for each day it can be matched on
reports_by_near_day as (

    select
        reports.report_id,
        cast({{ dbt.dateadd('day', 'day_offsets.day_offset', 'reports.match_day') }} as date) as near_day
    from reports
    cross join day_offsets
    where reports.match_day is not null

),

pairs as (

    select
        a.report_id as report_a,
        b.report_id as report_b,
        a.has_specific_place as a_has_specific_place,
        b.has_specific_place as b_has_specific_place,
        a.place_key = b.place_key as same_place,
        abs({{ dbt.datediff('a.event_date', 'b.event_date', 'day') }}) as days_apart
    from reports as a
    inner join reports_by_near_day as a_days on a.report_id = a_days.report_id
    inner join reports as b
        on a_days.near_day = b.match_day
            and a.family = b.family
            and a.country_code = b.country_code
            and a.match_area = b.match_area
            and a.report_id < b.report_id
            and a.content_hash <> b.content_hash
    where
        -- actors: the same family on each side, or a side left unnamed by one report
        (a.actor1_family is null or b.actor1_family is null or a.actor1_family = b.actor1_family)
        and (a.actor2_family is null or b.actor2_family is null or a.actor2_family = b.actor2_family)
        -- place: the same place, or the same province when one place is vague; a report placed
        -- only in a country is too vague to tell one act from another and merges with nothing
        -- (linked to each other, a country's reports of a busy week chain into one event)
        and (a.has_specific_place or a.province_key is not null)
        and (b.has_specific_place or b.province_key is not null)
        and (
            a.place_key = b.place_key
            or (
                not (a.has_specific_place and b.has_specific_place)
                and a.province_key = b.province_key
            )
        )
        -- date: a day apart at most, or both undated and published the same day
        and (
            abs({{ dbt.datediff('a.event_date', 'b.event_date', 'day') }}) <= 1
            or (a.event_date is null and b.event_date is null and a.published_at = b.published_at)
        )

),

final as (

    select
        report_a,
        report_b,
        case
            when a_has_specific_place and b_has_specific_place then 'specific_place'
            when a_has_specific_place or b_has_specific_place then 'vague_to_specific'
            else 'vague_place'
        end as match_kind,
        same_place,
        days_apart
    from pairs

)

select * from final
