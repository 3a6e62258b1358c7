with

source as (

    select * from {{ source('extracted', 'article_status') }}

),

renamed as (

    select
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(rules_fingerprint as {{ dbt.type_string() }}) as rules_fingerprint,
        cast(n_events as integer) as n_events,
        cast(extracted_at as timestamp) as extracted_at

    from source

)

select * from renamed
