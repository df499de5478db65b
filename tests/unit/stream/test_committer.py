"""The committer: flush before commit, only assigned partitions, only what the ledgers finished; lag from the
committed offset; per-partition series gone with the partition; a failed lag report never raises and says the
brokers are unreachable."""

from __future__ import annotations

import asyncio
import time

import pytest
from dipevents.stream.committer import OffsetCommitter
from dipevents.stream.health import HealthState
from dipevents.stream.ledger import OffsetLedger, Record
from dipevents.stream.metrics import Metrics
from dipevents.testing import FakeFaustApp as FakeApp
from dipevents.testing import MemoryLog
from faust.types import TP


async def _noop(records: list[Record]) -> None:
    return None


def _ledger(topic: str, offsets: range) -> tuple[OffsetLedger, MemoryLog]:
    log = MemoryLog(offsets)
    ledger = OffsetLedger(topic, log, _noop, chunk=10)
    return ledger, log


def test_flushes_then_commits_only_finished_offsets_of_assigned_partitions() -> None:
    articles, _ = _ledger("articles", range(10))
    app = FakeApp({TP("articles", 0), TP("articles", 1)})
    metrics, health = Metrics(), HealthState()
    committer = OffsetCommitter(app, [articles], metrics, health)

    async def scenario() -> None:
        await articles.process(Record("articles", 0, o, None, b"") for o in range(4))
        await articles.process([Record("articles", 2, 0, None, b"")])  # partition 2 is not ours any more
        assert await committer.commit()
        assert not await committer.commit()  # nothing new: no flush, no commit

    asyncio.run(scenario())
    assert app.calls == ["flush", ("commit", {TP("articles", 0): 4})]
    assert articles.committable() == {2: 1}
    assert (
        metrics.registry.get_sample_value("dipevents_committed_offset", {"topic": "articles", "partition": "0"}) == 4.0
    )


def test_a_refused_commit_is_not_recorded_and_is_tried_again() -> None:
    articles, _ = _ledger("articles", range(10))
    app = FakeApp({TP("articles", 0)}, accept=False)
    committer = OffsetCommitter(app, [articles], Metrics(), HealthState())

    async def scenario() -> None:
        await articles.process([Record("articles", 0, 0, None, b"")])
        assert not await committer.commit()
        assert not await committer.commit()

    asyncio.run(scenario())
    assert [c for c in app.calls if c != "flush"] == [("commit", {TP("articles", 0): 1})] * 2
    assert articles.committable() == {0: 1}


def test_lag_is_log_end_minus_committed_and_live_does_not_depend_on_it() -> None:
    """Lag = log end - committed offset; /live stays green with lag and no commit for minutes (no restart)."""
    articles, log = _ledger("articles", range(50))
    app = FakeApp({TP("articles", 0)})
    metrics, health = Metrics(), HealthState(recovered=True)
    committer = OffsetCommitter(app, [articles], metrics, health)

    async def scenario() -> None:
        await articles.process(Record("articles", 0, o, None, b"") for o in range(20))
        await committer.commit()
        await committer.report_lag(log, "articles")

    asyncio.run(scenario())
    assert (
        metrics.registry.get_sample_value("dipevents_consumer_lag_records", {"topic": "articles", "partition": "0"})
        == 30.0
    )
    assert health.lag == 30
    health.last_progress = time.monotonic() - 3600  # an hour without a commit, lag > 0: an alert, not a restart
    assert health.live() == (True, "ok")


def _series(metrics: Metrics, name: str) -> set[tuple[str, str]]:
    return {
        (s.labels["topic"], s.labels["partition"])
        for family in metrics.registry.collect()
        for s in family.samples
        if s.name == name
    }


def test_a_revoked_partitions_series_are_gone() -> None:
    """After revoke, the worker exports no lag or committed offset for the partition it lost; the rest stay."""
    articles, log = _ledger("articles", range(50))
    assignment = {TP("articles", 0), TP("articles", 1)}
    app = FakeApp(assignment)
    metrics = Metrics()
    committer = OffsetCommitter(app, [articles], metrics, HealthState())

    async def scenario() -> None:
        for p in (0, 1):
            await articles.process(Record("articles", p, o, None, b"") for o in range(5))
        await committer.commit()
        await committer.report_lag(log)

    asyncio.run(scenario())
    both = {("articles", "0"), ("articles", "1")}
    assert _series(metrics, "dipevents_consumer_lag_records") == both
    assert _series(metrics, "dipevents_committed_offset") == both

    assignment.discard(TP("articles", 1))
    committer.forget([TP("articles", 1)])
    assert _series(metrics, "dipevents_consumer_lag_records") == {("articles", "0")}
    assert _series(metrics, "dipevents_committed_offset") == {("articles", "0")}


def test_lag_report_drops_series_of_partitions_no_longer_assigned() -> None:
    """A partition that left the assignment without a revoke callback loses its series at the next lag report."""
    articles, log = _ledger("articles", range(50))
    assignment = {TP("articles", 0), TP("articles", 3)}
    app = FakeApp(assignment)
    metrics = Metrics()
    committer = OffsetCommitter(app, [articles], metrics, HealthState())
    asyncio.run(committer.report_lag(log))
    assert _series(metrics, "dipevents_consumer_lag_records") == {("articles", "0"), ("articles", "3")}
    assignment.clear()  # an idle worker: every partition went to the new one
    asyncio.run(committer.report_lag(log))
    assert _series(metrics, "dipevents_consumer_lag_records") == set()


class BrokenLog(MemoryLog):
    """A log whose broker is down: every request fails, or hangs."""

    def __init__(self, hang: bool = False) -> None:
        super().__init__(range(10))
        self.hang = hang

    async def bounds(self, topic: str, partition: int) -> tuple[int, int]:
        if self.hang:
            await asyncio.sleep(3600)
        raise ConnectionError("broker down")


def test_a_failing_or_hanging_lag_report_never_raises_and_marks_the_brokers_unreachable() -> None:
    """report_lag contains the broker's failure (and its silence, after a timeout); the next success clears it."""
    articles, log = _ledger("articles", range(50))
    app = FakeApp({TP("articles", 0)})
    metrics, health = Metrics(), HealthState(model_loaded=True, assigned=True, recovered=True)
    committer = OffsetCommitter(app, [articles], metrics, health, report_timeout=0.2)

    async def scenario() -> None:
        await committer.report_lag(BrokenLog())
        assert not health.broker_reachable and "broker down" in health.broker_error
        assert health.ready() == (False, "waiting for brokers")
        assert health.live()[0]
        await committer.report_lag(BrokenLog(hang=True))
        assert not health.broker_reachable
        await committer.report_lag(log)
        assert health.broker_reachable and health.ready()[0]

    asyncio.run(asyncio.wait_for(scenario(), 10))
    assert metrics.registry.get_sample_value("dipevents_task_failures_total", {"task": "report_lag"}) == 2.0


def test_a_failing_commit_keeps_its_offsets_committable_for_the_next_tick() -> None:
    """A flush that raises (broker gone) propagates to upkeep, which contains it; nothing is marked committed,
    and the next commit commits the same offsets."""
    articles, _ = _ledger("articles", range(10))
    app = FakeApp({TP("articles", 0)})
    committer = OffsetCommitter(app, [articles], Metrics(), HealthState())

    async def scenario() -> None:
        await articles.process(Record("articles", 0, o, None, b"") for o in range(3))
        app.fail_flush = ConnectionError("broker down")
        with pytest.raises(ConnectionError):
            await committer.commit()
        assert articles.committable() == {0: 3}
        app.fail_flush = None
        assert await committer.commit()

    asyncio.run(scenario())
    assert articles.committable() == {}


def test_no_commit_past_a_changelog_record_the_broker_did_not_acknowledge() -> None:
    """The dedup table's changelog records are awaited after the flush; when one was lost nothing is committed
    (now or later), the offsets stay with the ledger."""
    articles, _ = _ledger("articles", range(10))
    app = FakeApp({TP("articles", 0)})
    lost: list[BaseException] = []

    async def acked() -> None:
        app.calls.append("acked")
        if lost:
            raise lost[0]

    committer = OffsetCommitter(app, [articles], Metrics(), HealthState(), acked=acked)

    async def scenario() -> None:
        await articles.process(Record("articles", 0, o, None, b"") for o in range(2))
        assert await committer.commit()
        await articles.process(Record("articles", 0, o, None, b"") for o in range(2, 4))
        lost.append(RuntimeError("changelog record lost"))
        with pytest.raises(RuntimeError):
            await committer.commit()

    asyncio.run(scenario())
    assert app.calls == ["flush", "acked", ("commit", {TP("articles", 0): 2}), "flush", "acked"]
    assert articles.committable() == {0: 4}
