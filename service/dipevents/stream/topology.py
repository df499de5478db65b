"""The worker's faust topics and table, declared in one place (creating them on the broker: topics.py).

Both input topics have faust acks off: the offset ledgers decide what is done (dipevents.stream.ledger).
"""

from __future__ import annotations

import asyncio
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


def changelog_name(group_id: str) -> str:
    """The dedup table's changelog topic, as faust names it (app id, table name)."""
    return f"{group_id}-{CLUSTERS_TABLE}-changelog"


def partition_of(key: bytes, partitions: int) -> int:
    """The partition Kafka's default partitioner (murmur2) gives `key`: where the producer sends a keyed record."""
    every = list(range(partitions))
    return int(DefaultPartitioner()(key, every, every))


class ClusterTable(faust.Table):  # type: ignore[misc]  # faust ships no type information
    """The dedup table. Its keys are an event's or a day index's ("<blocking key>|..." and "<blocking key>@...",
    dipevents.core.dedup); each is written to the changelog partition of its blocking key's candidates, so the
    worker that owns a candidates partition restores exactly the records its candidates need.

    Every changelog record's delivery is tracked: faust drops the futures, and a producer flush does not raise for
    a failed send, so a commit could pass a lost changelog record (a double announcement after the next restore).
    `changelog_acked` is what the committer awaits before it commits (review finding 6)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._unacked: set[asyncio.Future[Any]] = set()
        self.lost: BaseException | None = None  # the first changelog record the broker never acknowledged
        self.ack_timeout = 30.0  # seconds a commit waits for the changelog acks before trying at the next tick

    def send_changelog(self, *args: Any, **kwargs: Any) -> Any:
        fut = super().send_changelog(*args, **kwargs)
        self._unacked.add(fut)
        fut.add_done_callback(self._acked)
        return fut

    def _acked(self, fut: asyncio.Future[Any]) -> None:
        self._unacked.discard(fut)
        if not fut.cancelled() and fut.exception() is not None and self.lost is None:
            self.lost = fut.exception()

    async def changelog_acked(self) -> None:
        """Return once every changelog record sent so far is acknowledged. Raises TimeoutError when some are still
        pending after `ack_timeout` (the commit waits for the next tick), and ChangelogLost, from then on, once one
        was lost: the local table holds a write its changelog does not, so nothing past it may be committed; a
        restart replays from the last commit and writes it again."""
        if self._unacked:
            _, pending = await asyncio.wait(set(self._unacked), timeout=self.ack_timeout)
            if pending:
                raise TimeoutError(f"{len(pending)} changelog records not acknowledged in {self.ack_timeout:g} s")
        if self.lost is not None:
            raise ChangelogLost(f"a dedup table changelog record was lost: {self.lost!r}") from self.lost

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


class ChangelogLost(RuntimeError):
    """A changelog record of the dedup table was not acknowledged: offsets are not committed any more."""


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
