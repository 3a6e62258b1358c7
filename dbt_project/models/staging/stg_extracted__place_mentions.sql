with

source as (

    select * from {{ source('extracted', 'place_mentions') }}

),

renamed as (

    select
        cast(mention_id as varchar) as mention_id,
        cast(content_hash as varchar) as content_hash,
        cast(doc_id as varchar) as doc_id,
        cast(event_id as varchar) as event_id,
        cast(place_id as varchar) as place_id,
        cast(location as varchar) as location,
        cast(text as varchar) as text,
        cast(feature_kind as varchar) as feature_kind,
        cast(admin1 as varchar) as admin1,
        cast(admin1_code as varchar) as admin1_code,
        cast(country as varchar) as country,
        upper(cast(country_code as varchar)) as country_code,
        cast(latitude as double) as latitude,
        cast(longitude as double) as longitude,
        cast(geo_precision as integer) as geo_precision,
        cast(role as varchar) as role,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end

    from source

)

select * from renamed
