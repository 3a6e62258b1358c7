-- Mentions of each person by month of publication, with the events their sentences told.
with

mentions as (

    select * from {{ ref('stg_extracted__entity_mentions') }}
    where entity_type = 'person'

),

articles as (

    select content_hash, published_at from {{ ref('stg_clean__articles') }}

),

people as (

    select person_key, name from {{ ref('dim_people') }}

),

monthly as (

    select
        mentions.entity_key as person_key,
        cast({{ dbt.date_trunc('month', 'articles.published_at') }} as date) as month,
        cast(count(*) as bigint) as mentions,
        cast(count(distinct mentions.content_hash) as bigint) as articles,
        cast(count(*) filter (where mentions.speech_role is not null) as bigint) as statements,
        cast(count(*) filter (where mentions.fate is not null) as bigint) as fates_reported,
        cast(count(distinct mentions.event_id) as bigint) as events_linked,
        {{ sorted_array_agg('mentions.event_id') }} as event_ids
    from mentions
    left join articles on mentions.content_hash = articles.content_hash
    group by mentions.entity_key, cast({{ dbt.date_trunc('month', 'articles.published_at') }} as date)

),

final as (

    select
        monthly.person_key,
        people.name,
        monthly.month,
        monthly.mentions,
        monthly.articles,
        monthly.statements,
        monthly.fates_reported,
        monthly.events_linked,
        monthly.event_ids
    from monthly
    inner join people on monthly.person_key = people.person_key

)

select * from final
