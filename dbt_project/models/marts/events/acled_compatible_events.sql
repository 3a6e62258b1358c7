-- fct_events in ACLED's column names, order and coding, so it can be stacked on an ACLED
-- download (union all by name). Events without a date take the publication date of their
-- first report with time precision 2 (the week is known); fatalities are 0 when unknown, as
-- in ACLED.
with

events as (

    select * from {{ ref('fct_events') }}

),

reports as (

    select event_id, actor1, actor2 from {{ ref('fct_event_reports') }}

),

inter_codes as (

    select actor_type, inter_code from {{ ref('actor_type_inter_codes') }}

),

countries as (

    select country_code, iso3 from {{ ref('countries') }}

),

-- other actors the merged reports name on each side (ACLED's associated actors)
associated as (

    select
        reports.event_id,
        {{ sorted_array_agg(
            'reports.actor1',
            where='reports.actor1 <> events.actor1 and reports.actor1 is distinct from events.actor1_parent'
        ) }} as assoc_actor_1,
        {{ sorted_array_agg(
            'reports.actor2',
            where='reports.actor2 <> events.actor2 and reports.actor2 is distinct from events.actor2_parent'
        ) }} as assoc_actor_2
    from reports
    inner join events on reports.event_id = events.event_id
    group by reports.event_id

),

coded as (

    select
        events.*,
        coalesce(countries.iso3, 'XXX') as iso3,
        inter1.inter_code as inter1,
        -- ACLED codes a missing second actor as 0
        case when events.actor2 is null then 0 else inter2.inter_code end as inter2,
        associated.assoc_actor_1,
        associated.assoc_actor_2
    from events
    left join countries on events.country_code = countries.country_code
    left join inter_codes as inter1 on events.actor1_type = inter1.actor_type
    left join inter_codes as inter2 on events.actor2_type = inter2.actor_type
    left join associated on events.event_id = associated.event_id

),

final as (

    select
        -- ISO3 of the country and a number derived from the event id: stable while the
        -- event keeps its primary report
        iso3 || cast({{ hex_to_bigint('substr(md5(event_id), 1, 12)') }} as {{ dbt.type_string() }}) as event_id_cnty,
        coalesce(event_date, published_at) as event_date,
        cast(extract(year from coalesce(event_date, published_at)) as integer) as year,
        cast(case
            when event_date is not null then coalesce(time_precision, 1)
            when published_at is not null then 2
        end as integer) as time_precision,
        event_type,
        sub_event_type,
        actor1,
        nullif(array_to_string(assoc_actor_1, '; '), '') as assoc_actor_1,
        cast(inter1 as integer) as inter1,
        actor2,
        nullif(array_to_string(assoc_actor_2, '; '), '') as assoc_actor_2,
        cast(inter2 as integer) as inter2,
        -- the two codes as a two-digit number, lower first; one actor alone is inter1 * 10
        cast(case
            when inter1 is null then null
            when inter2 = 0 or inter2 is null then inter1 * 10
            else least(inter1, inter2) * 10 + greatest(inter1, inter2)
        end as integer) as interaction,
        country,
        admin1,
        cast(null as {{ dbt.type_string() }}) as admin2,
        location,
        latitude,
        longitude,
        cast(geo_precision as integer) as geo_precision,
        nullif(array_to_string(sources, '; '), '') as source,
        evidence as notes,
        cast(coalesce(fatalities, 0) as bigint) as fatalities
    from coded

)

select * from final
