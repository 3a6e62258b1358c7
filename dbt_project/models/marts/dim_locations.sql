with

events as (

    select
        event_id,
        place_key,
        location,
        admin1,
        admin1_code,
        country,
        country_code,
        latitude,
        longitude,
        geo_precision
    from {{ ref('fct_events') }}

),

location_mentions as (

    select event_id, location, place_id, feature_kind
    from {{ ref('stg_extracted__place_mentions') }}
    where role = 'location' and event_id is not null

),

places as (

    select place_id, feature_kind from {{ ref('places') }}

),

event_places as (

    select
        events.*,
        location_mentions.place_id,
        coalesce(location_mentions.feature_kind, places.feature_kind) as feature_kind
    from events
    left join location_mentions
        on events.event_id = location_mentions.event_id
        and events.location = location_mentions.location
    left join places on location_mentions.place_id = places.place_id

),

-- the most precise report of each place describes it
representative as (

    select *
    from event_places
    qualify row_number() over (
        partition by place_key
        order by place_id is null, geo_precision nulls last, event_id
    ) = 1

),

counts as (

    select place_key, cast(count(distinct event_id) as bigint) as n_events
    from event_places
    group by place_key

),

final as (

    select
        representative.place_key,
        representative.place_id,
        representative.location,
        representative.admin1,
        representative.admin1_code,
        representative.country,
        representative.country_code,
        representative.latitude,
        representative.longitude,
        representative.geo_precision,
        representative.feature_kind,
        counts.n_events
    from representative
    inner join counts on representative.place_key = counts.place_key

)

select * from final
