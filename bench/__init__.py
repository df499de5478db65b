"""`make bench`: the naive spaCy baseline against dipevents, extraction-only and through Kafka (bench.run).

The corpus is generated, seeded and reproducible (bench.corpus); results go to bench/results/ (git-ignored)
and one dated row per full run to docs/benchmarks.md.
"""
