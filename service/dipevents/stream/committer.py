"""Commits what the ledgers say is done, and reports lag from the committed offsets.

Order per commit: take the offsets, flush the producer, wait for the dedup table's changelog records to be
acknowledged (`acked`; it raises when one was lost), commit. The handlers await the acks of their other outputs
(candidates, first sightings, revisions, dead letters) before a record is done: a flush does not raise for a
failed send (review finding 6). A record processed after the snapshot is not covered, so a commit never passes a
record whose outputs could still be lost.

The commit goes through faust's consumer (`_commit`): only a member of the group may commit its offsets, and
that consumer is the member. It is the single faust-internal call of the worker.

Both run from timers, whose exceptions upkeep contains (an exception escaping a faust timer stops the whole app).
A failed commit is tried again at the next tick (the ledgers keep the offsets). A failed or timed-out lag report
is handled here, because it says something: the brokers are unreachable (readiness, `dipevents_broker_reachable`);
the last lag values stay until the next report.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection, Iterable
from typing import Any

from faust.types import TP

from dipevents.stream.health import HealthState
from dipevents.stream.ledger import LogSource, OffsetLedger
from dipevents.stream.metrics import Metrics

log = logging.getLogger("dipevents.offsets")


class OffsetCommitter:
    def __init__(
        self,
        app: Any,
        ledgers: list[OffsetLedger],
        metrics: Metrics,
        health: HealthState,
        *,
        report_timeout: float = 20.0,
        acked: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._app = app
        self._ledgers = ledgers
        self._metrics = metrics
        self._health = health
        self._report_timeout = report_timeout
        self._acked = acked  # returns once the sends the handlers do not await are acknowledged; raises if one failed
        self._lock = asyncio.Lock()

    async def commit(self, only: Collection[TP] | None = None) -> bool:
        """Commit what is finished; False when there was nothing to commit or the group refused. An exception
        (producer or broker gone) propagates to the caller, which contains it (dipevents.stream.upkeep); the
        ledgers keep the offsets, so the next tick commits them."""
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
            if self._acked is not None:
                await self._acked()  # raises: nothing is committed, the ledgers keep the offsets
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

    def forget(self, partitions: Iterable[Any]) -> None:
        """Revoked partitions: their lag and committed-offset series go with them."""
        for tp in partitions:
            self._metrics.forget_partition(tp.topic, tp.partition)

    async def report_lag(self, source: LogSource, topic: str | None = None) -> None:
        """Lag = log end - committed offset, per owned partition of `topic` (default: every input topic): what a
        restart would have to read again, and what a stalled commit makes grow even while records are consumed.
        Never raises: a broker that does not answer within `report_timeout` is reported, not thrown."""
        try:
            async with asyncio.timeout(self._report_timeout):
                await self._report_lag(source, topic)
        except Exception as e:  # noqa: BLE001 - a timer must not stop the app; the state says what happened
            self._metrics.task_failures.labels(task="report_lag").inc()
            if self._health.broker_reachable:
                log.warning("brokers unreachable: lag not reported", extra={"error": repr(e)})
            self._health.broker_failed(e)
            return
        if not self._health.broker_reachable:
            log.info("brokers reachable again")
        self._health.broker_ok()

    async def _report_lag(self, source: LogSource, topic: str | None) -> None:
        assignment = set(self._app.consumer.assignment())
        owned = {(tp.topic, tp.partition) for tp in assignment}
        for stale_topic, partition in self._metrics.owned_partitions() - owned:
            self._metrics.forget_partition(stale_topic, partition)  # revoked without a revoke callback
        total = 0
        for ledger in self._ledgers:
            if topic is not None and ledger.topic != topic:
                continue
            for tp in sorted(t for t in assignment if t.topic == ledger.topic):
                committed = ledger.committed_offset(tp.partition)
                if committed is None:
                    committed = await source.committed(tp.topic, tp.partition)
                start, end = await source.bounds(tp.topic, tp.partition)
                lag = max(0, end - max(committed if committed is not None else start, start))
                self._metrics.lag.labels(topic=tp.topic, partition=str(tp.partition)).set(lag)
                total += lag
        self._health.lag = total
