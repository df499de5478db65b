"""Late bridges and order independence in the pure dedup core: a later report that shows two clusters are one
event merges them (the first seen survives, the other id is retired with merged_into); any arrival order of a
story's reports ends in the same clusters."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from dipevents.core.dedup import Deduplicator
from dipevents.core.models import Event
from dipevents.testing import memory_store
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.core.test_merge_score import report

D = date(2023, 5, 15)
NOW = datetime(2023, 5, 20, 12, tzinfo=UTC)

# One meeting in Seoul, reported three ways: a late undated analysis (dated by publication three days on), a
# wire with the date and the venue, and a report the day after with the weekday, the venue and the analysis's
# wording. The first two alone do not look like one event; the third shows they are.
ANALYSIS = report("a", D + timedelta(days=3), "publication", sentence="The leaders held talks on chip supplies.")
WIRE = report("b", D, city="Seoul", sentence="Yoon hosted Kishida at the presidential office.")
BRIDGE = report(
    "c", D + timedelta(days=1), "relative", city="Seoul", sentence="Kishida and Yoon held talks on chip supplies."
)
# The same pair again six days later in Hiroshima, and a phone call the day after that. (An undated report
# published between two meetings of a pair, as near to one as to the other, could go either way: no such
# report here.)
HIROSHIMA = report("d", D + timedelta(days=6), "relative", city="Hiroshima", country="JPN")
HIROSHIMA_2 = report("e", D + timedelta(days=6), city="Hiroshima", country="JPN", sentence="They met again.")
CALL = report("f", D + timedelta(days=7), fmt="phone", sentence="Yoon and Kishida spoke by phone on chip supplies.")


def _observe(dd: Deduplicator, ev: Event, minutes: int) -> None:
    article = ev.mentions[0].article_id
    dd.observe(
        ev, article, datetime.combine(ev.event_date or D, datetime.min.time(), UTC), NOW + timedelta(minutes=minutes)
    )


def _partition(dd: Deduplicator) -> set[frozenset[str]]:
    return {frozenset(m.article_id for m in e.mentions) for e in dd.events()}


def test_a_later_report_bridges_two_clusters_into_the_first_seen() -> None:
    """The survivor keeps its id and gets every source and mention; the other id is retired, merged_into it."""
    dd = Deduplicator(memory_store())
    first = dd.observe(ANALYSIS, "a", None, NOW)
    second = dd.observe(WIRE, "b", None, NOW + timedelta(minutes=1))
    assert second.outcome == "new" and len(list(dd.events())) == 2
    bridged = dd.observe(BRIDGE, "c", None, NOW + timedelta(minutes=2))
    assert bridged.outcome == "updated" and bridged.event.event_id == first.event.event_id
    assert sorted(bridged.event.sources) == ["outlet-a", "outlet-b", "outlet-c"]
    assert {m.article_id for m in bridged.event.mentions} == {"a", "b", "c"}
    assert bridged.event.event_date == D and bridged.event.date_source == "explicit"  # the best date found
    (retired,) = bridged.retired
    assert retired.event_id == second.event.event_id and retired.merged_into == first.event.event_id
    assert retired.revision == 2
    assert [e.event_id for e in dd.events()] == [first.event.event_id]


def test_no_bridge_across_a_conflict() -> None:
    """A report matching one meeting never pulls in another meeting of the pair it conflicts with."""
    dd = Deduplicator(memory_store())
    for i, ev in enumerate((WIRE, HIROSHIMA, BRIDGE, HIROSHIMA_2, CALL)):
        _observe(dd, ev, i)
    assert _partition(dd) == {frozenset("bc"), frozenset("de"), frozenset("f")}


@settings(max_examples=120, deadline=None)
@given(st.permutations([ANALYSIS, WIRE, BRIDGE, HIROSHIMA, HIROSHIMA_2, CALL]))
def test_any_arrival_order_gives_the_same_clusters(order: list[Event]) -> None:
    """Seoul (three reports, one a bridge), Hiroshima (two) and a call: the same three clusters in any order."""
    dd = Deduplicator(memory_store())
    for i, ev in enumerate(order):
        _observe(dd, ev, i)
    assert _partition(dd) == {frozenset("abc"), frozenset("de"), frozenset("f")}


def _chain(n: int) -> tuple[Deduplicator, list[str]]:
    """n undated clusters datelined Moscow, each sharing a third of its wording with the next only (apart they are
    not one event), stored side by side as if none had scored with another when it came; the oldest first."""
    from dipevents.core.dedup import INDEX_SEP
    from dipevents.testing import make_event

    store: dict[str, Any] = {}
    ids = []
    for j in range(n + 1):
        alone = Deduplicator(memory_store())
        ev = make_event(
            article_id=f"c{j}",
            source=f"C{j}",
            sentence=f"{_words(j)} {_words(j + 1)}",
            day=None,
            city=None,
            location={"name": "Moscow", "country": "RUS", "source": "dateline"},
        )
        result = alone.plan(ev, f"c{j}", None, NOW + timedelta(seconds=j))
        for key, value in result.writes:
            store[key] = [*store.get(key, []), *value] if INDEX_SEP in key else value
        ids.append(result.event.event_id)
    return Deduplicator(store), ids


def _words(j: int) -> str:
    return " ".join(f"w{j}x{k}" for k in range(10))


def test_a_long_chain_is_bridged_a_few_links_per_report() -> None:
    """Bridging is bounded per report (MAX_BRIDGE_PASSES rounds over the window, not one per link): a report
    joining the end of a chain folds in that many links, and later reports of it fold in the rest."""
    from dipevents.core.dedup import MAX_BRIDGE_PASSES
    from dipevents.testing import make_event

    dd, ids = _chain(8)
    assert dd.size() == 9 and MAX_BRIDGE_PASSES < 8
    retired: list[str] = []
    for i in range(4):
        ev = make_event(
            article_id=f"r{i}",
            source=f"R{i}",
            sentence=f"{_words(9)} {_words(10)}",
            day=None,
            city=None,
            location={"name": "Moscow", "country": "RUS", "source": "dateline"},
        )
        r = dd.observe(ev, f"r{i}", None, NOW + timedelta(hours=1, minutes=i))
        assert len(r.retired) == min(MAX_BRIDGE_PASSES, 8 - len(retired))  # one link per pass, oldest first
        retired += [x.event_id for x in r.retired]
    assert dd.size() == 1 and sorted(retired) == sorted(ids[1:])
    (survivor,) = dd.events()
    assert survivor.event_id == ids[0] and len(survivor.sources) == 9 + 4
