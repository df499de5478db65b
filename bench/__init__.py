"""The benchmark: `make bench` (bench.run), `make bench-record` (bench.record), `make bench-speed` (bench.speed).

Every side does equal work (reads whole articles, extracts events, is scored on the held-out sets); results go
to bench/results/ (git-ignored); docs/benchmarks.md explains the tables and keeps the recorded runs.
"""
