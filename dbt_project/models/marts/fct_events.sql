with

events as (

    select * from {{ ref('stg_extracted__events') }}
    -- asserted events only: the article neither denies nor merely anticipates them
    where not negated and not hypothetical

),

clean_articles as (

    select content_hash, published_at from {{ ref('stg_clean__articles') }}

),

raw_articles as (

    select content_hash, published_at, source from {{ ref('stg_raw__articles') }}

),

event_types as (

    select event_type, sub_event_type, cameo_code from {{ ref('event_types') }}

),

actors as (

    select actor, parent, actor_type from {{ ref('actors') }}

),

joined as (

    select
        -- the reference seeds win over what the extractor copied into the row
        events.* replace (
            coalesce(event_types.event_type, events.event_type) as event_type,
            if(actor1_ref.actor is null, events.actor1_parent, actor1_ref.parent) as actor1_parent,
            if(actor1_ref.actor is null, events.actor1_type, actor1_ref.actor_type) as actor1_type,
            if(actor2_ref.actor is null, events.actor2_parent, actor2_ref.parent) as actor2_parent,
            if(actor2_ref.actor is null, events.actor2_type, actor2_ref.actor_type) as actor2_type
        ),
        coalesce(clean_articles.published_at, raw_articles.published_at) as published_at,
        raw_articles.source,
        event_types.cameo_code

    from events
    left join clean_articles on events.content_hash = clean_articles.content_hash
    left join raw_articles on events.content_hash = raw_articles.content_hash
    left join event_types on events.sub_event_type = event_types.sub_event_type
    left join actors as actor1_ref on events.actor1 = actor1_ref.actor
    left join actors as actor2_ref on events.actor2 = actor2_ref.actor

),

final as (

    select
        *,
        cast(date_trunc('month', coalesce(event_date, published_at)) as date) as event_month,
        {{ place_key('country_code', 'admin1_code', 'admin1', 'location') }} as place_key,
        -- one report per event until cross-article deduplication exists
        1 as n_reports

    from joined

)

select * from final
