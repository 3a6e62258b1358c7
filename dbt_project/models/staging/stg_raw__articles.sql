with

source as (

    select * from {{ source('raw', 'articles') }}

),

renamed as (

    select
        cast(content_hash as varchar) as content_hash,
        cast(doc_id as varchar) as doc_id,
        cast(title as varchar) as title,
        cast(text as varchar) as text,
        cast(published_at as date) as published_at,
        cast(url as varchar) as url,
        cast(source as varchar) as source,
        cast(format as varchar) as format,
        cast(first_loaded_at as timestamp) as first_loaded_at

    from source

)

select * from renamed
