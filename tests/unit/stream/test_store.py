"""The dedup store over a faust table: values come back as written (a cluster is a dict, an index a list), and a
key restored from the changelog as bytes is found by its str name."""

from __future__ import annotations

from dipevents.core.dedup import Deduplicator
from dipevents.stream.store import TableStore
from dipevents.testing import make_event


def test_values_come_back_as_written_and_restored_bytes_keys_are_found() -> None:
    """A dict value is a dict again (not its keys), a list a list; a restored bytes key answers to its str."""
    table: dict[object, object] = {b"summit:JPN-RUS|ev-1": {"revision": 2}}
    store = TableStore(table)
    store["summit:JPN-RUS@2013-04-29"] = [{"id": "ev-1"}]
    assert store.get("summit:JPN-RUS|ev-1") == {"revision": 2}
    assert store["summit:JPN-RUS@2013-04-29"] == [{"id": "ev-1"}]
    assert store.keys() == ["summit:JPN-RUS@2013-04-29", "summit:JPN-RUS|ev-1"]
    del store["summit:JPN-RUS|ev-1"]
    assert store.get("summit:JPN-RUS|ev-1") is None


def test_the_deduplicator_runs_over_the_table_store() -> None:
    """Two reports of one event through a TableStore over a plain mapping: one cluster, revision 2."""
    dd = Deduplicator(TableStore({}))
    dd.observe(make_event(article_id="a1", source="TASS"), "a1", None)
    r = dd.observe(make_event(article_id="a2", source="Kyodo"), "a2", None)
    assert (r.outcome, r.revision, dd.size()) == ("updated", 2, 1)
