"""Performance benchmarks: a realistic data set (generate.py) and timings of the officer's views
(run.py). See docs/benchmarks.md."""
