"""The offset ledger against an in-memory log: whatever order, repetition or holes the consumer delivers, every
record of the log is handled once, in order, and only handled offsets become committable."""

from __future__ import annotations

import asyncio
import os

import pytest
from dipevents.stream.ledger import InFlight, OffsetLedger, Record
from dipevents.testing import MemoryJournal, MemoryLog
from hypothesis import given, settings
from hypothesis import strategies as st

TOPIC = "articles"


class Collector:
    def __init__(self, fail_at: set[int] | None = None) -> None:
        self.handled: list[int] = []
        self.chunks: list[list[int]] = []
        self.fail_at = set(fail_at or ())

    async def __call__(self, records: list[Record]) -> None:
        offsets = [r.offset for r in records]
        hit = self.fail_at & set(offsets)
        if hit:
            self.fail_at -= hit
            raise RuntimeError(f"handler failed on {sorted(hit)}")
        self.chunks.append(offsets)
        self.handled.extend(offsets)


def run(coro: object) -> object:
    return asyncio.run(coro)  # type: ignore[arg-type]


def test_in_order_delivery_is_handled_once_and_becomes_committable() -> None:
    log, out = MemoryLog(range(10)), Collector()
    ledger = OffsetLedger(TOPIC, log, out, chunk=4)
    run(ledger.process(log.record(o) for o in range(10)))
    assert out.handled == list(range(10))
    assert all(len(c) <= 4 for c in out.chunks)
    assert ledger.committable() == {0: 10}
    ledger.mark_committed(0, 10)
    assert ledger.committable() == {}
    assert log.reads == []  # nothing was missing


def test_redelivered_records_are_dropped() -> None:
    log, out = MemoryLog(range(6)), Collector()
    ledger = OffsetLedger(TOPIC, log, out, chunk=10)
    run(ledger.process(log.record(o) for o in range(4)))
    run(ledger.process(log.record(o) for o in (1, 2, 3, 4, 5)))
    assert out.handled == [0, 1, 2, 3, 4, 5]
    assert ledger.stats.redelivered == 3


def test_skipped_offsets_are_read_back_from_the_log_before_the_next_record() -> None:
    log, out = MemoryLog(range(10)), Collector()
    ledger = OffsetLedger(TOPIC, log, out, chunk=10)
    run(ledger.process([log.record(0), log.record(1)]))
    run(ledger.process([log.record(6)]))
    assert out.handled == [0, 1, 2, 3, 4, 5, 6]
    assert log.reads == [(2, 6)]
    assert ledger.stats.recovered == 4
    assert ledger.committable() == {0: 7}


def test_offsets_missing_from_the_log_are_passed_over() -> None:
    log, out = MemoryLog([0, 1, 4, 5]), Collector()  # 2 and 3: transaction markers, compaction
    ledger = OffsetLedger(TOPIC, log, out, chunk=10)
    run(ledger.process(log.record(o) for o in (0, 1, 4, 5)))
    assert out.handled == [0, 1, 4, 5]
    assert ledger.committable() == {0: 6}


def test_the_position_starts_at_the_committed_offset_or_the_log_start() -> None:
    log, out = MemoryLog(range(5, 20), committed={0: 10, 1: 2}, start=5), Collector()
    ledger = OffsetLedger(TOPIC, log, out, chunk=10)
    run(ledger.process([log.record(9), log.record(10), log.record(11)]))
    assert out.handled == [10, 11]  # 9 was committed by an earlier member
    run(ledger.process([log.record(7, partition=1)]))  # committed 2 is below the log start 5
    assert out.handled == [10, 11, 5, 6, 7]
    run(ledger.process([log.record(5, partition=2)]))  # no commit at all: the log start
    assert ledger.committable() == {0: 12, 1: 8, 2: 6}


def test_a_failing_handler_leaves_the_position_before_the_failed_chunk() -> None:
    log, out = MemoryLog(range(8)), Collector(fail_at={3})
    ledger = OffsetLedger(TOPIC, log, out, chunk=2)
    with pytest.raises(RuntimeError):
        run(ledger.process(log.record(o) for o in range(6)))
    assert out.handled == [0, 1]
    assert ledger.committable() == {0: 2}
    # faust does not deliver the failed batch again; the next record shows the hole and it is read back.
    run(ledger.process([log.record(6)]))
    assert out.handled == [0, 1, 2, 3, 4, 5, 6]
    assert ledger.committable() == {0: 7}


def test_catch_up_reads_the_tail_an_idle_partition_was_never_given() -> None:
    log, out = MemoryLog(range(30)), Collector()
    ledger = OffsetLedger(TOPIC, log, out, chunk=2)
    run(ledger.process(log.record(o) for o in range(3)))
    assert run(ledger.catch_up(0, idle_seconds=3600)) == 0  # records arrived just now: not idle
    assert run(ledger.catch_up(0, idle_seconds=0)) == 27
    assert out.handled == list(range(30))
    assert run(ledger.catch_up(0, idle_seconds=0)) == 0  # nothing left


def test_catch_up_stops_when_the_consumer_delivers_again() -> None:
    log = MemoryLog(range(100))
    ledger: OffsetLedger

    async def handler(records: list[Record]) -> None:
        out.extend(r.offset for r in records)
        if 10 in (r.offset for r in records):  # the stream wakes up while the ledger reads the log
            asyncio.get_running_loop().create_task(ledger.process([log.record(11)]))
            await asyncio.sleep(0)

    out: list[int] = []
    ledger = OffsetLedger(TOPIC, log, handler, chunk=2)

    async def scenario() -> int:
        await ledger.process([log.record(0)])
        done = await ledger.catch_up(0, idle_seconds=0)
        await asyncio.sleep(0.01)
        return done

    done = run(scenario())
    assert done == 20  # the read in progress (10 chunks of 2) finished, then it gave way; 79 records were left
    assert out == list(range(21))  # the stream's record 11 was not handled twice


def test_work_started_before_a_reset_does_not_set_positions_after_it() -> None:
    log = MemoryLog(range(4))
    ledger: OffsetLedger

    async def handler(records: list[Record]) -> None:
        ledger.reset()  # a rebalance while the batch is being handled

    ledger = OffsetLedger(TOPIC, log, handler, chunk=10)
    run(ledger.process(log.record(o) for o in range(4)))
    assert ledger.committable() == {}


def test_reset_forgets_positions_and_commits() -> None:
    log, out = MemoryLog(range(5), committed={0: 3}), Collector()
    ledger = OffsetLedger(TOPIC, log, out, chunk=10)
    run(ledger.process(log.record(o) for o in range(3, 5)))
    ledger.mark_committed(0, 5)
    ledger.reset([0])
    assert ledger.committed_offset(0) is None and ledger.committable() == {}


deliveries = st.lists(st.lists(st.integers(0, 59), max_size=12), max_size=12)


@settings(max_examples=100 if os.environ.get("DIPEVENTS_FAST_TIER") else 300, deadline=None)  # make test: all
@given(
    deliveries=deliveries,
    missing=st.sets(st.integers(0, 59), max_size=10),
    committed=st.integers(0, 20),
    chunk=st.integers(1, 5),
)
def test_any_delivery_pattern_handles_the_log_once_in_order(
    deliveries: list[list[int]], missing: set[int], committed: int, chunk: int
) -> None:
    """Duplicates, reordering inside a batch, holes, going back after a seek: the handler still sees exactly the
    log's offsets from the committed one up to the highest delivered, each once and in order."""
    log = MemoryLog((o for o in range(60) if o not in missing), committed={0: committed})
    out = Collector()
    ledger = OffsetLedger(TOPIC, log, out, chunk=chunk)
    for batch in deliveries:
        run(ledger.process(log.record(o) for o in batch if o not in missing))
    delivered = [o for b in deliveries for o in b if o not in missing and o >= committed]
    expected = [o for o in log.offsets if committed <= o <= max(delivered)] if delivered else []
    assert out.handled == expected
    assert ledger.committable().get(0, committed) <= (expected[-1] + 1 if expected else committed + 1)


def test_prepare_learns_the_position_before_the_first_record() -> None:
    log, out = MemoryLog(range(10), committed={0: 6}), Collector()
    seen: list[tuple[int, int]] = []

    async def on_start(partition: int, position: int) -> None:
        seen.append((partition, position))

    ledger = OffsetLedger(TOPIC, log, out, chunk=10, on_start=on_start)
    run(ledger.prepare(0))
    assert seen == [(0, 6)] and ledger.committable() == {}
    run(ledger.process(log.record(o) for o in (5, 6)))
    assert out.handled == [6] and seen == [(0, 6)]  # learnt once, not again with the first record


# --- the poison-pill guard -----------------------------------------------------------------------------


class ProcessExit(BaseException):
    """Stands for the worker process dying while a handler runs (nothing after it runs in that process)."""


class Dying(Collector):
    """A handler whose process dies whenever `fatal` is in its chunk."""

    def __init__(self, fatal: int | None = None) -> None:
        super().__init__()
        self.fatal = fatal

    async def __call__(self, records: list[Record]) -> None:
        if self.fatal in {r.offset for r in records}:
            raise ProcessExit
        await super().__call__(records)


def start_worker(
    log: MemoryLog, journal: MemoryJournal, handler: Collector, quarantined: list[tuple[int, int]], after: int = 2
) -> OffsetLedger:
    """A worker process starting: a fresh ledger over the same log and journal (what survives a process)."""

    async def quarantine(rec: Record, exits: int) -> None:
        quarantined.append((rec.offset, exits))

    return OffsetLedger(TOPIC, log, handler, chunk=4, journal=journal, quarantine=quarantine, quarantine_after=after)


def crash_run(ledger: OffsetLedger, log: MemoryLog, offsets: range) -> None:
    with pytest.raises(ProcessExit):
        run(ledger.process(log.record(o) for o in offsets))


def test_each_chunk_is_noted_before_it_is_handled() -> None:
    """The journal holds a chunk's offsets before its handler runs, so a process that dies inside the handler
    leaves that range behind."""
    log, journal = MemoryLog(range(6)), MemoryJournal()
    seen: list[list[InFlight]] = []

    async def handler(records: list[Record]) -> None:
        seen.append([span for _, _, span in journal.notes])

    ledger = OffsetLedger(TOPIC, log, handler, chunk=4, journal=journal)
    run(ledger.process(log.record(o) for o in range(6)))
    assert [span for _, _, span in journal.notes] == [InFlight(0, 4), InFlight(4, 6)]
    assert seen == [[InFlight(0, 4)], [InFlight(0, 4), InFlight(4, 6)]]


def test_records_in_flight_at_one_exit_are_handled_again_one_at_a_time() -> None:
    """A chunk in flight when the process died (a kill, not the records' fault): the next process handles those
    records again, each alone and noted with one exit, then goes back to chunks; nothing is quarantined."""
    log, journal, quarantined = MemoryLog(range(12)), MemoryJournal(), []
    crash_run(start_worker(log, journal, Dying(fatal=5), quarantined), log, range(12))
    out = Dying()
    run(start_worker(log, journal, out, quarantined).process(log.record(o) for o in range(12)))
    assert out.handled == list(range(12)) and quarantined == []
    assert out.chunks[:5] == [[0, 1, 2, 3], [4], [5], [6], [7]] and out.chunks[5:] == [[8, 9, 10, 11]]
    assert [s for _, _, s in journal.notes if s.exits == 1] == [InFlight(o, o + 1, 1) for o in range(4, 8)]


def test_a_record_the_process_dies_on_twice_is_quarantined_and_the_rest_goes_on() -> None:
    """A record that kills the process in its chunk and again alone is not handed to the handler a third time:
    it is quarantined (with the number of exits), its offset becomes done, and the records after it are handled."""
    log, journal, quarantined = MemoryLog(range(12)), MemoryJournal(), []
    crash_run(start_worker(log, journal, Dying(fatal=5), quarantined), log, range(12))
    second = Dying(fatal=5)
    crash_run(start_worker(log, journal, second, quarantined), log, range(12))
    assert second.handled == [0, 1, 2, 3, 4]  # record 4 alone, then 5 alone killed it again
    third = Dying(fatal=5)
    ledger = start_worker(log, journal, third, quarantined)
    run(ledger.process(log.record(o) for o in range(12)))
    assert quarantined == [(5, 2)]
    assert third.handled == [0, 1, 2, 3, 4, *range(6, 12)]
    assert ledger.committable() == {0: 12} and ledger.stats.quarantined == 1


def test_with_one_exit_allowed_a_record_alone_in_flight_is_quarantined_at_the_next_start() -> None:
    """quarantine_after=1: a record that was alone in flight when the process died is quarantined at once."""
    log, journal, quarantined = MemoryLog(range(3)), MemoryJournal(), []
    first = start_worker(log, journal, Dying(fatal=1), quarantined, after=1)
    run(first.process([log.record(0)]))
    crash_run(first, log, range(1, 2))
    out = Dying()
    run(start_worker(log, journal, out, quarantined, after=1).process(log.record(o) for o in range(3)))
    assert quarantined == [(1, 1)] and out.handled == [0, 2]  # 0 was done but not committed: handled again


def test_a_note_behind_the_committed_offset_is_not_a_suspect() -> None:
    """A chunk that was handled and committed before the process went is not handled specially afterwards."""
    log, journal, quarantined = MemoryLog(range(8), committed={0: 8}), MemoryJournal(), []
    run(journal.begin(TOPIC, 0, InFlight(4, 8)))
    out = Dying()
    log.offsets = list(range(12))
    run(start_worker(log, journal, out, quarantined).process(log.record(o) for o in range(8, 12)))
    assert out.chunks == [[8, 9, 10, 11]] and quarantined == []


class Gate:
    """A handler whose first chunk waits until `release` is set: a batch being handled when a rebalance comes."""

    def __init__(self) -> None:
        self.handled: list[int] = []
        self.entered, self.release = asyncio.Event(), asyncio.Event()

    async def __call__(self, records: list[Record]) -> None:
        self.entered.set()
        await self.release.wait()
        self.handled.extend(r.offset for r in records)


def test_drain_waits_for_the_chunk_in_hand_and_nothing_more_runs_until_reopened() -> None:
    """A drain (revocation) during a batch: it returns only once the chunk in hand finished, that chunk is
    committable, the rest of the batch and later deliveries are not handled until the partition is reopened."""
    log, out = MemoryLog(range(12)), Gate()
    ledger = OffsetLedger(TOPIC, log, out, chunk=4)

    async def scenario() -> None:
        batch = asyncio.ensure_future(ledger.process(log.record(o) for o in range(12)))
        await out.entered.wait()
        drain = asyncio.ensure_future(ledger.drain([0]))
        for _ in range(10):
            await asyncio.sleep(0)
        assert not drain.done()  # the chunk in hand is still being handled
        out.release.set()
        await drain
        await batch
        assert out.handled == [0, 1, 2, 3] and ledger.committable() == {0: 4}
        await ledger.process(log.record(o) for o in range(4, 12))
        assert await ledger.catch_up(0, 0.0) == 0
        assert out.handled == [0, 1, 2, 3]
        log.committed_offsets[0] = 4  # the revocation's commit
        ledger.reset([0])
        ledger.reopen([0])
        await ledger.process(log.record(o) for o in range(4, 12))

    run(scenario())
    assert out.handled == list(range(12))


def test_note_idle_clears_the_journal_but_keeps_what_an_exit_left_unhandled() -> None:
    """After a drain the journal says nothing is in flight (a hand-over is not an exit): the next owner handles
    the records in chunks again. A range an earlier exit left and not yet handled stays noted with its exits."""
    log, journal, quarantined = MemoryLog(range(12)), MemoryJournal(), []
    ledger = start_worker(log, journal, Dying(), quarantined)
    run(ledger.process(log.record(o) for o in range(6)))
    run(ledger.drain())
    run(ledger.note_idle())
    assert journal.last_notes[(TOPIC, 0)] == InFlight(6, 6)
    out = Dying()
    run(start_worker(log, journal, out, quarantined).process(log.record(o) for o in range(12)))
    assert out.chunks == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]  # nothing was committed: all again, chunked

    log2, journal2 = MemoryLog(range(12)), MemoryJournal()
    crash_run(start_worker(log2, journal2, Dying(fatal=5), quarantined), log2, range(12))
    second = start_worker(log2, journal2, Dying(), quarantined)
    run(second.process(log2.record(o) for o in range(5)))  # 0-3 in a chunk, 4 alone: 5-7 still suspect
    run(second.drain())
    run(second.note_idle())
    assert journal2.last_notes[(TOPIC, 0)] == InFlight(5, 8, 0)  # the next owner counts that one exit again


def test_a_large_skipped_range_is_read_back_in_bounded_slices_handled_as_they_come() -> None:
    """The consumer skips 1,000 offsets: the gap is read back in slices of ten chunks (each read bounded in time and
    memory, like catch_up), each slice handled before the next is read, then the delivered record."""
    log, handled, reads_at = MemoryLog(range(1001)), [], []

    async def handler(records: list[Record]) -> None:
        reads_at.append(len(log.reads))  # how many reads had been made when this chunk was handled
        handled.extend(r.offset for r in records)

    ledger = OffsetLedger(TOPIC, log, handler, chunk=4)
    run(ledger.process([log.record(1000)]))
    assert handled == list(range(1001))
    assert len(log.reads) == 25 and all(end - start <= 40 for start, end in log.reads)
    assert reads_at[0] == 1  # the first slice was handled before the second was read
    assert ledger.committable() == {0: 1001} and ledger.stats.recovered == 1000
