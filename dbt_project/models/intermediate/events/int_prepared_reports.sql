-- One row per asserted article-level report (an extracted event that is neither negated nor
-- hypothetical) with the publication date, source and load time of its article.
-- Incremental: only the reports of articles whose int_prepared_articles row is new or changed
-- (another article_fingerprint than the one stored with their reports) are rebuilt, replacing
-- those articles' reports; the post-hook drops reports whose event is gone (an article
-- re-extracted into fewer events, or forgotten), so incremental runs equal a full refresh.
{{
    config(
        materialized='incremental',
        unique_key='content_hash',
        incremental_strategy='delete+insert',
        on_schema_change='sync_all_columns',
        post_hook="delete from {{ this }} where report_id not in (select event_id from {{ ref('stg_extracted__events') }} where not negated and not hypothetical)"
    )
}}

with

events as (

    select * from {{ ref('stg_extracted__events') }}
    -- asserted events only: the article neither denies nor merely anticipates them
    where not negated and not hypothetical

),

articles as (

    select * from {{ ref('int_prepared_articles') }} as prepared_articles
    -- noqa: disable=LT02
    {% if is_incremental() %}
    where not exists (
        select 1
        from {{ this }} as stored
        where stored.content_hash = prepared_articles.content_hash
            and stored.article_fingerprint = prepared_articles.article_fingerprint
    )
    {% endif %}
    -- noqa: enable=LT02

),

final as (

    select
        events.event_id as report_id,
        -- every column of the event but its id and the two flags filtered on above
        events.content_hash,
        events.doc_id,
        events.event_type,
        events.sub_event_type,
        events.actor1,
        events.actor1_parent,
        events.actor1_type,
        events.actor2,
        events.actor2_parent,
        events.actor2_type,
        events.location,
        events.location_text,
        events.admin1,
        events.admin1_code,
        events.country,
        events.country_code,
        events.latitude,
        events.longitude,
        events.geo_precision,
        events.event_date,
        events.date_text,
        events.time_precision,
        events.fatalities,
        events.fatalities_low,
        events.fatalities_high,
        events.wounded,
        events.casualties_total,
        events.cross_border,
        events.origin_country,
        events.target_country,
        events.claimed,
        events.evidence,
        events.char_start,
        events.char_end,
        events.confidence,
        articles.published_at,
        articles.source,
        articles.first_loaded_at,
        articles.changed_at,
        articles.article_fingerprint
    from events
    inner join articles on events.content_hash = articles.content_hash

)

select * from final
