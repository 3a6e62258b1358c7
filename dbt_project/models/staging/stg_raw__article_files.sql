with

source as (

    select * from {{ source('raw', 'article_files') }}

),

renamed as (

    select
        cast(content_hash as varchar) as content_hash,
        cast(doc_id as varchar) as doc_id,
        cast(path as varchar) as path,
        cast(line as integer) as line,
        cast(source as varchar) as source,
        cast(format as varchar) as format,
        cast(loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
