"""Loading: files in, articles out (reading, decoding, language check, content hashes).

Plain Python: no DuckDB, no pandas, no Dagster.
"""
