"""Performance tools: a realistic data set (generate.py), timings of the officer's views (run.py)
and other load checks. See docs/benchmarks.md."""
