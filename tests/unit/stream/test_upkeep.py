"""The worker's timers and rebalance signals without a broker: repairs only when settled, failures contained and
counted, recovery learns positions before /ready, revoked partitions committed then forgotten."""

from __future__ import annotations

import asyncio

from dipevents.stream.committer import OffsetCommitter
from dipevents.stream.health import HealthState
from dipevents.stream.ledger import InFlight, OffsetLedger, Record
from dipevents.stream.metrics import Metrics
from dipevents.stream.replay import ReplayGuard
from dipevents.stream.upkeep import Upkeep
from dipevents.testing import FakeFaustApp, FakeGroup, MemoryJournal, MemoryLog
from faust.types import TP

ARTICLES = "articles"


class Rig:
    def __init__(self, log_offsets: range = range(5), committed: dict[int, int] | None = None, chunk: int = 10) -> None:
        self.kept: list[set[TP]] = []
        self.log = MemoryLog(log_offsets, committed=committed, topic=ARTICLES)
        self.handled: list[int] = []
        self.journal = MemoryJournal()
        self.gate: asyncio.Event | None = None  # set: each chunk waits for it (a batch in hand at a rebalance)
        self.entered = asyncio.Event()
        self.ledger = OffsetLedger(ARTICLES, self.log, self._handle, chunk=chunk, journal=self.journal)
        self.group = FakeGroup(partitions={TP(ARTICLES, 0)})
        self.app = FakeFaustApp({TP(ARTICLES, 0)})
        self.metrics, self.health = Metrics(), HealthState()
        self.upkeep = Upkeep(
            self.group,
            {ARTICLES: self.ledger},
            committer=OffsetCommitter(self.app, [self.ledger], self.metrics, self.health),
            source=self.log,
            replay=ReplayGuard(self.log, "candidates", "events"),
            state_size=lambda: 7,
            health=self.health,
            metrics=self.metrics,
            repair_idle_seconds=0.0,
            keep_state=lambda assigned: self.kept.append(set(assigned)),
        )

    async def _handle(self, records: list[Record]) -> None:
        if self.gate is not None:
            self.entered.set()
            await self.gate.wait()
        self.handled.extend(r.offset for r in records)

    def failures(self, task: str) -> float | None:
        return self.metrics.registry.get_sample_value("dipevents_task_failures_total", {"task": task})


def test_repair_waits_for_recovery_and_rebalances_then_catches_an_idle_partition_up() -> None:
    """The stall repair does nothing while recovering or rebalancing; once settled it reads an idle partition's
    log from its position."""
    rig = Rig()

    async def scenario() -> None:
        await rig.upkeep.repair_stalls()
        assert rig.handled == []  # not recovered yet
        rig.health.recovered, rig.group.rebalancing = True, True
        await rig.upkeep.repair_stalls()
        assert rig.handled == []
        rig.group.rebalancing = False
        await rig.upkeep.repair_stalls()

    asyncio.run(scenario())
    assert rig.handled == [0, 1, 2, 3, 4]


def test_a_failing_timer_is_contained_logged_and_counted() -> None:
    """A commit whose flush raises: the timer returns, the failure is counted by task, and the next tick works."""
    rig = Rig()

    async def scenario() -> None:
        await rig.ledger.process([rig.log.record(0)])
        rig.app.fail_flush = RuntimeError("producer wedged")
        await rig.upkeep.commit_offsets()
        rig.app.fail_flush = None
        await rig.upkeep.commit_offsets()

    asyncio.run(scenario())
    assert rig.failures("commit_offsets") == 1.0
    assert rig.app.calls == ["flush", ("commit", {TP(ARTICLES, 0): 1})]


def test_assignment_resets_positions_and_recovery_learns_them_before_ready() -> None:
    """On assignment the positions are forgotten and /ready waits; when the tables are recovered the positions
    come from the committed offsets, the state size is reported, and the worker is ready."""
    rig = Rig(committed={0: 3})

    async def scenario() -> None:
        await rig.ledger.process([rig.log.record(0)])
        await rig.upkeep.on_assigned()
        assert rig.health.assigned and not rig.health.recovered
        assert rig.ledger.committable() == {}
        rig.group.ready.set()
        for _ in range(20):
            await asyncio.sleep(0)
        assert rig.health.recovered

    asyncio.run(scenario())
    assert rig.ledger.committed_offset(0) == 3
    assert rig.metrics.registry.get_sample_value("dipevents_dedup_state_events") == 7.0
    assert rig.metrics.registry.get_sample_value("dipevents_rebalances_total") == 1.0


def test_revoked_partitions_are_committed_then_forgotten_even_when_the_commit_fails() -> None:
    """Revocation commits what is done on the revoked partitions; if that commit raises, the positions are still
    forgotten (the next owner starts from the committed offset) and the failure is counted."""
    rig = Rig()

    async def scenario() -> None:
        await rig.ledger.process([rig.log.record(0), rig.log.record(1)])
        await rig.upkeep.on_revoked([TP(ARTICLES, 0)])
        assert rig.app.calls[-1] == ("commit", {TP(ARTICLES, 0): 2})
        rig.ledger.reopen([0])  # assigned again
        await rig.ledger.process([rig.log.record(2)])
        rig.app.fail_flush = RuntimeError("gone")
        await rig.upkeep.on_revoked([TP(ARTICLES, 0)])

    asyncio.run(scenario())
    assert rig.ledger.committable() == {}
    assert rig.failures("partitions_revoked") == 1.0


def test_shutdown_commits_and_closes_the_log_reader() -> None:
    """At shutdown the last commit is made and the ledger's log clients are closed."""
    rig = Rig()

    async def scenario() -> None:
        await rig.ledger.process([rig.log.record(0)])
        await rig.upkeep.on_shutdown()

    asyncio.run(scenario())
    assert rig.app.calls == ["flush", ("commit", {TP(ARTICLES, 0): 1})] and rig.log.closed


def test_assignment_keeps_only_the_assigned_state_and_the_sweep_waits_until_settled() -> None:
    """An assignment hands the new assignment to the table (local entries of other partitions go) before recovery;
    `settled` (what the sweep waits for) is False until the tables are recovered and while a rebalance runs."""
    rig = Rig()

    async def scenario() -> None:
        await rig.upkeep.on_assigned({TP(ARTICLES, 0)})
        assert rig.kept == [{TP(ARTICLES, 0)}] and not rig.upkeep.settled
        rig.group.ready.set()
        for _ in range(20):
            await asyncio.sleep(0)
        assert rig.upkeep.settled
        rig.group.rebalancing = True
        assert not rig.upkeep.settled

    asyncio.run(scenario())


def test_a_revocation_during_a_batch_waits_for_the_chunk_in_hand_commits_it_and_stops_the_batch() -> None:
    """Revoked while the agent handles a batch: the revocation returns after the chunk in hand, commits it, notes
    nothing in flight for the next owner, and the rest of the batch is never handled by this worker."""
    rig = Rig(log_offsets=range(12), chunk=4)

    async def scenario() -> None:
        rig.gate = asyncio.Event()
        batch = asyncio.ensure_future(rig.ledger.process(rig.log.record(o) for o in range(12)))
        await rig.entered.wait()
        revoke = asyncio.ensure_future(rig.upkeep.on_revoked([TP(ARTICLES, 0)]))
        for _ in range(10):
            await asyncio.sleep(0)
        assert not revoke.done() and rig.app.calls == []
        rig.gate.set()
        await revoke
        await batch

    asyncio.run(scenario())
    assert rig.handled == [0, 1, 2, 3]
    assert rig.app.calls == ["flush", ("commit", {TP(ARTICLES, 0): 4})]
    assert rig.journal.last_notes[(ARTICLES, 0)] == InFlight(4, 4)


def test_shutdown_drains_before_the_last_commit() -> None:
    """SIGTERM during a batch: the last commit covers the chunk in hand and the journal says nothing is in flight
    (a rolling deploy is not a crash: no record is handled alone or quarantined for it)."""
    rig = Rig(log_offsets=range(12), chunk=4)

    async def scenario() -> None:
        rig.gate = asyncio.Event()
        batch = asyncio.ensure_future(rig.ledger.process(rig.log.record(o) for o in range(12)))
        await rig.entered.wait()
        stop = asyncio.ensure_future(rig.upkeep.on_shutdown())
        for _ in range(10):
            await asyncio.sleep(0)
        assert not stop.done()
        rig.gate.set()
        await stop
        await batch

    asyncio.run(scenario())
    assert rig.handled == [0, 1, 2, 3] and rig.log.closed
    assert rig.app.calls == ["flush", ("commit", {TP(ARTICLES, 0): 4})]
    assert rig.journal.last_notes[(ARTICLES, 0)] == InFlight(4, 4)


def test_a_second_assignment_is_not_ready_until_its_own_recovery_completes() -> None:
    """After a first recovery, the next rebalance's assignment sets /ready back to recovering and waits for that
    rebalance's recovery (not the first one's), then learns the positions again."""
    rig = Rig(committed={0: 2})

    async def settle() -> None:
        for _ in range(20):
            await asyncio.sleep(0)

    async def scenario() -> None:
        await rig.upkeep.on_assigned({TP(ARTICLES, 0)})
        rig.group.ready.set()
        await settle()
        assert rig.health.recovered
        rig.group.rebalance()
        await rig.upkeep.on_revoked([TP(ARTICLES, 0)])
        rig.log.committed_offsets[0] = 4
        await rig.upkeep.on_assigned({TP(ARTICLES, 0)})
        await settle()
        assert not rig.health.recovered and rig.ledger.committed_offset(0) is None
        rig.group.ready.set()
        await settle()
        assert rig.health.recovered and rig.ledger.committed_offset(0) == 4

    asyncio.run(scenario())
    assert rig.metrics.registry.get_sample_value("dipevents_rebalances_total") == 2.0
