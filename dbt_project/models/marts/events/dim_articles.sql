with

articles as (

    select * from {{ ref('int_prepared_articles') }}

),

reports as (

    select report_id, event_id, content_hash, is_primary, seen_on
    from {{ ref('fct_event_reports') }}

),

events as (

    select event_id, n_articles from {{ ref('fct_events') }}

),

article_events as (

    select
        reports.content_hash,
        count(*) as n_reports,
        count(distinct reports.event_id) as n_events,
        count(distinct reports.event_id) filter (where events.n_articles > 1) as n_events_shared,
        count(*) filter (where reports.is_primary) as n_events_primary,
        min(reports.seen_on) as first_event_on,
        max(reports.seen_on) as last_event_on
    from reports
    inner join events on reports.event_id = events.event_id
    group by reports.content_hash

),

final as (

    select
        articles.content_hash,
        articles.doc_id,
        articles.title,
        articles.source,
        articles.url,
        articles.format,
        articles.published_at,
        articles.published_at_source,
        articles.date_confidence,
        articles.dateline_place,
        articles.dateline_agency,
        articles.first_loaded_at,
        articles.extracted_at,
        articles.n_files,
        articles.paths,
        articles.body_chars,
        articles.n_extracted,
        articles.n_negated,
        articles.n_hypothetical,
        cast(coalesce(article_events.n_reports, 0) as bigint) as n_reports,
        cast(coalesce(article_events.n_events, 0) as bigint) as n_events,
        cast(coalesce(article_events.n_events_shared, 0) as bigint) as n_events_shared,
        cast(coalesce(article_events.n_events_primary, 0) as bigint) as n_events_primary,
        article_events.first_event_on,
        article_events.last_event_on
    from articles
    left join article_events on articles.content_hash = article_events.content_hash

)

select * from final
