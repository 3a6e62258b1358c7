-- For each extracted event, who is quoted or credited for it: a person, a group's statement, a
-- monitor such as the Syrian Observatory for Human Rights, an outlet (and the dateline's agency,
-- which vouches for every event of its article).
with

events as (

    select event_id, content_hash, doc_id, sub_event_type, negated, hypothetical, char_start, char_end
    from {{ ref('stg_extracted__events') }}

),

reports as (

    select report_id, event_id as merged_event_id from {{ ref('fct_event_reports') }}

),

mentions as (

    select * from {{ ref('stg_extracted__entity_mentions') }}
    where speech_role is not null and entity_type in ('person', 'organisation', 'armed_group')

),

-- sources in the sentences that told the event: the mention's event, or any event whose
-- evidence sentence holds the mention (one sentence can tell two events). Two equi-joins rather
-- than one join on "or", which no engine can hash and which grows with events times mentions.
sentence_links as (

    select events.event_id, mentions.mention_id
    from events
    inner join mentions on mentions.event_id = events.event_id

    union

    select events.event_id, mentions.mention_id
    from events
    inner join mentions
        on mentions.content_hash = events.content_hash
            and mentions.char_start >= events.char_start
            and mentions.char_end <= events.char_end

),

-- the agency in the article's dateline ("ERBIL (Kurdistan 24)") credits every event of it
links as (

    select event_id, mention_id, 'sentence' as scope from sentence_links

    union all

    select events.event_id, mentions.mention_id, 'article' as scope
    from events
    inner join mentions on mentions.content_hash = events.content_hash and mentions.evidence = 'dateline'

),

all_sources as (

    select
        links.event_id,
        mentions.content_hash,
        mentions.doc_id,
        mentions.entity_type,
        mentions.subtype,
        mentions.text,
        mentions.name,
        mentions.entity_key,
        mentions.canonical,
        mentions.role,
        mentions.affiliation,
        mentions.speech_role,
        mentions.evidence,
        mentions.sentence,
        mentions.char_start,
        links.scope
    from links
    inner join mentions on links.mention_id = mentions.mention_id

),

-- one row per event and source: quoted beats credited, the sentence beats the article
ranked as (

    select
        *,
        row_number() over (
            partition by event_id, entity_type, entity_key
            order by speech_role = 'quoted' desc, scope = 'sentence' desc, char_start nulls last
        ) as rank_in_event
    from all_sources

),

final as (

    select
        ranked.event_id,
        reports.merged_event_id,
        ranked.content_hash,
        ranked.doc_id,
        events.sub_event_type,
        ranked.entity_type as source_type,
        coalesce(ranked.canonical, ranked.name) as source_name,
        ranked.entity_key as source_key,
        case
            when ranked.entity_type = 'person' then 'person'
            when ranked.entity_type = 'armed_group' then 'armed group'
            else coalesce(ranked.subtype, 'organisation')
        end as source_kind,
        ranked.speech_role,
        ranked.scope,
        ranked.role,
        ranked.affiliation,
        ranked.text,
        ranked.sentence,
        not (events.negated or events.hypothetical) as is_asserted  -- noqa: LT01,LT06
    from ranked
    inner join events on ranked.event_id = events.event_id
    left join reports on ranked.event_id = reports.report_id
    where ranked.rank_in_event = 1

)

select * from final
