"""Commits what the ledgers say is done, and reports lag from the committed offsets.

Order per commit: take the offsets, flush the producer (every output of those records - candidates, dead letters,
events, state, the dedup table's changelog - is then on the broker), commit. A record processed after the
snapshot is not covered, so a commit never passes a record whose outputs could still be lost.

The commit goes through faust's consumer (`_commit`): only a member of the group may commit its offsets, and
that consumer is the member. It is the single faust-internal call of the worker.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection
from typing import Any

from faust.types import TP

from dipevents.stream.health import HealthState
from dipevents.stream.ledger import LogSource, OffsetLedger
from dipevents.stream.metrics import Metrics

log = logging.getLogger("dipevents.offsets")


class OffsetCommitter:
    def __init__(self, app: Any, ledgers: list[OffsetLedger], metrics: Metrics, health: HealthState) -> None:
        self._app = app
        self._ledgers = ledgers
        self._metrics = metrics
        self._health = health
        self._lock = asyncio.Lock()

    async def commit(self, only: Collection[TP] | None = None) -> bool:
        async with self._lock:
            assignment = self._app.consumer.assignment()
            offsets: dict[TP, int] = {}
            for ledger in self._ledgers:
                for partition, offset in ledger.committable().items():
                    tp = TP(ledger.topic, partition)
                    if tp in assignment and (only is None or tp in only):
                        offsets[tp] = offset
            if not offsets:
                return False
            await self._app.producer.flush()
            if not await self._app.consumer._commit(offsets):
                log.warning(
                    "offset commit refused (rebalance)", extra={"offsets": {str(t): o for t, o in offsets.items()}}
                )
                return False
            by_topic = {ledger.topic: ledger for ledger in self._ledgers}
            for tp, offset in offsets.items():
                by_topic[tp.topic].mark_committed(tp.partition, offset)
                self._metrics.committed_offset.labels(topic=tp.topic, partition=str(tp.partition)).set(offset)
            self._health.progress()
            return True

    async def report_lag(self, source: LogSource, topic: str) -> None:
        """Lag = log end - committed offset: what a restart would have to read again, and what a stalled
        commit makes grow even while records are still being consumed."""
        ledger = next((lg for lg in self._ledgers if lg.topic == topic), None)
        total = 0
        for tp in self._app.consumer.assignment():
            if tp.topic != topic or ledger is None:
                continue
            committed = ledger.committed_offset(tp.partition)
            if committed is None:
                committed = await source.committed(tp.topic, tp.partition)
            start, end = await source.bounds(tp.topic, tp.partition)
            lag = max(0, end - max(committed if committed is not None else start, start))
            self._metrics.lag.labels(topic=tp.topic, partition=str(tp.partition)).set(lag)
            total += lag
        self._health.lag = total
