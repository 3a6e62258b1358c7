{#-
    Readable key of a place: country_code|admin1_code (or admin1 name)|location,
    e.g. 'SY|SY-DY|Sousa'. Unknown parts are empty, so a country-level event in
    Iraq gets 'IQ||'. Used by fct_events and dim_locations.
-#}
{% macro place_key(country_code, admin1_code, admin1, location) -%}
    {#- every part is coalesced, so dbt.concat's || (null when a part is) is safe -#}
    {{ dbt.concat([
        "coalesce(" ~ country_code ~ ", '')", "'|'",
        "coalesce(" ~ admin1_code ~ ", " ~ admin1 ~ ", '')", "'|'",
        "coalesce(" ~ location ~ ", '')"
    ]) }}
{%- endmacro %}
