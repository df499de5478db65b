"""The committer: flush before commit, only assigned partitions, only what the ledgers finished; lag from the
committed offset; /live turns red when commits stop while there is lag."""

from __future__ import annotations

import asyncio
import time

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


def test_lag_is_log_end_minus_committed_and_live_needs_commits() -> None:
    articles, log = _ledger("articles", range(50))
    app = FakeApp({TP("articles", 0)})
    metrics, health = Metrics(), HealthState(stall_seconds=60, recovered=True)
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
    assert health.lag == 30 and health.live()[0]
    health.last_progress = time.monotonic() - 61  # no commit for longer than stall_seconds, lag > 0
    live, why = health.live()
    assert not live and "lag 30" in why
    health.recovered = False  # recovering tables after a rebalance: not a wedge (readiness says so)
    assert health.live()[0]
