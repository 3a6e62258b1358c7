with

source as (

    select * from {{ source('clean', 'articles') }}

),

renamed as (

    select
        cast(content_hash as varchar) as content_hash,
        cast(doc_id as varchar) as doc_id,
        cast(title as varchar) as title,
        cast(body as varchar) as body,
        cast(published_at as date) as published_at,
        cast(published_at_source as varchar) as published_at_source,
        cast(date_confidence as varchar) as date_confidence,
        cast(dateline_place as varchar) as dateline_place,
        cast(dateline_date_text as varchar) as dateline_date_text,
        cast(dateline_agency as varchar) as dateline_agency,
        cast(removed as varchar) as removed

    from source

)

select * from renamed
