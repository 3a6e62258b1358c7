with

source as (

    select * from {{ source('raw', 'article_files') }}

),

renamed as (

    select
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(doc_id as {{ dbt.type_string() }}) as doc_id,
        cast(path as {{ dbt.type_string() }}) as path,
        cast(line as integer) as line,
        cast(source as {{ dbt.type_string() }}) as source,
        cast(format as {{ dbt.type_string() }}) as format,
        cast(loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
