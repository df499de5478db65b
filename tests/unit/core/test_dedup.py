"""The pure dedup core with an in-memory store: merge what is one event, keep apart what is not."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from dipevents.core.dedup import Deduplicator
from dipevents.core.ids import event_id
from dipevents.core.models import EVENT_ADAPTER, Event
from dipevents.testing import FixedClock, memory_store


def summit(
    source: str,
    article: str,
    day: date | None,
    *,
    city: str | None = "Moscow",
    states: tuple[str, ...] = ("JPN", "RUS"),
    sentence: str = "Putin met Abe.",
) -> Event:
    rec: dict[str, Any] = {
        "event_id": event_id("summit", states, day),
        "event_type": "summit",
        "countries": list(states),
        "actors": [],
        "location": {"name": city, "country": "RUS"} if city else None,
        "event_date": day,
        "sources": [source],
        "confidence": 0.8,
        "extractor": "summit.v1",
        "mentions": [{"article_id": article, "source": source, "sentence": sentence, "start": 0, "end": len(sentence)}],
    }
    return EVENT_ADAPTER.validate_python(rec)


def pub(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


D = date(2013, 4, 29)


def test_same_event_from_three_wires_merges_with_all_sources() -> None:
    """One meeting reported by three outlets is one event with three sources and three mentions."""
    dd = Deduplicator(memory_store())
    r1 = dd.observe(summit("TASS", "a1", D), "a1", pub(D))
    r2 = dd.observe(summit("Kyodo", "a2", D), "a2", pub(D))
    r3 = dd.observe(summit("Voice of Russia", "a3", D), "a3", pub(D))
    assert (r1.outcome, r2.outcome, r3.outcome) == ("new", "updated", "updated")
    events = list(dd.events())
    assert len(events) == 1
    assert events[0].sources == ["Kyodo", "TASS", "Voice of Russia"]
    assert {m.article_id for m in events[0].mentions} == {"a1", "a2", "a3"}
    assert r3.revision == 3 and r3.record.source_count == 3
    assert r1.event.event_id == r3.event.event_id


def test_time_zone_day_difference_still_merges() -> None:
    """Dates one day apart (time zones, 'yesterday') are the same event."""
    dd = Deduplicator(memory_store())
    dd.observe(summit("AP", "a1", D), "a1", pub(D))
    res = dd.observe(summit("Kyodo", "a2", D + timedelta(days=1)), "a2", pub(D + timedelta(days=1)))
    assert res.merged and len(list(dd.events())) == 1


def test_same_states_other_date_stay_apart() -> None:
    """Two meetings of the same pair a week apart are two events with two ids."""
    dd = Deduplicator(memory_store())
    a = dd.observe(summit("TASS", "a1", D), "a1", pub(D))
    b = dd.observe(summit("TASS", "a2", D + timedelta(days=5)), "a2", pub(D + timedelta(days=5)))
    assert b.outcome == "new" and a.event.event_id != b.event.event_id
    assert len(list(dd.events())) == 2


def test_same_date_other_place_stay_apart() -> None:
    """Same day, different cities: not the same meeting."""
    dd = Deduplicator(memory_store())
    dd.observe(summit("TASS", "a1", D, city="Moscow"), "a1", pub(D))
    res = dd.observe(summit("RIA", "a2", D, city="Sochi"), "a2", pub(D))
    assert res.outcome == "new" and len(list(dd.events())) == 2


def test_other_states_never_merge() -> None:
    """Russia meeting Japan and Russia meeting Germany on one day are two events."""
    dd = Deduplicator(memory_store())
    dd.observe(summit("TASS", "a1", D), "a1", pub(D))
    res = dd.observe(summit("TASS", "a2", D, states=("DEU", "RUS")), "a2", pub(D))
    assert res.outcome == "new"


def test_replay_is_idempotent() -> None:
    """Replaying the same article changes nothing and publishes no revision."""
    dd = Deduplicator(memory_store())
    first = dd.observe(summit("TASS", "a1", D), "a1", pub(D))
    again = dd.observe(summit("TASS", "a1", D), "a1", pub(D))
    assert again.outcome == "unchanged" and again.revision == 1
    assert again.event.event_id == first.event.event_id


def test_the_first_report_names_the_event_and_later_ones_never_rename_it() -> None:
    """Whichever wire arrives first names the event (its article and mention); every later report keeps that id,
    and the same arrival order gives the same id in another process."""
    ids = []
    for order in (("TASS", "Kyodo"), ("Kyodo", "TASS"), ("TASS", "Kyodo")):
        dd = Deduplicator(memory_store())
        first, second = (dd.observe(summit(src, f"{src}-1", D), f"{src}-1", pub(D)) for src in order)
        assert second.outcome == "updated" and second.event.event_id == first.event.event_id
        ids.append(first.event.event_id)
    assert ids[0] == ids[2] != ids[1]


def test_undated_report_merges_and_fills_date() -> None:
    """A report without a date joins the dated event near its publication day, and vice versa fills gaps."""
    dd = Deduplicator(memory_store())
    dd.observe(summit("AFP", "a1", None, city=None), "a1", pub(D))
    res = dd.observe(summit("TASS", "a2", D), "a2", pub(D))
    assert res.outcome == "updated"
    ev = next(iter(dd.events()))
    assert ev.event_date == D and ev.location is not None and ev.location.name == "Moscow"


@pytest.mark.parametrize("days", [0.5, 2.5, 0])
def test_window_must_be_whole_days(days: float) -> None:
    """The window is scanned day by day (0.5 scanned no day before the anchor): anything but whole days >= 1 is refused."""
    with pytest.raises(ValueError, match="window_days"):
        Deduplicator(memory_store(), window_days=days)  # type: ignore[arg-type]


def test_expiry_after_its_own_time() -> None:
    """expire() drops events not updated for `expire_after_days` (processing time), however long the window is."""
    clock = FixedClock(datetime(2013, 4, 29, 12, tzinfo=UTC))
    dd = Deduplicator(memory_store(), window_days=7, expire_after_days=0.5)
    dd.observe(summit("TASS", "a1", D), "a1", pub(D), now=clock())
    assert dd.expire(clock.advance(hours=11)) == 0
    assert dd.expire(clock.advance(hours=2)) == 1 and dd.size() == 0


def test_window_expiry_event_time_and_processing_time() -> None:
    """Events older than the window are no merge candidates, and expire() frees them."""
    clock = FixedClock(datetime(2013, 4, 29, 12, tzinfo=UTC))
    dd = Deduplicator(memory_store(), window_days=7)
    dd.observe(summit("TASS", "a1", D), "a1", pub(D), now=clock())
    late = D + timedelta(days=30)
    dd.observe(summit("TASS", "a2", late), "a2", pub(late), now=clock.advance(days=30))
    assert dd.size() == 2  # out of the window for merging, but kept until expire(): a replay finds it
    dd.observe(summit("RIA", "b1", late, states=("CHN", "RUS")), "b1", pub(late), now=clock())
    assert dd.expire(clock.advance(days=8)) == 3
    assert dd.size() == 0


def test_undated_unplaced_events_of_one_pair_never_share_an_id() -> None:
    """Three undated reports of one pair with no place that are not one event: three clusters, three ids."""
    dd = Deduplicator(memory_store())
    sentences = (
        "Abe and Putin held talks on the Kuril islands dispute.",
        "The Japanese prime minister visited the Kremlin for a summit about fisheries quotas.",
        "Leaders of Tokyo and Moscow conferred over gas pipelines and sanctions relief.",
    )
    now = datetime(2013, 4, 30, tzinfo=UTC)
    results = [
        dd.observe(summit(f"W{i}", f"a{i}", None, city=None, sentence=s), f"a{i}", None, now)
        for i, s in enumerate(sentences)
    ]
    assert [r.outcome for r in results] == ["new", "new", "new"]
    assert len({r.event.event_id for r in results}) == 3
    assert dd.size() == 3 and len(list(dd.events())) == 3


def test_an_expired_events_id_is_never_given_to_a_new_one() -> None:
    """After a dated event expired, a new event of the pair on that day gets an id of its own."""
    clock = FixedClock(datetime(2013, 4, 29, 12, tzinfo=UTC))
    dd = Deduplicator(memory_store())
    first = dd.observe(summit("TASS", "a1", D), "a1", pub(D), now=clock())
    assert dd.expire(clock.advance(days=8)) == 1
    again = dd.observe(summit("Kyodo", "a2", D), "a2", pub(D), now=clock())
    assert again.outcome == "new" and again.event.event_id != first.event.event_id


def test_a_retired_id_is_never_given_to_a_new_event() -> None:
    """An id retired by a late bridge (sent with merged_into) never names a later new event."""
    dd = Deduplicator(memory_store())
    now = datetime(2013, 4, 30, tzinfo=UTC)
    a = dd.observe(summit("W1", "a1", D, city=None, sentence="Putin and Abe spoke about fish."), "a1", None, now)
    gas = summit("W2", "a2", None, city=None, sentence="Putin and Abe opened a gas deal.")
    b = dd.observe(gas, "a2", None, now + timedelta(minutes=1))
    assert a.outcome == b.outcome == "new"
    bridge = summit("W3", "a3", D, city=None, sentence="Putin and Abe opened a gas deal and spoke about fish.")
    bridged = dd.observe(bridge, "a3", None, now + timedelta(minutes=2))
    assert [r.event_id for r in bridged.retired] == [b.event.event_id]
    other = summit("W4", "a4", None, city=None, sentence="Leaders of Tokyo and Moscow conferred over sanctions relief.")
    later = dd.observe(other, "a4", None, now + timedelta(minutes=3))
    assert later.outcome == "new" and later.event.event_id not in (a.event.event_id, b.event.event_id)


def test_a_new_events_id_is_the_same_on_replay() -> None:
    """The id of a new event comes from its first report (article id and first mention): a replay of that report
    against the same store plans the same id, and another article's report of it would not."""
    now = datetime(2013, 4, 30, tzinfo=UTC)
    store = memory_store()
    first = Deduplicator(store).plan(summit("TASS", "a1", D), "a1", pub(D), now)
    again = Deduplicator(store).plan(summit("TASS", "a1", D), "a1", pub(D), now + timedelta(hours=1))
    other = Deduplicator(store).plan(summit("TASS", "a2", D), "a2", pub(D), now)
    assert first.outcome == again.outcome == other.outcome == "new"
    assert first.event.event_id == again.event.event_id != other.event.event_id
