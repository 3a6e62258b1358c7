with

source as (

    select * from {{ source('raw', 'articles') }}

),

renamed as (

    select
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(doc_id as {{ dbt.type_string() }}) as doc_id,
        cast(title as {{ dbt.type_string() }}) as title,
        cast(text as {{ dbt.type_string() }}) as text,
        cast(published_at as date) as published_at,
        cast(url as {{ dbt.type_string() }}) as url,
        cast(source as {{ dbt.type_string() }}) as source,
        cast(format as {{ dbt.type_string() }}) as format,
        cast(first_loaded_at as timestamp) as first_loaded_at

    from source

)

select * from renamed
