"""Prometheus metrics of the worker: `dipevents_` prefix, base units, low-cardinality labels.

Every metric lives in one registry owned by `Metrics`, so tests and several apps in one process never clash.
deploy/grafana and deploy/prometheus query exactly these names (a test checks it).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info

STAGES = ("decode", "nlp", "extract", "dedup", "publish")
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.articles = Counter("dipevents_articles_consumed", "Articles consumed, by outcome", ["outcome"], registry=r)
        self.events_extracted = Counter(
            "dipevents_events_extracted", "Events extracted from articles, by type", ["event_type"], registry=r
        )
        self.events_published = Counter(
            "dipevents_events_first_published", "Events published at first sighting", ["event_type"], registry=r
        )
        self.revisions = Counter(
            "dipevents_event_revisions_published", "Revisions published to the state topic", ["event_type"], registry=r
        )
        self.duplicates = Counter("dipevents_duplicates_merged", "Duplicates merged, by kind", ["kind"], registry=r)
        self.dead_letters = Counter(
            "dipevents_dead_letters", "Records sent to the dead-letter topic, by reason", ["reason"], registry=r
        )
        self.stage_seconds = Histogram(
            "dipevents_processing_seconds",
            "Time spent per pipeline stage",
            ["stage"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.latency = Histogram(
            "dipevents_consume_to_publish_seconds",
            "From consuming an article to publishing its events",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.lag = Gauge(
            "dipevents_consumer_lag_records",
            "Records of the articles topic after the group's committed offset (log end - committed), per partition",
            ["topic", "partition"],
            registry=r,
        )
        self.committed_offset = Gauge(
            "dipevents_committed_offset",
            "Last offset committed by this worker, per input partition",
            ["topic", "partition"],
            registry=r,
        )
        self.offset_repairs = Counter(
            "dipevents_offset_repairs",
            "Input records the consumer delivered again (redelivered, dropped) or skipped (recovered from the log)",
            ["topic", "kind"],
            registry=r,
        )
        self.dedup_state = Gauge(
            "dipevents_dedup_state_events", "Events held in the dedup window on this worker", registry=r
        )
        self.task_failures = Counter(
            "dipevents_task_failures",
            "Exceptions contained in a timer or signal handler (the task runs again at its next turn), by task",
            ["task"],
            registry=r,
        )
        self.rebalances = Counter("dipevents_rebalances", "Consumer group rebalances seen", registry=r)
        self.ready = Gauge("dipevents_ready", "1 when the worker is ready to process", registry=r)
        self.build = Info("dipevents_build", "Build information", registry=r)
