with

reference_actors as (

    select actor, parent, actor_type, country_code, description from {{ ref('actors') }}

),

event_actors as (

    select * from {{ ref('event_actors') }}

),

activity as (

    select
        actor,
        {{ most_frequent('actor_parent') }} as parent,
        {{ most_frequent('actor_type') }} as actor_type,
        count(distinct event_id) as n_events,
        count(distinct event_id) filter (where side = 1) as n_events_as_actor1,
        count(distinct event_id) filter (where side = 2) as n_events_as_actor2,
        min(seen_on) as first_seen,
        max(seen_on) as last_seen
    from event_actors
    group by actor

),

-- actors the extractor produced that the reference seed does not know (yet)
unreferenced_actors as (

    select
        activity.actor,
        activity.parent,
        activity.actor_type,
        cast(null as {{ dbt.type_string() }}) as country_code,
        cast(null as {{ dbt.type_string() }}) as description
    from activity
    where not exists (
            select 1 from reference_actors where reference_actors.actor = activity.actor
        )

),

all_actors as (

    select *, true as in_reference from reference_actors
    union all
    select *, false as in_reference from unreferenced_actors

),

final as (

    select
        all_actors.actor,
        all_actors.parent,
        all_actors.actor_type,
        all_actors.country_code,
        all_actors.description,
        all_actors.in_reference,
        cast(coalesce(activity.n_events, 0) as bigint) as n_events,
        cast(coalesce(activity.n_events_as_actor1, 0) as bigint) as n_events_as_actor1,
        cast(coalesce(activity.n_events_as_actor2, 0) as bigint) as n_events_as_actor2,
        activity.first_seen,
        activity.last_seen
    from all_actors
    left join activity on all_actors.actor = activity.actor

)

select * from final
