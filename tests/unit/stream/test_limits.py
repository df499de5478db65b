"""Every output sized against what its topic accepts: an oversized dead letter is cut with the original size and
digest in headers; any other oversized record is refused before the producer sees it."""

from __future__ import annotations

import asyncio
import hashlib
import re

import pytest
from dipevents.core.errors import BadInput
from dipevents.settings import Settings
from dipevents.stream.app import RECORD_SLACK, changelog_topic
from dipevents.stream.dlq import MAX_KEY_BYTES, DeadLetterPolicy, Origin, fit_dead_letter
from dipevents.stream.limits import RecordLimits, RecordTooLarge, record_size, sized
from dipevents.stream.metrics import Metrics
from dipevents.stream.runner import worker_budget
from dipevents.testing import MemoryTopic

LIMIT = 1_000_000
ORIGIN = Origin("articles", 0, 7)


def test_a_dead_letter_that_fits_is_untouched() -> None:
    """A small bad record keeps its key, its bytes and the usual headers."""
    key, value, headers = fit_dead_letter(b"k", b"not json {", [("dipevents.reason", b"not_json")], LIMIT)
    assert (key, value) == (b"k", b"not json {") and len(headers) == 1


def test_an_oversized_dead_letter_is_cut_with_its_original_size_and_digest() -> None:
    """A 1,010,000-byte record (too_large) does not fit once headers are added: its value is cut to fit, and the
    headers say how long it was and its SHA-256."""
    value = b"x" * 1_010_000
    key, cut, headers = fit_dead_letter(b"id-1", value, [("dipevents.reason", b"too_large")], LIMIT)
    h = dict(headers)
    assert record_size(key, cut, headers) <= LIMIT
    assert cut == value[: len(cut)] and len(cut) > 900_000
    assert h["dipevents.original.size"] == b"1010000"
    assert h["dipevents.original.sha256"] == hashlib.sha256(value).hexdigest().encode()


def test_an_oversized_key_is_cut_too() -> None:
    """A 900 KB key on an oversized record is cut to 1 KB, with its own size and digest."""
    key = b"k" * 900_000
    new_key, cut, headers = fit_dead_letter(key, b"v" * 200_000, [], LIMIT)
    h = dict(headers)
    assert new_key == key[:MAX_KEY_BYTES] and h["dipevents.original.key.size"] == b"900000"
    assert record_size(new_key, cut, headers) <= LIMIT


def test_the_policy_sends_the_cut_dead_letter() -> None:
    """Through the policy: the dead-letter topic receives a record under its limit, with the reason."""
    topic = MemoryTopic()
    policy = DeadLetterPolicy(topic, Metrics(), limit=LIMIT)
    asyncio.run(policy.handle(b"id", b"y" * 1_200_000, BadInput("too_large", "record is too large"), ORIGIN))
    key, value, headers = topic.records[0]
    assert record_size(key, value, headers) <= LIMIT and topic.headers()["dipevents.reason"] == "too_large"


def test_sized_outputs_refuse_what_the_topic_would() -> None:
    """An event or revision over the topic's limit raises RecordTooLarge before it reaches the producer."""
    topic = MemoryTopic()
    out = sized(topic, "events", 10_000)
    asyncio.run(out(b"k", b"v" * 5_000))
    with pytest.raises(RecordTooLarge):
        asyncio.run(out(b"k", b"v" * 20_000))
    assert len(topic.records) == 1


def test_a_topic_limit_is_the_smaller_of_the_producer_and_the_topic() -> None:
    """The producer's max_request_size, the topic's max.message.bytes, the broker's default for unknown topics."""
    limits = RecordLimits(1_000_000, {"small": 500_000, "big": 5_000_000}, default=1_048_588)
    assert (limits.limit("small"), limits.limit("big"), limits.limit("other")) == (500_000, 1_000_000, 1_000_000)


def test_the_event_budget_fits_the_smallest_topic_that_carries_an_event() -> None:
    """The candidates topic accepts less than the state topic and the changelog: the budget is sized by it, less
    the record wrapper's slack."""
    settings = Settings()
    k = settings.kafka
    limits = RecordLimits(1_048_576, {k.candidates_topic: 240_000, k.state_topic: 500_000})
    assert changelog_topic(settings) not in limits.topics  # the broker default applies to it
    assert worker_budget(settings, limits).max_bytes == 240_000 - RECORD_SLACK


def test_topics_too_small_for_any_event_are_a_clear_configuration_error() -> None:
    """A 150 KB limit on the state topic: a RuntimeError naming the topics, their limits and what is needed."""
    settings = Settings()
    limits = RecordLimits(1_048_576, {settings.kafka.state_topic: 150_000})
    with pytest.raises(
        RuntimeError, match=re.escape(f"{settings.kafka.state_topic} 150000") + ".*at least 204096 bytes"
    ):
        worker_budget(settings, limits)
