"""The ledgers' journal of what is in flight, on a compacted topic: one key per input topic and partition.

A worker notes (and awaits the broker's ack for) each chunk's offsets before handling it; the next owner of the
partition reads the last note back when it learns the partition's position. Notes of input partition p go to
partition p of the journal topic (modulo its size), so the last note of a key is found by reading that
partition's tail: the notes written after it there are those of the other input topic's partition p, a few per
chunk, and a note further back than SCAN_BACK belongs to a chunk that was committed long ago.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable

from dipevents.stream.ledger import InFlight, LogSource

log = logging.getLogger("dipevents.inflight")

SCAN_BACK = 5000  # journal records read back, at most, to find a partition's last note

Send = Callable[[bytes, bytes, int], Awaitable[Awaitable[object]]]  # (key, value, partition) -> the broker's ack


class KafkaJournal:
    def __init__(self, topic: str, partitions: int, send: Send, source: LogSource) -> None:
        self.topic = topic
        self._partitions = max(1, partitions)
        self._send = send
        self._source = source

    @staticmethod
    def _key(topic: str, partition: int) -> bytes:
        return f"{topic}:{partition}".encode()

    async def begin(self, topic: str, partition: int, span: InFlight) -> None:
        value = json.dumps({"start": span.start, "end": span.end, "exits": span.exits}).encode()
        await (await self._send(self._key(topic, partition), value, partition % self._partitions))

    async def last(self, topic: str, partition: int) -> InFlight | None:
        at = partition % self._partitions
        start, end = await self._source.bounds(self.topic, at)
        key = self._key(topic, partition)
        records = await self._source.read(self.topic, at, max(start, end - SCAN_BACK), end)
        for rec in reversed(records):
            if rec.key == key and rec.value:
                try:
                    d = json.loads(rec.value)
                    return InFlight(int(d["start"]), int(d["end"]), int(d.get("exits", 0)))
                except (ValueError, KeyError, TypeError):
                    log.warning("unreadable in-flight note ignored", extra={"topic": topic, "partition": partition})
                    return None
        return None
