with

source as (

    select * from {{ source('extracted', 'entity_mentions') }}

),

renamed as (

    select
        cast(mention_id as varchar) as mention_id,
        cast(content_hash as varchar) as content_hash,
        cast(doc_id as varchar) as doc_id,
        cast(event_id as varchar) as event_id,
        cast(entity_type as varchar) as entity_type,
        cast(subtype as varchar) as subtype,
        cast(text as varchar) as text,
        cast(name as varchar) as name,
        cast(entity_key as varchar) as entity_key,
        cast(canonical as varchar) as canonical,
        cast(title as varchar) as title,
        cast(role as varchar) as role,
        cast(affiliation as varchar) as affiliation,
        cast(affiliation_text as varchar) as affiliation_text,
        cast(affiliation_source as varchar) as affiliation_source,
        cast(speech_role as varchar) as speech_role,
        cast(fate as varchar) as fate,
        cast(candidate as varchar) as candidate,
        cast(evidence as varchar) as evidence,
        cast(sentence as varchar) as sentence,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end

    from source

)

select * from renamed
