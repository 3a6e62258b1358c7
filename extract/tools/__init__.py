"""Tools around the pipeline: the command line, review, evaluation, benchmarks, corpus building."""
