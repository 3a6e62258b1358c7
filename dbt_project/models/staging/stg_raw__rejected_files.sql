with

source as (

    select * from {{ source('raw', 'rejected_files') }}

),

renamed as (

    select
        cast(path as {{ dbt.type_string() }}) as path,
        cast(line as integer) as line,
        cast(reason as {{ dbt.type_string() }}) as reason,
        cast(first_bytes as {{ dbt.type_string() }}) as first_bytes,
        cast(rejected_at as timestamp) as rejected_at

    from source

)

select * from renamed
