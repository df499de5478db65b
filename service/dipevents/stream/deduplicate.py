"""The dedup step: candidate records in, first sightings and revisions out, clusters in the table.

Order per candidate: plan (nothing written), the first sighting sent and acknowledged, the revisions sent and
acknowledged, then the table written (its changelog record, whose ack the committer checks before it commits:
topology.ClusterTable). A crash in between re-publishes the same id (the replay guard keeps it off the events
topic) rather than losing the event: docs/reliability.md.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from dipevents.core.dedup import Deduplicator, DedupResult
from dipevents.core.errors import ExtractionError, InternalError
from dipevents.stream.codecs import CandidateRecord, encode_event
from dipevents.stream.contain import contained
from dipevents.stream.dlq import DeadLetterPolicy, origin_of
from dipevents.stream.ledger import Record
from dipevents.stream.metrics import Metrics
from dipevents.stream.outputs import Output, retriable

log = logging.getLogger("dipevents.dedup")


def _never(key: bytes) -> bool:
    return False


def _utcnow() -> datetime:
    return datetime.now(UTC)


class DedupHandler:
    def __init__(
        self,
        dedup: Deduplicator,
        *,
        events: Output,
        state: Output,
        dead_letters: DeadLetterPolicy,
        metrics: Metrics,
        already_announced: Callable[[bytes], bool] = _never,
        clock: Callable[[], datetime] = _utcnow,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self._dedup = dedup
        self._events = events
        self._state = state
        self._dead_letters = dead_letters
        self.metrics = metrics
        self._already_announced = already_announced  # the replay guard (dipevents.stream.replay)
        self._clock = clock
        self._wall_clock = wall_clock  # unix time, for consume-to-publish latency

    async def handle(self, records: Sequence[Record]) -> None:
        for rec in records:
            announced: list[DedupResult] = []  # filled once a first sighting is acknowledged
            try:
                await self._handle_one(rec, announced)
            except Exception as e:
                if announced:
                    self._dedup.commit(announced[0])  # announced: record it, or the next report announces it again
                if retriable(e):
                    raise  # the broker, not the record: the ledger reads it again from its position
                err = InternalError(e, stage="dedup")
                await self._dead_letters.handle(rec.key, rec.value, err, origin_of(rec))

    async def _handle_one(self, rec: Record, announced: list[DedupResult]) -> None:
        started = time.perf_counter()
        try:
            cand = CandidateRecord.decode(rec.value or b"")
        except Exception as e:  # noqa: BLE001 - a corrupt internal record must not stop dedup
            err = ExtractionError(f"undecodable candidate: {e}", stage="dedup")
            await self._dead_letters.handle(rec.key, rec.value, err, origin_of(rec))
            return
        result = self._dedup.plan(cand.event, cand.article_id, cand.published_at, self._clock())
        self.metrics.stage_seconds.labels(stage="dedup").observe(time.perf_counter() - started)
        started = time.perf_counter()
        key = result.event.event_id.encode()
        if result.merged:
            self.metrics.duplicates.labels(kind="same_event").inc()
        if result.outcome == "new" and self._already_announced(key):
            # Published by a worker that died before recording the cluster: recorded now, not announced again. The
            # guard answers once per id, so it is announced as far as a failure below is concerned (finding 7).
            announced.append(result)
            self.metrics.duplicates.labels(kind="republish_suppressed").inc()
            log.info("first sighting already on the events topic", extra={"event_id": result.event.event_id})
        elif result.outcome == "new":
            # The first sighting is sent and acknowledged before the state topic hears of it.
            await (await self._events(key, encode_event(result.event)))
            announced.append(result)
            self.metrics.events_published.labels(event_type=result.event.event_type).inc()
            self.metrics.latency.observe(max(0.0, self._wall_clock() - cand.consumed_at))
        acks = []
        if result.outcome in ("new", "updated"):
            acks.append(await self._state(key, result.record.model_dump_json().encode()))
            self.metrics.revisions.labels(event_type=result.event.event_type).inc()
        for retired in result.retired:
            # A late bridge: the survivor's revision above holds both events; the absorbed id says where it went.
            acks.append(await self._state(retired.event_id.encode(), retired.model_dump_json().encode()))
            self.metrics.bridges.labels(event_type=result.event.event_type).inc()
            log.info(
                "late bridge: %s merged into %s",
                retired.event_id,
                retired.merged_into,
                extra={"event_id": retired.event_id, "merged_into": retired.merged_into},
            )
        for ack in acks:
            await ack  # a revision lost after the table recorded it would never be sent again (finding 6)
        self._dedup.commit(result)  # recorded only after the first sighting and the revisions are acknowledged
        self.metrics.stage_seconds.labels(stage="publish").observe(time.perf_counter() - started)
        self.metrics.dedup_state.set(self._dedup.size())

    @contained("sweep")
    async def sweep(self) -> int:
        """Timer: events not updated within the window leave the table (their tombstones reach the changelog)."""
        dropped = self._dedup.expire(self._clock())
        self.metrics.dedup_state.set(self._dedup.size())
        if dropped:
            log.info("expired %d events from the dedup window", dropped, extra={"expired": dropped})
        return dropped
