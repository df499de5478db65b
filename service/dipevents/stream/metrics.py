"""Prometheus metrics of the worker and of the lag exporter: `dipevents_` prefix, base units, low-cardinality labels.

Every metric lives in one registry owned by `Metrics` (or `GroupLagMetrics`), so tests and several apps in one
process never clash. deploy/grafana and deploy/prometheus query exactly these names (a test checks it).

Per-partition series exist only while this worker owns the partition: `forget_partition` removes them on revoke,
so a partition's last values never outlive its ownership (alerts read "has a series" as "owns it").
"""

from __future__ import annotations

import contextlib
import os

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, Info
from prometheus_client.gc_collector import GCCollector
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector

# `extract` is the whole ArticleProcessor call: spaCy's parse and the extractors run inside one core call, so a
# separate `nlp` stage cannot be timed from the shell (it was declared once and never recorded).
STAGES = ("decode", "extract", "dedup", "publish")
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# Written into the image by the Dockerfile (ARG REVISION): the git commit the image was built from.
REVISION_ENV = "DIPEVENTS_BUILD_REVISION"


def build_labels(model: str | None = None) -> dict[str, str]:
    """The labels of `dipevents_build_info`: package version, git revision of the image, spaCy model."""
    from dipevents import __version__

    labels = {"version": __version__, "revision": os.environ.get(REVISION_ENV) or "unknown"}
    if model is not None:
        labels["model"] = model
    return labels


def _process_collectors(registry: CollectorRegistry) -> None:
    """process_* (CPU, RSS, start time: restarts), python_info and python_gc_*, as the default registry has them."""
    ProcessCollector(registry=registry)
    PlatformCollector(registry=registry)
    GCCollector(registry=registry)


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        _process_collectors(r)
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
        self.bridges = Counter(
            "dipevents_event_bridges",
            "Events retired into another (merged_into) when a later article showed the two were one event",
            ["event_type"],
            registry=r,
        )
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
        for stage in STAGES:  # every stage has a series from the start: a missing one reads as "never ran"
            self.stage_seconds.labels(stage=stage)
        self.latency = Histogram(
            "dipevents_consume_to_publish_seconds",
            "From consuming an article to publishing its events",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.lag = Gauge(
            "dipevents_consumer_lag_records",
            "Records after the group's committed offset (log end - committed), per input partition this worker owns",
            ["topic", "partition"],
            registry=r,
        )
        self.committed_offset = Gauge(
            "dipevents_committed_offset",
            "Last offset committed by this worker, per input partition it owns",
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
        self.quarantined = Counter(
            "dipevents_quarantined",
            "Input records dead-lettered unprocessed because the worker process exited on them at several starts",
            ["topic"],
            registry=r,
        )
        self.task_failures = Counter(
            "dipevents_task_failures",
            "Exceptions contained in a timer or signal handler (the task runs again at its next turn), by task",
            ["task"],
            registry=r,
        )
        self.rebalances = Counter("dipevents_rebalances", "Consumer group rebalances seen", registry=r)
        self.ready = Gauge("dipevents_ready", "1 when the worker is ready to process (same as /ready)", registry=r)
        self.recovered = Gauge(
            "dipevents_recovered",
            "1 when the tables of the current assignment are recovered from their changelogs, 0 while they recover",
            registry=r,
        )
        self.broker_reachable = Gauge(
            "dipevents_broker_reachable",
            "1 while the worker's last request to the brokers (topic check, lag report) succeeded",
            registry=r,
        )
        self.build = Info("dipevents_build", "Build information", registry=r)

    def describe_build(self, model: str) -> None:
        self.build.info(build_labels(model))

    def forget_partition(self, topic: str, partition: int) -> None:
        """The partition is no longer ours: its series go, instead of keeping their last values for ever."""
        for gauge in (self.lag, self.committed_offset):
            with contextlib.suppress(KeyError):
                gauge.remove(topic, str(partition))

    def owned_partitions(self) -> set[tuple[str, int]]:
        """(topic, partition) of every per-partition series this worker exports."""
        owned: set[tuple[str, int]] = set()
        for gauge in (self.lag, self.committed_offset):
            for family in gauge.collect():
                owned.update((s.labels["topic"], int(s.labels["partition"])) for s in family.samples)
        return owned


class GroupLagMetrics:
    """What `dipevents lag-exporter` exports: the group's lag as the brokers see it, whether or not a worker runs."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        _process_collectors(r)
        self.lag = Gauge(
            "dipevents_group_lag_records",
            "Log end offset minus the group's committed offset (log start when it has none), per input partition",
            ["group", "topic", "partition"],
            registry=r,
        )
        self.committed_offset = Gauge(
            "dipevents_group_committed_offset",
            "The group's committed offset per input partition (absent when it has none)",
            ["group", "topic", "partition"],
            registry=r,
        )
        self.polls = Counter(
            "dipevents_group_lag_polls",
            "Reads of the group's offsets from the brokers, by result",
            ["result"],
            registry=r,
        )
        for result in ("ok", "error"):
            self.polls.labels(result=result)
        self.build = Info("dipevents_build", "Build information", registry=r)
        self.build.info(build_labels())
