with

events as (

    select event_id, place_key from {{ ref('fct_events') }}

),

-- every report at a place of fct_events, whether or not its place was the one kept
reports as (

    select
        report_id,
        place_key,
        location,
        admin1,
        admin1_code,
        country,
        country_code,
        latitude,
        longitude,
        geo_precision
    from {{ ref('fct_event_reports') }}
    where place_key in (select place_key from events)

),

location_mentions as (

    select event_id as report_id, location, place_id, feature_kind
    from {{ ref('stg_extracted__place_mentions') }}
    where role = 'location' and event_id is not null

),

places as (

    select place_id, feature_kind from {{ ref('places') }}

),

report_places as (

    select
        reports.*,
        location_mentions.place_id,
        coalesce(location_mentions.feature_kind, places.feature_kind) as feature_kind
    from reports
    left join location_mentions
        on reports.report_id = location_mentions.report_id
            and reports.location = location_mentions.location
    left join places on location_mentions.place_id = places.place_id

),

-- the most precise report of each place describes it
ranked_places as (

    select
        *,
        row_number() over (
            partition by place_key
            order by place_id is null, geo_precision nulls last, report_id
        ) as place_rank
    from report_places

),

representative as (

    select *
    from ranked_places
    where place_rank = 1

),

counts as (

    select place_key, count(*) as n_events
    from events
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
        cast(counts.n_events as bigint) as n_events
    from representative
    inner join counts on representative.place_key = counts.place_key

)

select * from final
