"""Which input offsets are done: decided here, from what the handlers finished, not by faust's ack bookkeeping.

faust-streaming 0.15 can, around a restart or rebalance, deliver a record twice, never deliver one, or mark an
offset it skipped as acknowledged (BUG-6 in docs/reliability.md); its commits then pass an unprocessed article or
stop for good. So the worker's input topics have faust acks off and every record goes through a ledger:

- per partition, the next offset to process starts at the group's committed offset (or the log start);
- a record below it was processed already (a redelivery) and is dropped;
- a record above it means faust skipped some: the missing range is read back from the log and processed first;
- a partition idle while the log has more (`catch_up`) is read from the log the same way;
- only offsets whose handler returned are committable, so a commit never passes an unprocessed record.

Poison pills (issue 14): before a chunk is handled its offsets are noted in a `Journal` (a compacted topic in the
worker, dipevents.stream.inflight). When a partition's position is learnt after a start, a noted range at or past
it was in flight when the last owner's process exited (a crash, an OOM kill, a hang the liveness probe ended, or
just a SIGKILL). Those records are then handled one at a time, each noted with the count of such exits; a single
record in flight at `quarantine_after` exits in a row is not handled again but handed to `quarantine`
(dead-lettered). An innocent record killed once is simply handled again, alone.

No faust here: the log is reached through the `LogSource` port (aiokafka in dipevents.stream.log_reader).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger("dipevents.ledger")


@dataclass(frozen=True)
class Record:
    """One input record, however it reached the worker (a faust stream or a read from the log)."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    timestamp_ms: int | None = None


class LogSource(Protocol):
    async def committed(self, topic: str, partition: int) -> int | None:
        """The group's committed offset (next to read), None when the group has none."""

    async def bounds(self, topic: str, partition: int) -> tuple[int, int]:
        """(log start offset, end offset)."""

    async def read(self, topic: str, partition: int, start: int, end: int) -> list[Record]:
        """The records with start <= offset < end that the log still holds, in order."""


@dataclass(frozen=True)
class InFlight:
    """Offsets start <= o < end of one partition, about to be handled; `exits` worker exits seen with them in
    flight before."""

    start: int
    end: int
    exits: int = 0


class Journal(Protocol):
    async def begin(self, topic: str, partition: int, span: InFlight) -> None:
        """Note durably (acknowledged) that `span` is about to be handled."""

    async def last(self, topic: str, partition: int) -> InFlight | None:
        """The last span noted for the partition, by any process."""


Handler = Callable[[list[Record]], Awaitable[None]]
Quarantine = Callable[[Record, int], Awaitable[None]]  # (record, exits): dead-letter it
OnStart = Callable[[int, int], Awaitable[None]]  # (partition, position) when a partition's position is first known
Observer = Callable[[str, int], None]  # (kind, count): "redelivered", "recovered" or "quarantined"


@dataclass
class LedgerStats:
    redelivered: int = 0  # records dropped because they were processed already
    recovered: int = 0  # records faust never delivered, read back from the log and processed
    quarantined: int = 0  # records a worker process exited on, again and again: dead-lettered, not handled

    def add(self, kind: str, n: int) -> None:
        if kind == "redelivered":
            self.redelivered += n
        elif kind == "recovered":
            self.recovered += n
        elif kind == "quarantined":
            self.quarantined += n
        else:
            raise ValueError(f"unknown ledger count {kind!r}")


class OffsetLedger:
    def __init__(
        self,
        topic: str,
        source: LogSource,
        handler: Handler,
        *,
        chunk: int,
        observe: Observer | None = None,
        on_start: OnStart | None = None,
        journal: Journal | None = None,
        quarantine: Quarantine | None = None,
        quarantine_after: int = 2,
    ) -> None:
        self.topic = topic
        self._source = source
        self._handler = handler
        self._chunk = max(1, chunk)
        self._next: dict[int, int] = {}  # partition -> next offset to process (everything below is done)
        self._committed: dict[int, int] = {}  # partition -> last offset committed by the worker
        self._seen: dict[int, float] = {}  # partition -> monotonic time a record last arrived
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._epoch = 0  # bumped by reset(): work that started before a rebalance must not write positions after
        self._reset_at = time.monotonic()  # a partition counts as idle from here until its first record
        self.stats = LedgerStats()
        self._observe = observe
        self._on_start = on_start
        self._journal = journal
        self._quarantine = quarantine
        self._quarantine_after = max(1, quarantine_after)
        self._suspect: dict[int, InFlight] = {}  # partition -> range in flight when a process exited
        self._closed: set[int] = set()  # drained partitions (revoked, shutting down): nothing of theirs runs

    def _count(self, kind: str, n: int) -> None:
        self.stats.add(kind, n)
        if self._observe is not None:
            self._observe(kind, n)

    # -- processing --------------------------------------------------------------------------------------

    async def process(self, records: Iterable[Record]) -> None:
        """Process what faust delivered: drop redeliveries, fill gaps from the log, advance the positions."""
        by_partition: defaultdict[int, list[Record]] = defaultdict(list)
        for r in records:
            by_partition[r.partition].append(r)
        for partition, recs in sorted(by_partition.items()):
            self._seen[partition] = time.monotonic()
            await self._process_partition(partition, sorted(recs, key=lambda r: r.offset))

    async def _process_partition(self, partition: int, recs: list[Record]) -> None:
        async with self._locks[partition]:
            if partition in self._closed:
                return  # a batch taken before the partition was revoked: its records are the next owner's
            epoch = self._epoch
            position = await self._position(partition)
            todo: list[Record] = []
            for r in recs:
                if r.offset < position:
                    self._count("redelivered", 1)
                    continue
                if r.offset > position:
                    await self._run(partition, todo, epoch)
                    todo = []
                    if not await self._fill(partition, position, r.offset, epoch):
                        return
                todo.append(r)
                position = r.offset + 1
            await self._run(partition, todo, epoch)

    async def _fill(self, partition: int, start: int, end: int, epoch: int) -> bool:
        """Read back and handle the skipped offsets start..end in slices of ten chunks, each handled before the next
        is read: every read bounded in time and memory, as in catch_up (one read of a large gap could outlast the
        reader's timeout and be tried again forever; review finding 9). False when the partition was drained or
        reset meanwhile."""
        found = 0
        position = start
        while position < end:
            upto = min(end, position + 10 * self._chunk)
            missing = await self._source.read(self.topic, partition, position, upto)
            if missing:
                found += len(missing)
                self._count("recovered", len(missing))
                await self._run(partition, missing, epoch)
            if not self._current(partition, epoch):
                return False
            position = upto
        if found:
            log.warning(
                "offsets skipped by the consumer were read back from the log",
                extra={"topic": self.topic, "partition": partition, "offset": start, "count": found},
            )
        return True

    async def catch_up(self, partition: int, idle_seconds: float) -> int:
        """Read the log from the partition's position when nothing arrived for `idle_seconds` while the log has
        more: the consumer stopped delivering (a dropped redelivery at the tail). Stops as soon as the consumer
        delivers again, so it never competes with a working stream. Returns the records processed."""
        began = time.monotonic()
        if began - self._seen.get(partition, self._reset_at) < idle_seconds or partition in self._closed:
            return 0
        async with self._locks[partition]:
            epoch = self._epoch
            position = await self._position(partition)
            _, end = await self._source.bounds(self.topic, partition)
            done = 0
            while position < end and self._current(partition, epoch) and self._seen.get(partition, 0.0) < began:
                recs = await self._source.read(self.topic, partition, position, min(end, position + 10 * self._chunk))
                if not recs:
                    # Nothing left below `end` (control records, compaction): nothing to process there.
                    self._set(partition, end, epoch)
                    break
                self._count("recovered", len(recs))
                await self._run(partition, recs, epoch)
                position, done = recs[-1].offset + 1, done + len(recs)
            if done:
                log.warning(
                    "idle partition caught up from the log",
                    extra={"topic": self.topic, "partition": partition, "count": done},
                )
            return done

    async def prepare(self, partition: int) -> None:
        """Learn the partition's position now (after a rebalance) rather than when its first record arrives."""
        async with self._locks[partition]:
            await self._position(partition)

    async def _run(self, partition: int, todo: Sequence[Record], epoch: int) -> None:
        i = 0
        while i < len(todo):
            if not self._current(partition, epoch):
                return  # revoked or reset meanwhile: the chunk in hand finished, the rest is the next owner's
            suspect = self._suspect.get(partition)
            if suspect is not None and todo[i].offset >= suspect.end:
                del self._suspect[partition]
                suspect = None
            if suspect is not None and todo[i].offset >= suspect.start:
                await self._run_suspect(partition, todo[i], suspect, epoch)
                i += 1
                continue
            stop = min(len(todo), i + self._chunk)
            if suspect is not None:  # a chunk ends where the suspects begin
                stop = next((j for j in range(i, stop) if todo[j].offset >= suspect.start), stop)
            chunk = list(todo[i:stop])
            await self._note(partition, InFlight(chunk[0].offset, chunk[-1].offset + 1))
            await self._handler(chunk)  # raises: the position stays before the chunk, it is read again later
            self._set(partition, chunk[-1].offset + 1, epoch)
            i = stop

    async def _run_suspect(self, partition: int, rec: Record, suspect: InFlight, epoch: int) -> None:
        """A record that was in flight when a worker process exited: alone, or quarantined after enough exits."""
        alone = suspect.end - suspect.start == 1
        if alone and suspect.exits >= self._quarantine_after and self._quarantine is not None:
            log.error(
                "quarantined a record the worker exited on",
                extra={"topic": self.topic, "partition": partition, "offset": rec.offset, "exits": suspect.exits},
            )
            await self._quarantine(rec, suspect.exits)
            self._count("quarantined", 1)
        else:
            await self._note(partition, InFlight(rec.offset, rec.offset + 1, suspect.exits))
            await self._handler([rec])
        self._set(partition, rec.offset + 1, epoch)

    async def _note(self, partition: int, span: InFlight) -> None:
        if self._journal is not None:
            await self._journal.begin(self.topic, partition, span)

    def _current(self, partition: int, epoch: int) -> bool:
        """Work that started at `epoch` on `partition` may go on: no reset since, and not drained."""
        return epoch == self._epoch and partition not in self._closed

    def _set(self, partition: int, position: int, epoch: int) -> None:
        if epoch == self._epoch:
            self._next[partition] = max(position, self._next.get(partition, position))

    async def _position(self, partition: int) -> int:
        if partition not in self._next:
            committed = await self._source.committed(self.topic, partition)
            start, _ = await self._source.bounds(self.topic, partition)
            # No commit yet (a new group reads from the start) or a commit below what retention kept.
            position = start if committed is None else max(committed, start)
            if self._on_start is not None:
                await self._on_start(partition, position)
            await self._recall(partition, position)
            self._next[partition] = position
            self._committed.setdefault(partition, position)
        return self._next[partition]

    async def _recall(self, partition: int, position: int) -> None:
        """Was a range at or past the position in flight when the last owner exited?"""
        self._suspect.pop(partition, None)
        last = await self._journal.last(self.topic, partition) if self._journal is not None else None
        if last is None or last.end <= position or last.start >= last.end:
            return  # nothing left in flight past the position (an empty span: a clean hand-over, note_idle)
        suspect = InFlight(max(last.start, position), last.end, last.exits + 1)
        self._suspect[partition] = suspect
        log.warning(
            "records were in flight when a worker exited: handled one at a time",
            extra={
                "topic": self.topic,
                "partition": partition,
                "offset": suspect.start,
                "count": suspect.end - suspect.start,
                "exits": suspect.exits,
            },
        )

    # -- commits and rebalances ------------------------------------------------------------------------------

    def committable(self) -> dict[int, int]:
        """Partitions whose position moved past their last commit: partition -> offset to commit."""
        return {p: n for p, n in self._next.items() if n > self._committed.get(p, -1)}

    def mark_committed(self, partition: int, offset: int) -> None:
        self._committed[partition] = max(offset, self._committed.get(partition, offset))

    def committed_offset(self, partition: int) -> int | None:
        return self._committed.get(partition)

    async def drain(self, partitions: Iterable[int] | None = None) -> None:
        """Stop handling `partitions` (every one known when None) and wait for the chunk in hand to finish: the
        drain point of a revocation or shutdown. faust does not wait for records it does not track (acks off), so
        without this the agent would go on with its batch after the commit, and could publish after the next owner
        restored its table. The chunk in hand keeps its position (committable); nothing of these partitions runs
        again until `reopen` (the next assignment)."""
        chosen = set(self._locks) | set(self._next) if partitions is None else set(partitions)
        self._closed |= chosen
        for partition in sorted(chosen):
            async with self._locks[partition]:
                pass

    def reopen(self, partitions: Iterable[int]) -> None:
        """An assignment: the assigned partitions are handled again (from the committed offsets, after `reset`)."""
        self._closed -= set(partitions)

    async def note_idle(self, partitions: Iterable[int] | None = None) -> None:
        """After a drain: tell the journal nothing of these partitions is in flight, so the next owner does not
        take a clean hand-over (a rebalance, a SIGTERM) for a process exit. A range an earlier exit left behind
        and not handled yet stays noted, with the exits counted so far."""
        for partition in sorted(set(self._next) if partitions is None else set(partitions)):
            position = self._next.get(partition)
            if position is None:
                continue  # never started here: the journal says what the last owner left
            suspect = self._suspect.get(partition)
            if suspect is not None and suspect.end > position:
                span = InFlight(max(position, suspect.start), suspect.end, suspect.exits - 1)
            else:
                span = InFlight(position, position)
            await self._note(partition, span)

    def reset(self, partitions: Iterable[int] | None = None) -> None:
        """Forget positions (a rebalance): they are read again from the group's committed offsets."""
        self._epoch += 1
        self._reset_at = time.monotonic()
        for p in list(self._next) if partitions is None else list(partitions):
            self._next.pop(p, None)
            self._committed.pop(p, None)
            self._seen.pop(p, None)
            self._suspect.pop(p, None)
