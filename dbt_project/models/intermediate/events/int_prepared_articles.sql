-- One row per article: metadata, best publication date, file names and extraction counts.
-- Incremental: a run writes only the articles that are new or changed (loaded, re-extracted,
-- found under another name or no longer under one), found by comparing a fingerprint of each
-- article's row with the stored one; the post-hook drops articles the loader has forgotten.
{{
    config(
        materialized='incremental',
        unique_key='content_hash',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="delete from {{ this }} where content_hash not in (select content_hash from {{ ref('stg_raw__articles') }})"
    )
}}

with

raw_articles as (

    select * from {{ ref('stg_raw__articles') }}

),

clean_articles as (

    select * from {{ ref('stg_clean__articles') }}

),

article_status as (

    select * from {{ ref('stg_extracted__article_status') }}

),

article_files as (

    select
        content_hash,
        count(*) as n_files,
        {{ sorted_array_agg('path') }} as paths,
        max(loaded_at) as last_file_loaded_at
    from {{ ref('stg_raw__article_files') }}
    group by content_hash

),

extracted_counts as (

    select
        content_hash,
        count(*) as n_extracted,
        count(*) filter (where not negated and not hypothetical) as n_asserted,
        count(*) filter (where negated) as n_negated,
        count(*) filter (where hypothetical) as n_hypothetical
    from {{ ref('stg_extracted__events') }}
    group by content_hash

),

articles as (

    select
        raw_articles.content_hash,
        raw_articles.doc_id,
        coalesce(clean_articles.title, raw_articles.title) as title,
        raw_articles.source,
        raw_articles.url,
        raw_articles.format,
        coalesce(clean_articles.published_at, raw_articles.published_at) as published_at,
        clean_articles.published_at_source,
        clean_articles.date_confidence,
        clean_articles.dateline_place,
        clean_articles.dateline_agency,
        length(clean_articles.body) as body_chars,
        raw_articles.first_loaded_at,
        article_status.extracted_at,
        coalesce(article_files.n_files, 0) as n_files,
        article_files.paths,
        coalesce(extracted_counts.n_extracted, 0) as n_extracted,
        coalesce(extracted_counts.n_asserted, 0) as n_asserted,
        coalesce(extracted_counts.n_negated, 0) as n_negated,
        coalesce(extracted_counts.n_hypothetical, 0) as n_hypothetical,
        -- greatest() skips nulls: the latest thing that happened to the article
        greatest(
            raw_articles.first_loaded_at,
            article_files.last_file_loaded_at,
            article_status.extracted_at
        ) as changed_at
    from raw_articles
    left join clean_articles on raw_articles.content_hash = clean_articles.content_hash
    left join article_status on raw_articles.content_hash = article_status.content_hash
    left join article_files on raw_articles.content_hash = article_files.content_hash
    left join extracted_counts on raw_articles.content_hash = extracted_counts.content_hash

),

described as (

    select
        content_hash,
        doc_id,
        title,
        source,
        url,
        format,
        published_at,
        published_at_source,
        date_confidence,
        dateline_place,
        dateline_agency,
        cast(body_chars as bigint) as body_chars,
        first_loaded_at,
        extracted_at,
        cast(n_files as bigint) as n_files,
        paths,
        cast(n_extracted as bigint) as n_extracted,
        cast(n_asserted as bigint) as n_asserted,
        cast(n_negated as bigint) as n_negated,
        cast(n_hypothetical as bigint) as n_hypothetical,
        changed_at
    from articles

),

final as (

    select
        *,
        -- any change to the article's row changes its fingerprint
        -- (the whole row cast to text: a row value on DuckDB and Postgres alike)
        {{ dbt.hash('described') }} as article_fingerprint
    from described

)

select * from final
-- noqa: disable=LT02
{% if is_incremental() %}
-- new and changed articles only
where not exists (
    select 1
    from {{ this }} as stored
    where stored.content_hash = final.content_hash
        and stored.article_fingerprint = final.article_fingerprint
)
{% endif %}
-- noqa: enable=LT02
