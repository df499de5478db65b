"""An in-memory stand-in for the log the ledger reads (the real one is dipevents.stream.log_reader)."""

from __future__ import annotations

from collections.abc import Iterable

from dipevents.stream.ledger import Record

TOPIC = "articles"


class MemoryLog:
    """A one-topic log: offsets in `offsets` exist (others are control records or compacted away)."""

    def __init__(self, offsets: Iterable[int], *, committed: dict[int, int] | None = None, start: int = 0) -> None:
        self.offsets = sorted(o for o in offsets if o >= start)
        self.committed_offsets = committed or {}
        self.start = start
        self.reads: list[tuple[int, int]] = []

    def record(self, offset: int, partition: int = 0) -> Record:
        return Record(TOPIC, partition, offset, None, f"v{offset}".encode())

    async def committed(self, topic: str, partition: int) -> int | None:
        return self.committed_offsets.get(partition)

    async def bounds(self, topic: str, partition: int) -> tuple[int, int]:
        return self.start, (self.offsets[-1] + 1 if self.offsets else self.start)

    async def read(self, topic: str, partition: int, start: int, end: int) -> list[Record]:
        self.reads.append((start, end))
        return [self.record(o, partition) for o in self.offsets if max(start, self.start) <= o < end]
