with

source as (

    select * from {{ source('extracted', 'entity_mentions') }}

),

renamed as (

    select
        cast(mention_id as {{ dbt.type_string() }}) as mention_id,
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(doc_id as {{ dbt.type_string() }}) as doc_id,
        cast(event_id as {{ dbt.type_string() }}) as event_id,
        cast(entity_type as {{ dbt.type_string() }}) as entity_type,
        cast(subtype as {{ dbt.type_string() }}) as subtype,
        cast(text as {{ dbt.type_string() }}) as text,
        cast(name as {{ dbt.type_string() }}) as name,
        cast(entity_key as {{ dbt.type_string() }}) as entity_key,
        cast(canonical as {{ dbt.type_string() }}) as canonical,
        cast(title as {{ dbt.type_string() }}) as title,
        cast(role as {{ dbt.type_string() }}) as role,
        cast(affiliation as {{ dbt.type_string() }}) as affiliation,
        cast(affiliation_text as {{ dbt.type_string() }}) as affiliation_text,
        cast(affiliation_source as {{ dbt.type_string() }}) as affiliation_source,
        cast(speech_role as {{ dbt.type_string() }}) as speech_role,
        cast(fate as {{ dbt.type_string() }}) as fate,
        cast(candidate as {{ dbt.type_string() }}) as candidate,
        cast(evidence as {{ dbt.type_string() }}) as evidence,
        cast(sentence as {{ dbt.type_string() }}) as sentence,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end

    from source

)

select * from renamed
