with

cross_border_events as (

    select * from {{ ref('fct_events') }}
    where cross_border

),

final as (

    select
        event_id,
        event_date,
        event_month,
        origin_country,
        target_country,
        location,
        admin1,
        country_code,
        event_type,
        sub_event_type,
        case
            when sub_event_type = 'Shelling/artillery/missile attack' then 'shelling'
            when sub_event_type = 'Air/drone strike' then 'air_strike'
            when event_type = 'Battles' then 'ground_incursion'
            else 'other'
        end as mode,
        actor1,
        actor2,
        fatalities,
        casualties_total,
        evidence,
        doc_id,
        source
    from cross_border_events

)

select * from final
