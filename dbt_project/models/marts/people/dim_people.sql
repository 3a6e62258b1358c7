-- One row per person the articles name, across articles: the name, every way it was written,
-- affiliation, roles and titles, what happened to them, when and where they were seen.
with

mentions as (

    select * from {{ ref('stg_extracted__entity_mentions') }}
    where entity_type = 'person'

),

articles as (

    select content_hash, doc_id, published_at from {{ ref('stg_clean__articles') }}

),

people_mentions as (

    select
        mentions.*,
        articles.published_at
    from mentions
    left join articles on mentions.content_hash = articles.content_hash

),

-- the most used full name of each person; ties go to the longer, then alphabetically first
names as (

    select entity_key, name, count(*) as n
    from people_mentions
    group by entity_key, name

),

best_name as (

    select entity_key, {{ max_by('name', 'n * 1000 + length(name)') }} as name
    from names
    group by entity_key

),

-- affiliation: what the text says beats what the context implies, then the most frequent
affiliations as (

    select
        entity_key,
        affiliation,
        count(*) filter (where affiliation_source = 'text') as n_text,
        count(*) as n
    from people_mentions
    where affiliation is not null
    group by entity_key, affiliation

),

best_affiliation as (

    select entity_key, {{ max_by('affiliation', 'n_text * 1000 + n') }} as affiliation
    from affiliations
    group by entity_key

),

people as (

    select
        entity_key,
        {{ sorted_array_agg('text', where="evidence <> 'pronoun'") }} as aliases,
        {{ sorted_array_agg('affiliation') }} as affiliations,
        {{ sorted_array_agg('role') }} as roles,
        {{ sorted_array_agg('title') }} as titles,
        {{ sorted_array_agg('fate') }} as fates,
        min(published_at) as first_seen,
        max(published_at) as last_seen,
        cast(count(distinct content_hash) as bigint) as n_articles,
        cast(count(*) as bigint) as n_mentions,
        cast(count(*) filter (where speech_role is not null) as bigint) as n_statements,
        cast(count(distinct event_id) as bigint) as n_events,
        {{ sorted_array_agg('doc_id') }} as articles
    from people_mentions
    group by entity_key

),

final as (

    select
        people.entity_key as person_key,
        best_name.name,
        people.aliases,
        best_affiliation.affiliation,
        people.affiliations,
        people.roles,
        people.titles,
        people.fates,
        people.first_seen,
        people.last_seen,
        people.n_articles,
        people.n_mentions,
        people.n_statements,
        people.n_events,
        people.articles
    from people
    inner join best_name on people.entity_key = best_name.entity_key
    left join best_affiliation on people.entity_key = best_affiliation.entity_key

)

select * from final
