"""The dedup handler without a broker: plan, first sighting acknowledged before the revision, commit after;
later reports are revisions only; a replayed first sighting is not announced twice; the sweep timer contained."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from aiokafka.errors import KafkaTimeoutError, MessageSizeTooLargeError, NotLeaderForPartitionError
from dipevents.core.dedup import Deduplicator
from dipevents.stream.codecs import CandidateRecord
from dipevents.stream.deduplicate import DedupHandler
from dipevents.stream.dlq import DeadLetterPolicy
from dipevents.stream.ledger import Record
from dipevents.stream.metrics import Metrics
from dipevents.testing import FixedClock, MemoryTopic, make_event, memory_store

PUBLISHED = datetime(2013, 4, 29, 12, tzinfo=UTC)


def candidate(article_id: str, source: str = "Wire", offset: int = 0) -> Record:
    event = make_event(article_id=article_id, source=source)
    value = CandidateRecord(event, article_id, PUBLISHED, 1000.0).encode()
    return Record("candidates", 0, offset, b'"summit:JPN-RUS"', value)


class Rig:
    def __init__(self, announced: set[bytes] | None = None, store: Any = None) -> None:
        self.events, self.state, self.dead, self.metrics = MemoryTopic(), MemoryTopic(), MemoryTopic(), Metrics()
        self.clock = FixedClock(datetime(2013, 4, 30, tzinfo=UTC))
        self.store = memory_store() if store is None else store
        self.dedup = Deduplicator(self.store)
        seen = set(announced or ())
        self.handler = DedupHandler(
            self.dedup,
            events=self.events,
            state=self.state,
            dead_letters=DeadLetterPolicy(self.dead, self.metrics, limit=1_000_000),
            metrics=self.metrics,
            already_announced=lambda k: k in seen and not seen.discard(k),  # once per id, as ReplayGuard
            clock=self.clock,
            wall_clock=lambda: 1001.5,
        )

    def run(self, *recs: Record) -> None:
        asyncio.run(self.handler.handle(list(recs)))

    def sample(self, name: str, **labels: str) -> float | None:
        return self.metrics.registry.get_sample_value(name, labels)


def test_a_new_event_is_first_sighted_then_revised_then_recorded() -> None:
    """The first report: one first sighting keyed by event id (its ack awaited), revision 1 on the state topic,
    the cluster in the store, latency observed from the consume time."""
    rig = Rig()
    rig.run(candidate("a1"))
    assert len(rig.events.records) == 1 and rig.events.acks_awaited == 1
    key, value, _ = rig.events.records[0]
    assert key == json.loads(value)["event_id"].encode()
    rev = json.loads(rig.state.values()[0])
    assert rev["revision"] == 1 and rev["article_ids"] == ["a1"]
    assert rig.dedup.size() == 1
    assert rig.sample("dipevents_consume_to_publish_seconds_sum") == pytest.approx(1.5)


def test_a_second_report_is_a_revision_not_a_first_sighting() -> None:
    """Another wire's report of the same event: no new first sighting, revision 2 with both sources."""
    rig = Rig()
    rig.run(candidate("a1", "TASS"), candidate("a2", "Kyodo", offset=1))
    assert len(rig.events.records) == 1
    revs = [json.loads(v) for v in rig.state.values()]
    assert [r["revision"] for r in revs] == [1, 2]
    assert revs[-1]["event"]["sources"] == ["Kyodo", "TASS"]
    assert rig.sample("dipevents_duplicates_merged_total", kind="same_event") == 1.0


def test_an_event_already_announced_by_a_dead_worker_is_recorded_not_announced() -> None:
    """The replay guard knows the id: the cluster is recorded and the revision sent, the first sighting is not."""
    first = Rig()
    first.run(candidate("a1"))
    event_key = first.events.records[0][0]
    assert event_key is not None
    rig = Rig(announced={event_key})
    rig.run(candidate("a1"))
    assert rig.events.records == [] and len(rig.state.records) == 1 and rig.dedup.size() == 1
    assert rig.sample("dipevents_duplicates_merged_total", kind="republish_suppressed") == 1.0


def test_a_suppressed_first_sighting_is_recorded_even_when_its_revision_fails() -> None:
    """The replay guard knows the id (and answers once), then the revision cannot be sent: the candidate is
    dead-lettered but the event recorded, so the next report is a revision, never a second first sighting."""
    first = Rig()
    first.run(candidate("a1"))
    rig = Rig(announced={first.events.records[0][0] or b""})
    rig.state.fail = RuntimeError("state topic gone")
    rig.run(candidate("a1", "TASS"))
    assert rig.dead.headers()["dipevents.reason"] == "internal_error" and rig.dedup.size() == 1
    rig.state.fail = None
    rig.run(candidate("a2", "Kyodo", offset=1))
    assert rig.events.records == []
    assert json.loads(rig.state.values()[-1])["revision"] == 2


def test_an_undecodable_candidate_is_dead_lettered_and_the_next_one_processed() -> None:
    """A corrupt internal record is dead-lettered (extractor_error) with its origin, not counted as an article's
    outcome (the extract handler counts those); dedup goes on."""
    rig = Rig()
    rig.run(Record("candidates", 0, 0, b"k", b"{broken"), candidate("a1", offset=1))
    assert rig.dead.headers()["dipevents.reason"] == "extractor_error"
    assert "undecodable candidate" in rig.dead.headers()["dipevents.message"]
    assert len(rig.events.records) == 1
    assert rig.sample("dipevents_articles_consumed_total", outcome="dead_letter") is None  # a candidate, no article


def test_a_refused_first_sighting_dead_letters_the_candidate_and_the_next_one_goes_on() -> None:
    """The events topic refuses a first sighting for good (the record itself): that candidate is dead-lettered
    (internal_error, the exception named), nothing is recorded or revised, and the next candidate is handled."""
    rig = Rig()
    rig.events.fail = MessageSizeTooLargeError("refused")
    rig.run(candidate("a1"))
    assert rig.state.records == [] and rig.dedup.size() == 0
    assert rig.dead.headers()["dipevents.reason"] == "internal_error"
    assert rig.dead.headers()["dipevents.exception"] == "MessageSizeTooLargeError"
    assert "refused" in rig.dead.headers()["dipevents.message"]
    rig.events.fail = None
    rig.run(candidate("a2", offset=1))
    assert len(rig.events.records) == 1 and rig.dedup.size() == 1


@pytest.mark.parametrize(
    "error",
    [ConnectionError("broker gone"), KafkaTimeoutError(), NotLeaderForPartitionError(), TimeoutError()],
    ids=type,
)
def test_a_transient_broker_error_is_raised_for_the_ledger_to_retry_not_dead_lettered(error: Exception) -> None:
    """A broker that is away for a moment (connection, timeout, leader moving): the handler raises, so the ledger
    keeps the candidate before its position and reads it again; nothing is dead-lettered, and the retry announces
    the event once."""
    rig = Rig()
    rig.events.fail = error
    with pytest.raises(type(error)):
        rig.run(candidate("a1"))
    assert rig.dead.records == [] and rig.dedup.size() == 0
    rig.events.fail = None
    rig.run(candidate("a1"))
    assert len(rig.events.records) == 1 and json.loads(rig.state.values()[-1])["revision"] == 1


def test_a_failure_after_the_first_sighting_still_records_the_event() -> None:
    """The revision cannot be sent after the first sighting was acknowledged: the candidate is dead-lettered, but
    the event is recorded, so the next report is a revision and never a second first sighting."""
    rig = Rig()
    rig.state.fail = RuntimeError("state topic gone")
    rig.run(candidate("a1", "TASS"))
    assert len(rig.events.records) == 1 and rig.dedup.size() == 1
    assert rig.dead.headers()["dipevents.reason"] == "internal_error"
    rig.state.fail = None
    rig.run(candidate("a2", "Kyodo", offset=1))
    assert len(rig.events.records) == 1
    assert json.loads(rig.state.values()[-1])["revision"] == 2


def test_a_revision_the_broker_refuses_leaves_the_table_as_it_was() -> None:
    """The state topic takes the revision but never acknowledges it: the table does not record the report (the
    candidate is dead-lettered), so the next report is revision 2 again and no revision number is skipped."""
    rig = Rig()
    rig.run(candidate("a1", "TASS"))
    rig.state.fail_ack = RuntimeError("record rejected")
    rig.run(candidate("a2", "Kyodo", offset=1))
    assert rig.dead.headers()["dipevents.reason"] == "internal_error"
    rig.state.fail_ack = None
    rig.run(candidate("a3", "Xinhua", offset=2))
    last = json.loads(rig.state.values()[-1])
    assert last["revision"] == 2 and last["article_ids"] == ["a1", "a3"]


def test_a_dead_letter_the_broker_refuses_raises_so_the_record_is_read_again() -> None:
    """A dead letter is acknowledged before its record counts as done: a refused one propagates to the ledger."""
    rig = Rig()
    rig.dead.fail_ack = RuntimeError("record rejected")
    with pytest.raises(RuntimeError):
        rig.run(Record("candidates", 0, 0, b"k", b"{broken"))


def test_when_the_dead_letter_cannot_be_sent_either_the_handler_raises() -> None:
    """With the dead-letter topic refusing too, the failure propagates: the ledger keeps the candidate before its
    position and reads it again later, nothing is lost."""
    rig = Rig()
    rig.events.fail = rig.dead.fail = ConnectionError("broker gone")
    with pytest.raises(ConnectionError):
        rig.run(candidate("a1"))
    assert rig.dedup.size() == 0


def test_the_sweep_expires_old_events_and_a_failing_sweep_is_contained() -> None:
    """The sweep timer drops clusters older than the window; when the store raises, the sweep logs and counts
    the failure and returns instead of stopping the app."""
    rig = Rig()
    rig.run(candidate("a1"))
    rig.clock.advance(days=8)
    assert asyncio.run(rig.handler.sweep()) == 1 and rig.dedup.size() == 0

    class BrokenStore(dict[str, Any]):
        def keys(self) -> Any:
            raise RuntimeError("store unavailable")

    broken = Rig(store=BrokenStore())
    assert asyncio.run(broken.handler.sweep()) is None
    assert broken.sample("dipevents_task_failures_total", task="sweep") == 1.0


def test_a_late_bridge_revises_the_survivor_and_retires_the_other_id() -> None:
    """Two events first sighted apart, then a report shows they are one: no new first sighting; the state topic
    gets the survivor's revision with every source and a record for the other id saying merged_into; counted."""
    from tests.unit.core.test_bridges import ANALYSIS, BRIDGE, WIRE

    rig = Rig()
    recs = [
        Record("candidates", 0, i, b'"summit:JPN-KOR"', CandidateRecord(ev, f"x{i}", None, 1000.0).encode())
        for i, ev in enumerate((ANALYSIS, WIRE, BRIDGE))
    ]
    for rec in recs:  # a second apart: the first seen survives (at one instant the id would break the tie)
        rig.run(rec)
        rig.clock.advance(seconds=1)
    assert len(rig.events.records) == 2  # the first two were two events when they came
    first, second = (json.loads(v)["event_id"] for _, v, _ in rig.events.records)
    revs = [json.loads(v) for v in rig.state.values()]
    survivor, retired = revs[-2], revs[-1]
    assert survivor["event_id"] == first and survivor["merged_into"] is None
    assert survivor["event"]["sources"] == ["outlet-a", "outlet-b", "outlet-c"]
    assert retired["event_id"] == second and retired["merged_into"] == first
    assert rig.sample("dipevents_event_bridges_total", event_type="summit") == 1.0
    assert rig.dedup.size() == 1
