with

source as (

    select * from {{ source('extracted', 'actor_mentions') }}

),

renamed as (

    select
        cast(mention_id as varchar) as mention_id,
        cast(content_hash as varchar) as content_hash,
        cast(doc_id as varchar) as doc_id,
        cast(event_id as varchar) as event_id,
        cast(actor as varchar) as actor,
        cast(actor_parent as varchar) as actor_parent,
        cast(actor_type as varchar) as actor_type,
        cast(text as varchar) as text,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        cast(resolution as varchar) as resolution

    from source

)

select * from renamed
