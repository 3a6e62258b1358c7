with

source as (

    select * from {{ source('extracted', 'place_mentions') }}

),

renamed as (

    select
        cast(mention_id as {{ dbt.type_string() }}) as mention_id,
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(doc_id as {{ dbt.type_string() }}) as doc_id,
        cast(event_id as {{ dbt.type_string() }}) as event_id,
        cast(place_id as {{ dbt.type_string() }}) as place_id,
        cast(location as {{ dbt.type_string() }}) as location,
        cast(text as {{ dbt.type_string() }}) as text,
        cast(feature_kind as {{ dbt.type_string() }}) as feature_kind,
        cast(admin1 as {{ dbt.type_string() }}) as admin1,
        cast(admin1_code as {{ dbt.type_string() }}) as admin1_code,
        cast(country as {{ dbt.type_string() }}) as country,
        upper(cast(country_code as {{ dbt.type_string() }})) as country_code,
        cast(latitude as {{ type_double() }}) as latitude,
        cast(longitude as {{ type_double() }}) as longitude,
        cast(geo_precision as integer) as geo_precision,
        cast(role as {{ dbt.type_string() }}) as role,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end

    from source

)

select * from renamed
