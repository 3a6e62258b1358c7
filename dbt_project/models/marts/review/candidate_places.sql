-- Names that look like places but are not in the reference data, for analysts to accept into
-- seeds/reference/ or reject (conflict-events review). Rejected names are not extracted as
-- candidates; accepted ones resolve on the next run and leave this table.
with

candidates as (

    select
        name,
        candidate_key,
        spellings,
        mentions,
        articles,
        first_seen,
        last_seen,
        example_1,
        example_2,
        example_doc_ids
    from {{ ref('int_review_candidates') }}
    where candidate = 'place'

)

select * from candidates
