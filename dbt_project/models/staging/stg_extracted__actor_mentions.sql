with

source as (

    select * from {{ source('extracted', 'actor_mentions') }}

),

renamed as (

    select
        cast(mention_id as {{ dbt.type_string() }}) as mention_id,
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(doc_id as {{ dbt.type_string() }}) as doc_id,
        cast(event_id as {{ dbt.type_string() }}) as event_id,
        cast(actor as {{ dbt.type_string() }}) as actor,
        cast(actor_parent as {{ dbt.type_string() }}) as actor_parent,
        cast(actor_type as {{ dbt.type_string() }}) as actor_type,
        cast(text as {{ dbt.type_string() }}) as text,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        cast(resolution as {{ dbt.type_string() }}) as resolution

    from source

)

select * from renamed
