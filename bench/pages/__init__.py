"""The pages benchmark (``bench/bench_pages.py``): its helpers and its locustfile."""
