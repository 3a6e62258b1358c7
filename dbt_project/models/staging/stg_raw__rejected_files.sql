with

source as (

    select * from {{ source('raw', 'rejected_files') }}

),

renamed as (

    select
        cast(path as varchar) as path,
        cast(line as integer) as line,
        cast(reason as varchar) as reason,
        cast(first_bytes as varchar) as first_bytes,
        cast(rejected_at as timestamp) as rejected_at

    from source

)

select * from renamed
