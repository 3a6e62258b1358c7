with

events as (

    select * from {{ ref('fct_events') }}

),

final as (

    select
        country_code,
        country,
        -- events with unknown admin1 stay, grouped under a null province
        admin1_code,
        admin1,
        event_month,
        event_type,
        cast(count(*) as bigint) as events,
        cast(sum(n_reports) as bigint) as reports,
        cast(coalesce(sum(fatalities), 0) as bigint) as fatalities,
        cast(coalesce(sum(wounded), 0) as bigint) as wounded,
        cast(count(*) filter (where cross_border) as bigint) as cross_border_events,
        -- nulls are not counted, so events without actors add nothing
        cast({{ count_distinct_across(['actor1', 'actor2']) }} as bigint) as distinct_actors
    from events
    group by country_code, country, admin1_code, admin1, event_month, event_type

)

select * from final
