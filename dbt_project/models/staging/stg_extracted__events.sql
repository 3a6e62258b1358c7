with

source as (

    select * from {{ source('extracted', 'events') }}

),

renamed as (

    select
        -- ids
        cast(event_id as {{ dbt.type_string() }}) as event_id,
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(doc_id as {{ dbt.type_string() }}) as doc_id,

        -- what
        cast(event_type as {{ dbt.type_string() }}) as event_type,
        cast(sub_event_type as {{ dbt.type_string() }}) as sub_event_type,

        -- who
        cast(actor1 as {{ dbt.type_string() }}) as actor1,
        cast(actor1_parent as {{ dbt.type_string() }}) as actor1_parent,
        cast(actor1_type as {{ dbt.type_string() }}) as actor1_type,
        cast(actor2 as {{ dbt.type_string() }}) as actor2,
        cast(actor2_parent as {{ dbt.type_string() }}) as actor2_parent,
        cast(actor2_type as {{ dbt.type_string() }}) as actor2_type,

        -- where
        cast(location as {{ dbt.type_string() }}) as location,
        cast(location_text as {{ dbt.type_string() }}) as location_text,
        cast(admin1 as {{ dbt.type_string() }}) as admin1,
        cast(admin1_code as {{ dbt.type_string() }}) as admin1_code,
        cast(country as {{ dbt.type_string() }}) as country,
        upper(cast(country_code as {{ dbt.type_string() }})) as country_code,
        cast(latitude as {{ type_double() }}) as latitude,
        cast(longitude as {{ type_double() }}) as longitude,
        cast(geo_precision as integer) as geo_precision,

        -- when
        cast(event_date as date) as event_date,
        cast(date_text as {{ dbt.type_string() }}) as date_text,
        cast(time_precision as integer) as time_precision,

        -- how many
        cast(fatalities as integer) as fatalities,
        cast(fatalities_low as integer) as fatalities_low,
        cast(fatalities_high as integer) as fatalities_high,
        cast(wounded as integer) as wounded,
        cast(casualties_total as integer) as casualties_total,

        -- qualifiers
        coalesce(cast(cross_border as boolean), false) as cross_border,
        upper(cast(origin_country as {{ dbt.type_string() }})) as origin_country,
        upper(cast(target_country as {{ dbt.type_string() }})) as target_country,
        coalesce(cast(negated as boolean), false) as negated,
        coalesce(cast(hypothetical as boolean), false) as hypothetical,
        coalesce(cast(claimed as boolean), false) as claimed,

        -- provenance
        cast(evidence as {{ dbt.type_string() }}) as evidence,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        cast(confidence as {{ type_double() }}) as confidence

    from source

)

select * from renamed
