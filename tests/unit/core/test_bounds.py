"""Bounded state (issue 14): whatever reports arrive, an event keeps a capped number of mentions in full (the rest
counted by source), a stored cluster stays under its byte budget, and N copies cost O(N) store work."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from dipevents.core.bounds import EVENT_MIN_BYTES, OTHER_SOURCES, Budget, fit, json_size, mention_total
from dipevents.core.dedup import MAX_INDEX_ENTRIES, Deduplicator
from dipevents.core.models import BUILTIN_TYPES, Event
from dipevents.testing import make_event
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

D = date(2013, 4, 29)
PUB = datetime(2013, 4, 29, 12, tzinfo=UTC)


class CountingStore(dict[str, Any]):
    """The dedup store port in memory, counting reads, writes and the bytes written."""

    def __init__(self) -> None:
        super().__init__()
        self.reads = self.writes = self.bytes_written = 0
        self.largest = 0

    def get(self, key: str, default: Any = None, /) -> Any:
        self.reads += 1
        return super().get(key, default)

    def __setitem__(self, key: str, value: Any, /) -> None:
        self.writes += 1
        size = json_size(value)
        self.bytes_written += size
        self.largest = max(self.largest, size)
        super().__setitem__(key, value)


def report(
    article: str, source: str, *, mentions: int = 1, sentence: str = "Putin met Abe in Moscow.", **kw: Any
) -> Event:
    ev = make_event(article_id=article, source=source, sentence=sentence, **kw)
    m = ev.mentions[0]
    return ev.model_copy(
        update={"mentions": [m.model_copy(update={"start": i, "end": i + len(sentence)}) for i in range(mentions)]}
    )


def test_mentions_past_the_cap_are_counted_by_source() -> None:
    """An event with more mentions than the cap keeps the first ones and counts the rest under their source."""
    budget = Budget(max_mentions=10)
    ev = fit(report("a1", "TASS", mentions=25), budget)
    assert len(ev.mentions) == 10 and ev.omitted_mentions == {"TASS": 15} and mention_total(ev) == 25


def test_an_event_that_cannot_keep_its_mentions_in_the_budget_sheds_them() -> None:
    """Long sentences: mentions go to the counts from the last one back until the JSON fits."""
    ev = fit(report("a1", "TASS", mentions=100, sentence="Putin met Abe. " * 130), Budget(), EVENT_MIN_BYTES)
    assert json_size(ev.model_dump(mode="json")) <= EVENT_MIN_BYTES
    assert 0 < len(ev.mentions) < 100 and mention_total(ev) == 100


def test_many_copies_keep_counts_growing_and_records_bounded() -> None:
    """300 copies of one story with distinct ids and sources, caps of 20: one event whose revisions keep counting
    every article and mention, whose sources and full mentions stop at their caps, which remembers the first and
    the latest articles, and no stored value outgrows the budget."""
    store = CountingStore()
    budget = Budget(max_mentions=20, max_sources=20, max_article_ids=40)
    dd = Deduplicator(store, budget=budget)
    for i in range(300):
        r = dd.observe(report(f"copy-{i}", f"Outlet {i}"), f"copy-{i}", PUB)
    assert r.outcome == "updated" and r.revision == 300
    assert r.record.article_count == 300 and r.record.mention_count == 300
    assert len(r.event.mentions) == 20 and len(r.event.sources) == 20
    assert r.event.omitted_mentions == {OTHER_SOURCES: 280}
    assert len(r.record.article_ids) == 40 and {"copy-0", "copy-19", "copy-299"} <= set(r.record.article_ids)
    assert store.largest <= budget.max_bytes and len(r.record.model_dump_json()) <= budget.max_bytes
    again = dd.observe(report("copy-299", "Outlet 299"), "copy-299", PUB)  # a replay of the latest copy
    assert again.outcome == "unchanged" and again.record.mention_count == 300


@given(n=st.integers(min_value=20, max_value=300))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_copies_cost_a_constant_amount_of_store_work_each(n: int) -> None:
    """(hypothesis) Whatever the number of copies, each costs a bounded number of store reads and writes and a
    bounded number of bytes written: N copies cost O(N). (Before, every copy rewrote the key's whole cluster list:
    the bytes written per copy grew with N.)"""
    store = CountingStore()
    dd = Deduplicator(store, budget=Budget(max_mentions=20, max_article_ids=40, max_sources=20))
    per_copy: list[tuple[int, int, int]] = []
    for i in range(n):
        before = (store.reads, store.writes, store.bytes_written)
        dd.observe(report(f"copy-{i}", f"Outlet {i % 50}", mentions=3), f"copy-{i}", PUB)
        per_copy.append((store.reads - before[0], store.writes - before[1], store.bytes_written - before[2]))
    assert max(r for r, _, _ in per_copy) <= 20  # the day indexes of the window around the anchor, their clusters
    assert max(w for _, w, _ in per_copy) <= 3  # the cluster, and the index when it is new or moved
    assert max(b for _, _, b in per_copy) <= 20_000  # what 20 mentions and 40 ids take, whatever n is


def test_distinct_events_of_one_pair_spread_over_day_records() -> None:
    """600 summits of one pair on 600 days: each day's index holds one entry and the largest record does not grow
    with their number (before, the pair's one record held all 600 and passed 1 MB)."""
    store = CountingStore()
    dd = Deduplicator(store)
    for i in range(600):
        day = D + timedelta(days=3 * i)
        dd.observe(
            make_event(day=day, article_id=f"s-{i}"), f"s-{i}", datetime(day.year, day.month, day.day, tzinfo=UTC)
        )
    assert dd.size() == 600 and store.largest < 5_000


def test_a_day_index_keeps_at_most_its_cap_of_entries() -> None:
    """More events of one pair on one day than the index holds (distinct places): the index stays at its cap."""
    store = CountingStore()
    dd = Deduplicator(store)
    for i in range(MAX_INDEX_ENTRIES + 20):
        dd.observe(make_event(city=f"Town {i}", article_id=f"t-{i}"), f"t-{i}", PUB)
    index = [v for k, v in store.items() if "@" in k]
    assert len(index) == 1 and len(index[0]) == MAX_INDEX_ENTRIES


texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=3000)


@st.composite
def hostile_reports(draw: st.DrawFn) -> list[tuple[str, Event]]:
    n = draw(st.integers(min_value=1, max_value=30))
    out = []
    for i in range(n):
        article = draw(st.sampled_from(["a", "b" * 512, f"id-{i}", "x" * draw(st.integers(1, 512))]))
        source = draw(st.sampled_from(["TASS", "s" * 256, f"Outlet {i}"]))
        sentence = draw(texts) or "."
        extra: dict[str, Any] = {
            "actors": [{"name": draw(texts) or "A", "country": "RUS"} for _ in range(draw(st.integers(0, 60)))],
            "directive": draw(texts) or None,
        }
        ev = report(
            article,
            source,
            mentions=draw(st.integers(1, 150)),
            sentence=sentence,
            event_type="ministry_instruction",
            **extra,
        )
        out.append((article, ev))
    return out


@given(reports=hostile_reports())
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_no_sequence_of_reports_outgrows_the_record_budget(reports: list[tuple[str, Event]]) -> None:
    """(hypothesis) Reports with long sentences, ids, sources, directives and many actors: every stored value and
    every revision stays within the budget, and the mention count is every mention of every distinct article."""
    budget = Budget(max_bytes=2 * EVENT_MIN_BYTES)
    store = CountingStore()
    dd = Deduplicator(store, budget=budget)
    for article, ev in reports:
        r = dd.observe(ev, article, PUB)
        assert len(r.record.model_dump_json().encode()) <= budget.max_bytes
    assert store.largest <= budget.max_bytes
    assert all(len(json.dumps(v).encode()) <= budget.max_bytes + 64 for v in store.values())


def test_the_types_own_fields_are_bounded_as_its_merge_rule_declares() -> None:
    """bounds names no type's field: a list the type's merge rule unions is capped, and the same field of a type
    registered without that rule is left alone."""
    from dataclasses import replace

    from dipevents.core.registry import EventTypes, MergeRule

    consultation = next(t for t in BUILTIN_TYPES if "topics" in t.merge.union)
    ev = make_event(consultation.event_type, topics=[f"topic {i:03d}" for i in range(80)])
    budget = Budget(max_items=50)
    assert len(fit(ev, budget).topics) == 50  # type: ignore[attr-defined]
    undeclared = EventTypes(
        [replace(consultation, merge=MergeRule()), *(t for t in BUILTIN_TYPES if t is not consultation)]
    )
    assert len(fit(ev, budget, types=undeclared).topics) == 80  # type: ignore[attr-defined]
