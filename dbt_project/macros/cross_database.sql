{#-
    Cross-database helpers for what dbt's own cross-database macros (dbt.datediff, dbt.dateadd,
    dbt.date_trunc, dbt.concat, dbt.hash, dbt.any_value, dbt.array_construct, dbt.type_*) do not
    cover. Each dispatches on the adapter: duckdb__ keeps the DuckDB SQL the models were first
    written in, so the DuckDB warehouse does not change; default__ is the PostgreSQL form
    (tested by tests/test_dbt_second_target.py), and another adapter can add its own
    implementation (e.g. snowflake__max_by) next to them. See docs/scaling_warehouse.md.
-#}


{#- A double-precision float: DuckDB's double; elsewhere dbt's float (float8 on Postgres).
    dbt.type_float() itself is not used on DuckDB, where float is a 4-byte real. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'conflict_events')()) }}
{%- endmacro %}

{% macro duckdb__type_double() -%}
    double
{%- endmacro %}

{% macro default__type_double() -%}
    {{ dbt.type_float() }}
{%- endmacro %}


{#- Aggregate: the sorted array of the values of expression, nulls left out, optionally only the
    distinct ones and only the rows where `where` holds. An empty group gives an empty array
    (DuckDB's list_sort(list_distinct(list(...))) does, and the marts rely on it). -#}
{% macro sorted_array_agg(expression, distinct=true, where=none) -%}
    {{ return(adapter.dispatch('sorted_array_agg', 'conflict_events')(expression, distinct, where)) }}
{%- endmacro %}

{% macro duckdb__sorted_array_agg(expression, distinct, where) -%}
    {%- set aggregated -%}
        list({{ expression }}){% if where %} filter (where {{ where }}){% endif %}
    {%- endset -%}
    {%- if distinct -%}
        list_sort(list_distinct({{ aggregated }}))
    {%- else -%}
        list_sort({{ aggregated }})
    {%- endif -%}
{%- endmacro %}

{% macro default__sorted_array_agg(expression, distinct, where) -%}
    coalesce(
        array_agg({% if distinct %}distinct {% endif %}{{ expression }} order by {{ expression }})
            filter (where {{ expression }} is not null{% if where %} and ({{ where }}){% endif %}),
        '{}'
    )
{%- endmacro %}


{#- Aggregate: the value of `expression` on the row where `ordering` is largest (rows where either
    is null are skipped), optionally only over the rows where `where` holds. On DuckDB a tie goes
    to any of the tied rows (arg_max); elsewhere to the smallest value of expression. -#}
{% macro max_by(expression, ordering, where=none) -%}
    {{ return(adapter.dispatch('max_by', 'conflict_events')(expression, ordering, where)) }}
{%- endmacro %}

{% macro duckdb__max_by(expression, ordering, where) -%}
    arg_max({{ expression }}, {{ ordering }}){% if where %} filter (where {{ where }}){% endif %}
{%- endmacro %}

{% macro default__max_by(expression, ordering, where) -%}
    (array_agg({{ expression }} order by {{ ordering }} desc, {{ expression }})
        filter (where {{ expression }} is not null and {{ ordering }} is not null{% if where %} and ({{ where }}){% endif %}))[1]
{%- endmacro %}


{#- Aggregate: the most frequent non-null value. On DuckDB a tie goes to any of the tied values
    (mode); elsewhere to the smallest (the ordered-set aggregate mode()). -#}
{% macro most_frequent(expression) -%}
    {{ return(adapter.dispatch('most_frequent', 'conflict_events')(expression)) }}
{%- endmacro %}

{% macro duckdb__most_frequent(expression) -%}
    mode({{ expression }})
{%- endmacro %}

{% macro default__most_frequent(expression) -%}
    mode() within group (order by {{ expression }})
{%- endmacro %}


{#- Aggregate: how many distinct non-null values the expressions take, all together (e.g. actors
    on either side of a group of events). -#}
{% macro count_distinct_across(expressions) -%}
    {{ return(adapter.dispatch('count_distinct_across', 'conflict_events')(expressions)) }}
{%- endmacro %}

{% macro duckdb__count_distinct_across(expressions) -%}
    {%- set lists = [] -%}
    {%- for expression in expressions -%}
        {%- do lists.append('list(' ~ expression ~ ')') -%}
    {%- endfor -%}
    length(list_distinct({{ lists | join(' || ') }}))
{%- endmacro %}

{% macro default__count_distinct_across(expressions) -%}
    {%- set arrays = [] -%}
    {%- for expression in expressions -%}
        {%- do arrays.append('array_agg(' ~ expression ~ ')') -%}
    {%- endfor -%}
    (select count(distinct value) from unnest({{ arrays | join(' || ') }}) as across(value))
{%- endmacro %}


{#- Number of elements of an array (0 for an empty one). -#}
{% macro array_size(array) -%}
    {{ return(adapter.dispatch('array_size', 'conflict_events')(array)) }}
{%- endmacro %}

{% macro duckdb__array_size(array) -%}
    length({{ array }})
{%- endmacro %}

{% macro default__array_size(array) -%}
    cardinality({{ array }})
{%- endmacro %}


{#- True when the string matches the regular expression anywhere (not anchored). The patterns
    used here (alternation, groups, literals) mean the same in RE2 and in POSIX AREs. -#}
{% macro regexp_contains(expression, pattern) -%}
    {{ return(adapter.dispatch('regexp_contains', 'conflict_events')(expression, pattern)) }}
{%- endmacro %}

{% macro duckdb__regexp_contains(expression, pattern) -%}
    regexp_matches({{ expression }}, {{ pattern }})
{%- endmacro %}

{% macro default__regexp_contains(expression, pattern) -%}
    ({{ expression }} ~ {{ pattern }})
{%- endmacro %}


{#- A string of at most 15 hexadecimal digits (no prefix) read as a bigint. -#}
{% macro hex_to_bigint(expression) -%}
    {{ return(adapter.dispatch('hex_to_bigint', 'conflict_events')(expression)) }}
{%- endmacro %}

{% macro duckdb__hex_to_bigint(expression) -%}
    cast(('0x' || {{ expression }}) as bigint)
{%- endmacro %}

{% macro default__hex_to_bigint(expression) -%}
    cast(cast(('x' || lpad({{ expression }}, 16, '0')) as bit(64)) as bigint)
{%- endmacro %}


{#- A set-returning call with one row per day from start_day to end_day (both included), as
    timestamps; no row when either bound is null. Use it as a table after `cross join lateral`,
    with an alias naming its column: `... as days (day)` (DuckDB and Postgres both run it so). -#}
{% macro day_series(start_day, end_day) -%}
    {{ return(adapter.dispatch('day_series', 'conflict_events')(start_day, end_day)) }}
{%- endmacro %}

{% macro default__day_series(start_day, end_day) -%}
    generate_series(
        cast({{ start_day }} as {{ dbt.type_timestamp() }}),
        cast({{ end_day }} as {{ dbt.type_timestamp() }}),
        interval '1 day'
    )
{%- endmacro %}
