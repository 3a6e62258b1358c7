-- A dense calendar: one row per day, country and ACLED event type from the first to the last
-- day any event was seen, zero when nothing happened. The day of an event is its date, else
-- the publication date of its first report; events with neither, or without a country, are
-- left out.
with

events as (

    select
        coalesce(event_date, published_at) as event_day,
        country_code,
        country,
        event_type,
        fatalities,
        cross_border
    from {{ ref('fct_events') }}
    where coalesce(event_date, published_at) is not null
        and country_code is not null

),

bounds as (

    select min(event_day) as first_day, max(event_day) as last_day
    from events

),

calendar as (

    select cast(days.event_day as date) as event_day
    from bounds
    cross join lateral {{ day_series('bounds.first_day', 'bounds.last_day') }} as days (event_day)

),

countries as (

    -- the most common spelling of each country's name
    select country_code, {{ most_frequent('country') }} as country
    from events
    group by country_code

),

event_types as (

    select distinct event_type from {{ ref('event_types') }}

),

grid as (

    select calendar.event_day, countries.country_code, countries.country, event_types.event_type
    from calendar
    cross join countries
    cross join event_types

),

counts as (

    select
        event_day,
        country_code,
        event_type,
        count(*) as events,
        sum(fatalities) as fatalities,
        count(*) filter (where cross_border) as cross_border_events
    from events
    group by event_day, country_code, event_type

),

final as (

    select
        grid.event_day,
        grid.country_code,
        grid.country,
        grid.event_type,
        cast(coalesce(counts.events, 0) as bigint) as events,
        cast(coalesce(counts.fatalities, 0) as bigint) as fatalities,
        cast(coalesce(counts.cross_border_events, 0) as bigint) as cross_border_events
    from grid
    left join counts
        on grid.event_day = counts.event_day
            and grid.country_code = counts.country_code
            and grid.event_type = counts.event_type

)

select * from final
