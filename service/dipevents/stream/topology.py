"""The worker's faust topics and table, declared in one place (creating them on the broker: topics.py).

Both input topics have faust acks off: the offset ledgers decide what is done (dipevents.stream.ledger).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import faust
from aiokafka.partitioner import DefaultPartitioner

from dipevents.core.dedup import block_of
from dipevents.settings import KafkaSettings

# Renamed from "dedup-clusters" when the layout became one record per event (issue 14): a worker of this version
# starts with an empty table rather than misreading the old layout (see docs/reliability.md).
CLUSTERS_TABLE = "dedup-events"


def partition_of(key: bytes, partitions: int) -> int:
    """The partition Kafka's default partitioner (murmur2) gives `key`: where the producer sends a keyed record."""
    every = list(range(partitions))
    return int(DefaultPartitioner()(key, every, every))


class ClusterTable(faust.Table):  # type: ignore[misc]  # faust ships no type information
    """The dedup table. Its keys are an event's or a day index's ("<blocking key>|..." and "<blocking key>@...",
    dipevents.core.dedup); each is written to the changelog partition of its blocking key's candidates, so the
    worker that owns a candidates partition restores exactly the records its candidates need."""

    def partition_for_key(self, key: Any) -> int:
        text = key.decode() if isinstance(key, bytes) else str(key)
        return partition_of(candidate_key(block_of(text)), int(self.partitions))

    def _to_key(self, k: Any) -> Any:
        """A key restored from the changelog arrives as bytes; live writes use str (dipevents.stream.store): the
        restored key is that str again, so a restore overwrites the live entry instead of sitting beside it."""
        return k.decode() if isinstance(k, bytes) else k

    def keep_partitions(self, owned: Collection[int]) -> int:
        """Drop the local entries of every partition not in `owned` (after a rebalance); returns how many.

        Deleted from the store, not the table, so no tombstone reaches the changelog: the partition's new owner
        keeps them. faust's memory store forgets on its own only the entries it restored; those this worker wrote
        itself would stay, be read, swept (tombstones written into a partition another worker owns) and counted,
        and, had the partition come back, be stale (REVIEW-1, finding 1)."""
        store = self.data
        gone = [k for k in list(store.keys()) if self.partition_for_key(k) not in owned]
        for k in gone:
            del store[k]
        return len(gone)


@dataclass(frozen=True)
class Topology:
    articles: Any  # input: raw articles
    candidates: Any  # internal: extracted events keyed by blocking key
    events: Any  # output: first sightings
    state: Any  # output: every revision (compacted)
    dead_letters: Any  # output: bad input with the reason
    inflight: Any  # internal (compacted): the ledgers' journal of what is in flight
    clusters: Any  # the dedup table, changelog-backed, partitioned like the candidates


def declare(app: faust.App, k: KafkaSettings) -> Topology:
    def plain(name: str, **kw: Any) -> Any:
        return app.topic(name, key_type=bytes, value_type=bytes, partitions=k.partitions, **kw)

    return Topology(
        articles=plain(k.articles_topic, acks=False),
        candidates=plain(k.candidates_topic, internal=True, acks=False),
        events=plain(k.events_topic),
        state=plain(k.state_topic),
        dead_letters=plain(k.dead_letter_topic),
        inflight=plain(k.inflight_topic),
        clusters=app.tables.add(
            ClusterTable(
                app,
                name=CLUSTERS_TABLE,
                default=None,
                beacon=app.tables.beacon,
                partitions=k.partitions,
                schema=faust.Schema(key_type=bytes, key_serializer="raw", value_serializer="json"),
            )
        ),
    )


def candidate_key(block: str) -> bytes:
    """The candidates topic key: the blocking key as the dedup table's changelog serialises it (JSON), so a
    key's candidates and its table entry live on the same partition."""
    return json.dumps(block).encode()
