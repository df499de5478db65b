"""Replays never announce an event twice.

A worker killed between a first sighting's broker ack and its dedup-table (changelog) write leaves the event on
the events topic but not in the table; its successor replays the candidates after the committed offset and would
announce the event again. Before replaying a candidates partition, the guard learns the ids the events topic got
since the first of those candidates was written; a `new` plan for such an id is recorded, not announced.
"""

from __future__ import annotations

import logging
from typing import Protocol

from dipevents.stream.ledger import LogSource

log = logging.getLogger("dipevents.replay")

# Producers on other hosts stamp records with their own clocks: look this much further back for first sightings.
CLOCK_SKEW_SECONDS = 60.0


class KeyedLog(LogSource, Protocol):
    async def keys_since(self, topic: str, timestamp_ms: int) -> set[bytes]:
        """The keys of every record of `topic` written at or after `timestamp_ms`."""


class ReplayGuard:
    def __init__(self, source: KeyedLog, candidates_topic: str, events_topic: str) -> None:
        self._source = source
        self._candidates = candidates_topic
        self._events = events_topic
        self._announced: set[bytes] = set()

    async def recall(self, partition: int, position: int) -> None:
        """The ledger's on_start hook: candidates of `partition` from `position` on are about to be replayed."""
        first = await self._source.read(self._candidates, partition, position, position + 1)
        if first and first[0].timestamp_ms is not None:
            since = first[0].timestamp_ms - int(CLOCK_SKEW_SECONDS * 1000)
            self._announced.update(await self._source.keys_since(self._events, since))
        log.info(
            "replaying candidates",
            extra={"partition": partition, "offset": position, "published_recently": len(self._announced)},
        )

    def already_announced(self, event_key: bytes) -> bool:
        """True once for an id a previous worker already first-sighted."""
        if event_key in self._announced:
            self._announced.discard(event_key)
            return True
        return False

    def clear(self) -> None:
        """A rebalance: learnt again per partition, from its own committed offset."""
        self._announced.clear()
