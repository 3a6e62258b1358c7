"""Storage: the DuckDB warehouse (schema, connection, reads, writes), the Parquet parts, the
stages that stream batches through worker processes, and the copy into PostgreSQL."""
