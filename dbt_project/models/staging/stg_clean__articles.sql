with

source as (

    select * from {{ source('clean', 'articles') }}

),

renamed as (

    select
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(doc_id as {{ dbt.type_string() }}) as doc_id,
        cast(title as {{ dbt.type_string() }}) as title,
        cast(body as {{ dbt.type_string() }}) as body,
        cast(published_at as date) as published_at,
        cast(published_at_source as {{ dbt.type_string() }}) as published_at_source,
        cast(date_confidence as {{ dbt.type_string() }}) as date_confidence,
        cast(dateline_place as {{ dbt.type_string() }}) as dateline_place,
        cast(dateline_date_text as {{ dbt.type_string() }}) as dateline_date_text,
        cast(dateline_agency as {{ dbt.type_string() }}) as dateline_agency,
        cast(removed as {{ dbt.type_string() }}) as removed

    from source

)

select * from renamed
