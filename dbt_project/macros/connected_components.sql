{#-
    Connected components of an undirected graph, as a select of (node, component) where
    component is the smallest node id reachable from node. nodes_relation has a column node;
    edges_relation has node_a and node_b (one row per edge, either direction). Every node
    appears once, also when it has no edge. Written as a recursive CTE, so it can stand as the
    body of a CTE: the work grows with the square of the largest component, which is small
    for reports of one event.
-#}
{% macro connected_components(nodes_relation, edges_relation) -%}
    with recursive

    both_ways as (

        select node_a as node_from, node_b as node_to from {{ edges_relation }}
        union
        select node_b as node_from, node_a as node_to from {{ edges_relation }}

    ),

    reached(node, root) as (

        select node, node as root from {{ nodes_relation }}
        union
        select both_ways.node_to as node, reached.root
        from reached
        inner join both_ways on reached.node = both_ways.node_from

    )

    select node, min(root) as component
    from reached
    group by node
{%- endmacro %}
