"""The worker's upkeep around the two handlers: periodic commits, stall repair and lag reports (timers), and what
happens when partitions are assigned or revoked and at shutdown (signals). Each is a method whose exceptions are
contained (dipevents.stream.contain): a failing timer is logged and runs again, it never stops the app.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, Protocol

from dipevents.stream.committer import OffsetCommitter
from dipevents.stream.contain import contained
from dipevents.stream.health import HealthState
from dipevents.stream.ledger import LogSource, OffsetLedger
from dipevents.stream.metrics import Metrics
from dipevents.stream.replay import ReplayGuard

log = logging.getLogger("dipevents.worker")


class Group(Protocol):
    """What upkeep needs of the consumer group member (faust's app in the worker, a fake in tests)."""

    @property
    def rebalancing(self) -> bool: ...

    def assignment(self) -> Collection[Any]:
        """The assigned topic partitions (objects with .topic and .partition)."""

    async def recovered(self) -> None:
        """Returns once the tables are restored from their changelogs."""


class ClosableLog(LogSource, Protocol):
    async def close(self) -> None: ...


class Upkeep:
    def __init__(
        self,
        group: Group,
        ledgers: Mapping[str, OffsetLedger],
        *,
        committer: OffsetCommitter,
        source: ClosableLog,
        replay: ReplayGuard,
        state_size: Callable[[], int],
        health: HealthState,
        metrics: Metrics,
        repair_idle_seconds: float,
        keep_state: Callable[[Collection[Any]], object] = lambda assignment: None,
    ) -> None:
        self._group = group
        self._ledgers = ledgers
        self._committer = committer
        self._source = source
        self._replay = replay
        self._state_size = state_size
        self._health = health
        self.metrics = metrics
        self._repair_idle = repair_idle_seconds
        self._keep_state = keep_state  # drops the local table entries of partitions the assignment does not own
        self._background: set[asyncio.Future[object]] = set()  # keeps fire-and-forget tasks referenced

    # -- timers ------------------------------------------------------------------------------------------

    @contained("commit_offsets")
    async def commit_offsets(self) -> None:
        await self._committer.commit()

    @contained("repair_stalls")
    async def repair_stalls(self) -> None:
        """A partition that gets nothing while its log has more: the consumer dropped a redelivery (BUG-6)."""
        if self._group.rebalancing or not self._health.recovered:
            return
        for tp in sorted(self._group.assignment()):
            ledger = self._ledgers.get(tp.topic)
            if ledger is not None:
                await ledger.catch_up(tp.partition, self._repair_idle)

    @contained("report_lag")
    async def report_lag(self) -> None:
        await self._committer.report_lag(self._source)  # every input topic: lag series = owned partitions

    # -- signals -----------------------------------------------------------------------------------------

    @contained("partitions_revoked")
    async def on_revoked(self, revoked: Iterable[Any]) -> None:
        """faust does not wait for the agents' batches (acks off: it tracks none of their records), so the ledgers
        drain the revoked partitions first (the chunk in hand finishes, nothing more starts), then what is done is
        committed while still a member and the journal told that nothing is in flight (a revocation is not a
        process exit)."""
        revoked = list(revoked)
        try:
            for ledger in self._ledgers.values():
                await ledger.drain(self._partitions(ledger, revoked))
            try:
                await self._committer.commit(set(revoked))
            finally:  # drained: nothing is in flight, whether the commit went through or not
                for ledger in self._ledgers.values():
                    await ledger.note_idle(self._partitions(ledger, revoked))
        finally:
            self._committer.forget(revoked)  # their lag and committed-offset series go with them
            for ledger in self._ledgers.values():
                ledger.reset(self._partitions(ledger, revoked))

    @staticmethod
    def _partitions(ledger: OffsetLedger, tps: Iterable[Any]) -> list[int]:
        return [tp.partition for tp in tps if tp.topic == ledger.topic]

    @property
    def settled(self) -> bool:
        """Not rebalancing and the tables recovered: what the sweep waits for (it writes tombstones)."""
        return not self._group.rebalancing and self._health.recovered

    @contained("partitions_assigned")
    async def on_assigned(self, assigned: Collection[Any] = ()) -> None:
        self.metrics.rebalances.inc()
        self._keep_state(assigned)  # before recovery fills the new partitions: only what is owned stays
        for ledger in self._ledgers.values():
            ledger.reset()  # positions come from the committed offsets of the new generation
            ledger.reopen(self._partitions(ledger, assigned))
        self._replay.clear()
        self._health.assigned = True
        self._health.recovered = False
        task: asyncio.Future[object] = asyncio.ensure_future(self.await_recovery())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    @contained("shutdown")
    async def on_shutdown(self) -> None:
        """faust has stopped fetching but does not wait for the agents' batches (acks off): the ledgers drain, the
        last commit is made and the journal told that nothing is in flight (a SIGTERM is not a crash), then the
        side clients go. A chunk that never finishes (a hung extraction) holds the drain until the process is
        killed: its range stays noted in flight, as a crash would leave it."""
        try:
            for ledger in self._ledgers.values():
                await ledger.drain()
            try:
                await self._committer.commit()
            finally:
                for ledger in self._ledgers.values():
                    await ledger.note_idle()
        finally:
            await self._source.close()

    @contained("recovery")
    async def await_recovery(self) -> None:
        await self._group.recovered()
        # Positions (and the replay's published ids) before the first record, not in its latency.
        for tp in sorted(self._group.assignment()):
            ledger = self._ledgers.get(tp.topic)
            if ledger is None:
                continue
            try:
                await ledger.prepare(tp.partition)
            except Exception as e:  # noqa: BLE001 - the first record of the partition will try again
                log.warning("could not read the committed offset yet", extra={"topic": tp.topic, "error": repr(e)})
        size = self._state_size()
        self.metrics.dedup_state.set(size)
        log.info("dedup state recovered: %d events", size, extra={"events": size})
        self._health.progress()  # the stall clock starts now, not at the last commit before the rebalance
        self._health.recovered = True
