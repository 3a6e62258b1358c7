-- One row per unordered pair of actors that faced each other in at least one event
-- (actor_a sorts before actor_b), with counts by ACLED event type and the dates seen.
with

events as (

    select * from {{ ref('fct_events') }}
    where actor1 is not null and actor2 is not null and actor1 <> actor2

),

pairs as (

    select
        least(actor1, actor2) as actor_a,
        greatest(actor1, actor2) as actor_b,
        actor1,
        event_id,
        event_type,
        fatalities,
        cross_border,
        coalesce(event_date, published_at) as seen_on
    from events

),

final as (

    select
        actor_a,
        actor_b,
        cast(count(*) as bigint) as events,
        cast(count(*) filter (where actor1 = actor_a) as bigint) as events_initiated_by_a,
        cast(count(*) filter (where actor1 = actor_b) as bigint) as events_initiated_by_b,
        cast(count(*) filter (where event_type = 'Battles') as bigint) as battles,
        cast(count(*) filter (where event_type = 'Explosions/Remote violence') as bigint) as explosions_remote_violence,
        cast(count(*) filter (where event_type = 'Violence against civilians') as bigint) as violence_against_civilians,
        cast(count(*) filter (where event_type = 'Protests') as bigint) as protests,
        cast(count(*) filter (where event_type = 'Riots') as bigint) as riots,
        cast(count(*) filter (where event_type = 'Strategic developments') as bigint) as strategic_developments,
        cast(count(*) filter (where cross_border) as bigint) as cross_border_events,
        cast(coalesce(sum(fatalities), 0) as bigint) as fatalities,
        min(seen_on) as first_seen,
        max(seen_on) as last_seen
    from pairs
    group by actor_a, actor_b

)

select * from final
