"""The extract handler without a broker: decode, extract (in the executor when given), candidates keyed by
blocking key with every ack awaited, bad input and failed extractions dead-lettered, the rest of a batch kept."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from aiokafka.errors import KafkaError, KafkaTimeoutError, NotLeaderForPartitionError
from dipevents.core.decode import DecodeLimits
from dipevents.core.models import Article, Event
from dipevents.core.processor import Extraction
from dipevents.stream.codecs import CandidateRecord
from dipevents.stream.dlq import DeadLetterPolicy
from dipevents.stream.extract import ExtractHandler
from dipevents.stream.health import HealthState
from dipevents.stream.ledger import Record
from dipevents.stream.limits import RecordTooLarge
from dipevents.stream.metrics import Metrics
from dipevents.testing import MemoryTopic, ScriptedProcessor, make_event

BODY = "President Putin met Prime Minister Abe in Moscow on Monday, and the two leaders held talks."


def article(aid: str, body: str = BODY) -> bytes:
    return json.dumps(
        {"article_id": aid, "source": "Wire", "body": body, "published_at": "2013-04-29T12:00:00Z"}
    ).encode()


def records(*values: bytes | None) -> list[Record]:
    return [Record("articles", 0, i, None, v) for i, v in enumerate(values)]


def one_summit(a: Article) -> list[Event]:
    if "EXPLODE" in a.body:
        raise ZeroDivisionError("a bug in an extractor")
    return [make_event(article_id=a.article_id, source=a.source)]


def handler(
    processor: ScriptedProcessor, executor: ThreadPoolExecutor | None = None
) -> tuple[ExtractHandler, MemoryTopic, MemoryTopic, Metrics]:
    candidates, dead, metrics = MemoryTopic(), MemoryTopic(), Metrics()
    h = ExtractHandler(
        processor,
        DecodeLimits(),
        candidates=candidates,
        dead_letters=DeadLetterPolicy(dead, metrics, limit=1_000_000),
        metrics=metrics,
        executor=executor,
        clock=lambda: 1000.0,
    )
    return h, candidates, dead, metrics


def test_good_articles_become_candidates_keyed_by_blocking_key_and_acknowledged() -> None:
    """Each event of a good article is one candidate record, keyed by the JSON blocking key, carrying the article
    id, publication time and consume time; every send's ack is awaited before handle returns."""
    h, candidates, dead, metrics = handler(ScriptedProcessor(one_summit))
    asyncio.run(h.handle(records(article("a1"), article("a2"))))
    assert [k for k, _, _ in candidates.records] == [b'"summit:JPN-RUS"'] * 2
    decoded = [CandidateRecord.decode(v) for v in candidates.values()]
    assert [c.article_id for c in decoded] == ["a1", "a2"]
    assert decoded[0].consumed_at == 1000.0 and decoded[0].published_at is not None
    assert decoded[0].kind == "extracted"
    assert candidates.acks_awaited == 2 and dead.records == []
    assert metrics.registry.get_sample_value("dipevents_articles_consumed_total", {"outcome": "processed"}) == 2.0


def test_bad_input_is_dead_lettered_and_the_rest_of_the_batch_is_extracted() -> None:
    """Bad records among good ones: each dead-lettered with its reason, bytes and origin; the good ones are
    extracted together in one batch."""
    processor = ScriptedProcessor(one_summit)
    h, candidates, dead, _ = handler(processor)
    asyncio.run(h.handle(records(b"not json {", article("a1"), None, article("a2"))))
    assert processor.batches == [["a1", "a2"]]
    assert len(candidates.records) == 2
    assert [dead.headers(i)["dipevents.reason"] for i in range(2)] == ["not_json", "null_value"]
    assert dead.values()[0] == b"not json {"
    assert dead.headers(0)["dipevents.source.offset"] == "0" and dead.headers(1)["dipevents.source.offset"] == "2"


def test_a_failed_extraction_dead_letters_only_its_article() -> None:
    """An article whose extraction raised is dead-lettered as extractor_error with the exception in the message;
    the others' candidates are sent."""
    h, candidates, dead, metrics = handler(ScriptedProcessor(one_summit))
    asyncio.run(h.handle(records(article("a1"), article("boom", "EXPLODE " + BODY), article("a3"))))
    assert [CandidateRecord.decode(v).article_id for v in candidates.values()] == ["a1", "a3"]
    assert len(dead.records) == 1
    assert dead.headers()["dipevents.reason"] == "extractor_error"
    assert "ZeroDivisionError" in dead.headers()["dipevents.message"]
    assert dead.headers()["dipevents.source.offset"] == "1"
    assert metrics.registry.get_sample_value("dipevents_dead_letters_total", {"reason": "extractor_error"}) == 1.0


def test_extraction_runs_in_the_executor_when_given_one() -> None:
    """With an executor the processor runs off the event loop's thread (the NLP thread in the worker)."""
    threads: list[str] = []

    def note_thread(a: Article) -> list[Event]:
        threads.append(threading.current_thread().name)
        return one_summit(a)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlp") as pool:
        h, candidates, _, _ = handler(ScriptedProcessor(note_thread), executor=pool)
        asyncio.run(h.handle(records(article("a1"))))
    assert threads and threads[0].startswith("nlp") and len(candidates.records) == 1


def test_a_batch_hung_in_the_nlp_thread_past_the_limit_fails_liveness_until_it_returns() -> None:
    """An extraction that does not return: while it runs past the limit /live says so (the orchestrator then
    restarts the process); once it returns the worker is live again."""
    release, started = threading.Event(), threading.Event()
    health = HealthState(busy_limit=0.05)

    def hang(a: Article) -> list[Event]:
        started.set()
        release.wait(10)
        return one_summit(a)

    async def scenario() -> list[tuple[bool, str]]:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlp") as pool:
            h, _, _, _ = handler(ScriptedProcessor(hang), executor=pool)
            h._health = health
            batch = asyncio.ensure_future(h.handle(records(article("a1"))))
            await asyncio.get_running_loop().run_in_executor(None, started.wait, 10)
            seen = [health.live()]
            await asyncio.sleep(0.1)
            seen.append(health.live())
            release.set()
            await batch
            return [*seen, health.live()]

    early, hung, after = asyncio.run(scenario())
    assert early == (True, "ok") and after == (True, "ok") and health.busy_since is None
    assert not hung[0] and hung[1].startswith("extraction batch running for")


def test_a_refused_candidate_dead_letters_its_article_only() -> None:
    """When the producer refuses one article's candidate, that article is dead-lettered as internal_error with the
    exception named; the other articles of the batch are sent."""
    h, candidates, dead, _ = handler(ScriptedProcessor(one_summit))
    real = candidates.__call__

    async def refuse_a2(key: bytes | None, value: bytes, headers: Sequence[tuple[str, bytes]] = ()) -> Any:
        if CandidateRecord.decode(value).article_id == "a2":
            raise RecordTooLarge("candidates", 2_000_000, 1_000_000)
        return await real(key, value, headers)

    h._candidates = refuse_a2
    asyncio.run(h.handle(records(article("a1"), article("a2"), article("a3"))))
    assert [CandidateRecord.decode(v).article_id for v in candidates.values()] == ["a1", "a3"]
    assert dead.headers()["dipevents.reason"] == "internal_error"
    assert dead.headers()["dipevents.exception"] == "RecordTooLarge"
    assert dead.headers()["dipevents.source.offset"] == "1"


@pytest.mark.parametrize("at", ["send", "ack"])
def test_a_transient_broker_error_on_a_candidate_is_raised_for_the_ledger_to_retry(at: str) -> None:
    """The candidates topic away for a moment, when sending or when acknowledging: the handler raises (the ledger
    reads the chunk again), nothing is dead-lettered; once the broker is back the articles become candidates."""
    h, candidates, dead, _ = handler(ScriptedProcessor(one_summit))
    if at == "send":
        candidates.fail = NotLeaderForPartitionError()
    else:
        candidates.fail_ack = KafkaTimeoutError()
    with pytest.raises(KafkaError):
        asyncio.run(h.handle(records(article("a1"), article("a2"))))
    assert dead.records == []
    candidates.fail = candidates.fail_ack = None
    candidates.records.clear()
    asyncio.run(h.handle(records(article("a1"), article("a2"))))
    assert [CandidateRecord.decode(v).article_id for v in candidates.values()] == ["a1", "a2"]


def test_a_processor_that_raises_for_the_whole_batch_is_retried_not_dead_lettered() -> None:
    """The processor gives a failing article its own error; when it raises instead, no article is at fault (the
    executor is gone): the handler raises, so the ledger handles the chunk again, and nothing is dead-lettered or
    extracted twice."""

    class Broken(ScriptedProcessor):
        def process(self, articles: Sequence[Article]) -> list[Extraction]:
            super().process(articles)
            raise RuntimeError("cannot schedule new futures after shutdown")

    processor = Broken(one_summit)
    h, candidates, dead, _ = handler(processor)
    with pytest.raises(RuntimeError, match="shutdown"):
        asyncio.run(h.handle(records(article("a1"), article("a2"))))
    assert processor.batches == [["a1", "a2"]]
    assert candidates.records == [] and dead.records == []


def test_an_article_stating_an_event_thousands_of_times_gives_a_bounded_candidate() -> None:
    """5,000 mentions of one event in one article: the candidate keeps the budget's mentions in full, counts the
    rest by source, and stays within the record budget."""
    sentence = "President Putin and Prime Minister Abe met in Moscow for talks on a peace treaty. " * 3

    def thousands(a: Article) -> list[Event]:
        ev = make_event(article_id=a.article_id, source=a.source, sentence=sentence)
        mention = ev.mentions[0]
        mentions = [mention.model_copy(update={"start": i, "end": i + len(sentence)}) for i in range(5000)]
        return [ev.model_copy(update={"mentions": mentions})]

    h, candidates, _, _ = handler(ScriptedProcessor(thousands))
    asyncio.run(h.handle(records(article("a1"))))
    event = CandidateRecord.decode(candidates.values()[0]).event
    assert len(event.mentions) == 100 and event.omitted_mentions == {"Wire": 4900}
    assert len(candidates.values()[0]) < 256_000


def test_when_the_dead_letter_cannot_be_sent_either_the_handler_raises() -> None:
    """With the dead-letter topic refusing too, the failure propagates so that the ledger reads the chunk again."""
    h, candidates, dead, _ = handler(ScriptedProcessor(one_summit))
    candidates.fail = dead.fail = ConnectionError("broker gone")
    with pytest.raises(ConnectionError):
        asyncio.run(h.handle(records(article("a1"))))


def test_article_outcomes_are_counted_once_their_candidates_are_acknowledged() -> None:
    """a1's candidate is acknowledged, a2's refused for good: a1 counts as processed, a2 as a dead letter only
    (not processed too), each article once."""
    h, candidates, dead, metrics = handler(ScriptedProcessor(one_summit))
    real = candidates.__call__

    async def refuse_ack_of_a2(key: bytes | None, value: bytes, headers: Sequence[tuple[str, bytes]] = ()) -> Any:
        ack = await real(key, value, headers)
        if CandidateRecord.decode(value).article_id != "a2":
            return ack

        async def refused() -> None:
            raise RecordTooLarge("candidates", 2_000_000, 1_000_000)

        return refused()

    h._candidates = refuse_ack_of_a2
    asyncio.run(h.handle(records(article("a1"), article("a2"))))

    def outcome(o: str) -> float | None:
        return metrics.registry.get_sample_value("dipevents_articles_consumed_total", {"outcome": o})

    assert (outcome("processed"), outcome("dead_letter")) == (1.0, 1.0) and len(dead.records) == 1
