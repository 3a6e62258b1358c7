-- One row per event and side (actor1 = side 1, actor2 = side 2) that names an actor,
-- with the other side as opponent. Feeds dim_actors and actor_activity: a part of the marts,
-- built inside them (ephemeral), not a table of its own.
{{ config(materialized='ephemeral') }}

with

events as (

    select * from {{ ref('fct_events') }}

),

sides as (

    select
        event_id,
        1 as side,
        actor1 as actor,
        actor1_parent as actor_parent,
        actor1_type as actor_type,
        actor2 as opponent,
        event_date,
        published_at,
        event_month,
        country_code,
        admin1,
        fatalities
    from events
    where actor1 is not null

    union all

    select
        event_id,
        2 as side,
        actor2 as actor,
        actor2_parent as actor_parent,
        actor2_type as actor_type,
        actor1 as opponent,
        event_date,
        published_at,
        event_month,
        country_code,
        admin1,
        fatalities
    from events
    where actor2 is not null

),

final as (

    select
        *,
        -- best known day of the event: its own date, else the article's publication date
        coalesce(event_date, published_at) as seen_on
    from sides

)

select * from final
