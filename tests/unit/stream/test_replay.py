"""The replay guard: ids the events topic got since the first replayed candidate was written are announced
no more, once each; a rebalance forgets them."""

from __future__ import annotations

import asyncio

from dipevents.stream.ledger import Record
from dipevents.stream.replay import CLOCK_SKEW_SECONDS, ReplayGuard


class EventsLog:
    """Candidates with write times, and event-topic keys with write times."""

    def __init__(self, candidates: dict[int, int], events: list[tuple[int, bytes]]) -> None:
        self.candidates = candidates  # offset -> timestamp (ms)
        self.events = events
        self.asked_since: list[int] = []

    async def committed(self, topic: str, partition: int) -> int | None:
        return None

    async def bounds(self, topic: str, partition: int) -> tuple[int, int]:
        return 0, max(self.candidates, default=-1) + 1

    async def read(self, topic: str, partition: int, start: int, end: int) -> list[Record]:
        return [
            Record(topic, partition, o, None, b"", ts) for o, ts in sorted(self.candidates.items()) if start <= o < end
        ]

    async def keys_since(self, topic: str, timestamp_ms: int) -> set[bytes]:
        self.asked_since.append(timestamp_ms)
        return {k for ts, k in self.events if ts >= timestamp_ms}


def test_ids_published_since_the_replayed_candidates_are_not_announced_again() -> None:
    log = EventsLog({0: 1_000_000, 1: 2_000_000}, [(900_000, b"ev-old"), (2_000_500, b"ev-crash")])
    guard = ReplayGuard(log, "candidates", "events")
    asyncio.run(guard.recall(0, 1))
    assert log.asked_since == [2_000_000 - int(CLOCK_SKEW_SECONDS * 1000)]
    assert guard.already_announced(b"ev-crash")
    assert not guard.already_announced(b"ev-crash")  # once: a later, different event may reuse nothing
    assert not guard.already_announced(b"ev-old")  # before the replay: its cluster is in the table


def test_nothing_to_replay_asks_nothing_and_a_rebalance_forgets() -> None:
    log = EventsLog({0: 1_000_000}, [(1_000_500, b"ev-1")])
    guard = ReplayGuard(log, "candidates", "events")
    asyncio.run(guard.recall(0, 1))  # the committed offset is the log end
    assert log.asked_since == [] and not guard.already_announced(b"ev-1")
    asyncio.run(guard.recall(0, 0))
    guard.clear()
    assert not guard.already_announced(b"ev-1")
