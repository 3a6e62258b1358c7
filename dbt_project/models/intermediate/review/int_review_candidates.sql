-- Names that look like armed groups or places but are not in the reference data, one row per
-- kind of candidate and name, with counts and two example sentences. candidate_actors and
-- candidate_places each show one kind.
with

mentions as (

    select * from {{ ref('stg_extracted__entity_mentions') }}
    where candidate in ('actor', 'place')

),

articles as (

    select content_hash, doc_id, published_at from {{ ref('stg_clean__articles') }}

),

dated as (

    select
        mentions.candidate,
        mentions.entity_key,
        mentions.name,
        mentions.text,
        mentions.sentence,
        mentions.content_hash,
        mentions.doc_id,
        articles.published_at
    from mentions
    left join articles on mentions.content_hash = articles.content_hash

),

-- the most used spelling names the candidate
spellings as (

    select candidate, entity_key, name, count(*) as n
    from dated
    group by candidate, entity_key, name

),

best_name as (

    select candidate, entity_key, {{ max_by('name', 'n * 1000 - length(name)') }} as name
    from spellings
    group by candidate, entity_key

),

-- two example sentences, from different articles where there are two, earliest first
examples as (

    select
        candidate,
        entity_key,
        sentence,
        doc_id,
        row_number() over (partition by candidate, entity_key, content_hash order by published_at nulls last, sentence) as in_article,
        row_number() over (partition by candidate, entity_key order by published_at nulls last, doc_id, sentence) as overall
    from dated

),

picked as (

    select
        candidate,
        entity_key,
        (array_agg(sentence order by in_article, overall))[1] as example_1,
        (array_agg(sentence order by in_article, overall))[2] as example_2,
        (array_agg(doc_id order by in_article, overall))[1:2] as example_doc_ids
    from examples
    group by candidate, entity_key

),

counts as (

    select
        candidate,
        entity_key,
        {{ sorted_array_agg('text') }} as spellings,
        cast(count(*) as bigint) as mentions,
        cast(count(distinct content_hash) as bigint) as articles,
        min(published_at) as first_seen,
        max(published_at) as last_seen
    from dated
    group by candidate, entity_key

),

final as (

    select
        counts.candidate,
        best_name.name,
        counts.entity_key as candidate_key,
        counts.spellings,
        counts.mentions,
        counts.articles,
        counts.first_seen,
        counts.last_seen,
        picked.example_1,
        picked.example_2,
        picked.example_doc_ids
    from counts
    inner join best_name on counts.candidate = best_name.candidate and counts.entity_key = best_name.entity_key
    inner join picked on counts.candidate = picked.candidate and counts.entity_key = picked.entity_key

)

select * from final
