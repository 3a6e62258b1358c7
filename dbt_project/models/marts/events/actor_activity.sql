with

event_actors as (

    select * from {{ ref('event_actors') }}

),

-- one row per actor and event (an actor on both sides of one event counts once)
actor_events as (

    select
        actor,
        event_month,
        event_id,
        {{ most_frequent('actor_parent') }} as parent,
        {{ dbt.bool_or('side = 1') }} as is_actor1,
        {{ dbt.bool_or('side = 2') }} as is_actor2,
        -- the same on every row of one event
        {{ dbt.any_value('admin1') }} as admin1,
        {{ dbt.any_value('fatalities') }} as fatalities,
        {{ dbt.any_value('seen_on') }} as seen_on
    from event_actors
    group by actor, event_month, event_id

),

opponents as (

    select actor, event_month, opponent, count(distinct event_id) as n_events
    from event_actors
    where opponent is not null
    group by actor, event_month, opponent

),

-- most frequent other sides; ties go to the alphabetically first name
top_opponents as (

    select
        actor,
        event_month,
        (array_agg(opponent order by n_events desc, opponent))[1:3] as top_opponents
    from opponents
    group by actor, event_month

),

activity as (

    select
        actor,
        {{ most_frequent('parent') }} as parent,
        event_month,
        cast(count(*) as bigint) as events,
        cast(count(*) filter (where is_actor1) as bigint) as events_as_actor1,
        cast(count(*) filter (where is_actor2) as bigint) as events_as_actor2,
        {{ sorted_array_agg('admin1') }} as provinces,
        cast(coalesce(sum(fatalities), 0) as bigint) as fatalities,
        min(seen_on) as first_seen,
        max(seen_on) as last_seen
    from actor_events
    group by actor, event_month

),

final as (

    select
        activity.actor,
        activity.parent,
        activity.event_month,
        activity.events,
        activity.events_as_actor1,
        activity.events_as_actor2,
        cast({{ array_size('activity.provinces') }} as bigint) as provinces_active,
        activity.provinces,
        activity.fatalities,
        activity.first_seen,
        activity.last_seen,
        top_opponents.top_opponents[1] as top_opponent,
        coalesce(top_opponents.top_opponents, {{ dbt.array_construct([], dbt.type_string()) }}) as top_opponents
    from activity
    left join top_opponents
        on activity.actor = top_opponents.actor
            and activity.event_month is not distinct from top_opponents.event_month

)

select * from final
