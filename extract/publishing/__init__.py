"""Publishing: the read-only copy of the marts for BI tools, the Parquet exports, and the HTML
report with its SVG charts. Plain Python: the Dagster assets in orchestration/ call it."""
