"""The dedup store over the worker's real faust table (memory store, app not started): values come back as written,
a key restored from the changelog is the same entry a live write made, and a rebalance drops the local entries of
partitions the worker no longer owns without writing to the changelog."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import faust
import pytest
from dipevents.core.dedup import Deduplicator
from dipevents.stream.store import TableStore
from dipevents.stream.topology import CLUSTERS_TABLE, ChangelogLost, ClusterTable
from dipevents.testing import make_event

JR, CR = "summit:JPN-RUS", "summit:CHN-RUS"  # blocking keys on candidates partitions 1 and 0 of 2


def _table() -> Any:
    app = faust.App("store-test", store="memory://", web_enabled=False)
    schema = faust.Schema(key_type=bytes, key_serializer="raw", value_serializer="json")
    table = ClusterTable(app, name=CLUSTERS_TABLE, default=None, beacon=app.tables.beacon, partitions=2, schema=schema)
    return app.tables.add(table)


def _restored(key: str, value: Any, partition: int) -> Any:
    """A changelog record as faust's recovery hands it to the table: the key as bytes."""
    raw = None if value is None else b"{}"
    return SimpleNamespace(key=key.encode(), value=value, message=SimpleNamespace(value=raw, partition=partition))


def test_values_come_back_as_written() -> None:
    """A dict value is a dict again (not its keys), a list a list; deleting a key removes it."""

    async def scenario() -> None:
        table = _table()
        store = TableStore(table.data)
        store[f"{JR}|ev-1"] = {"revision": 2}
        store[f"{JR}@2013-04-29"] = [{"id": "ev-1"}]
        assert store[f"{JR}@2013-04-29"] == [{"id": "ev-1"}]
        assert store.keys() == [f"{JR}@2013-04-29", f"{JR}|ev-1"]
        del store[f"{JR}|ev-1"]
        assert store.get(f"{JR}|ev-1") is None

    asyncio.run(scenario())


def test_a_restored_key_replaces_the_entry_a_live_write_made() -> None:
    """A partition back from another worker: the changelog's newer revision (and its tombstones) win over what
    this worker wrote before the partition left: one entry per key, never a stale second one."""

    async def scenario() -> None:
        table = _table()
        store = TableStore(table.data)
        store[f"{JR}|ev-1"] = {"revision": 1}
        store[f"{JR}@2013-04-29"] = ["ev-1"]
        store[f"{JR}|ev-0"] = {"revision": 1}
        table.apply_changelog_batch(
            [
                _restored(f"{JR}|ev-1", {"revision": 2}, 1),
                _restored(f"{JR}@2013-04-29", ["ev-1", "ev-2"], 1),
                _restored(f"{JR}|ev-0", None, 1),
            ]
        )
        assert store.get(f"{JR}|ev-1") == {"revision": 2}
        assert store[f"{JR}@2013-04-29"] == ["ev-1", "ev-2"]
        assert store.get(f"{JR}|ev-0") is None
        assert store.keys() == [f"{JR}@2013-04-29", f"{JR}|ev-1"]

    asyncio.run(scenario())


def test_keep_partitions_drops_local_entries_of_partitions_not_owned_without_a_changelog_record() -> None:
    """After a rebalance only the owned partitions' entries stay; the dropped ones are not deleted through the
    table (whose tombstones would reach the new owner)."""

    async def scenario() -> None:
        table = _table()
        sent: list[Any] = []
        table.send_changelog = lambda *a, **kw: sent.append(a)  # an unstarted app has no producer
        store = TableStore(table.data)
        store[f"{JR}|ev-1"] = {"revision": 1}
        store[f"{JR}@2013-04-29"] = ["ev-1"]
        store[f"{CR}|ev-2"] = {"revision": 1}
        assert table.keep_partitions({0}) == 2
        assert store.keys() == [f"{CR}|ev-2"]
        assert sent == []

    asyncio.run(scenario())


def test_the_deduplicator_runs_over_the_table_store() -> None:
    """Two reports of one event through a TableStore over a plain mapping: one cluster, revision 2."""
    dd = Deduplicator(TableStore({}))
    dd.observe(make_event(article_id="a1", source="TASS"), "a1", None)
    r = dd.observe(make_event(article_id="a2", source="Kyodo"), "a2", None)
    assert (r.outcome, r.revision, dd.size()) == ("updated", 2, 1)


def test_changelog_acked_waits_for_the_records_sent_and_fails_for_good_once_one_was_lost() -> None:
    """What the committer awaits: every changelog record sent so far acknowledged; a pending one past the timeout
    is a TimeoutError (try again), a lost one a ChangelogLost from then on."""

    async def scenario() -> None:
        table = _table()  # an unstarted app: the producer only buffers, so the test settles the futures
        table.ack_timeout = 0.01
        first = table.send_changelog(1, f"{JR}|ev-1", {"revision": 1})
        with pytest.raises(TimeoutError):
            await table.changelog_acked()
        first.set_result(None)
        await table.changelog_acked()
        second = table.send_changelog(1, f"{JR}|ev-1", {"revision": 2})
        second.set_exception(RuntimeError("not enough replicas"))
        with pytest.raises(ChangelogLost):
            await table.changelog_acked()
        with pytest.raises(ChangelogLost):
            await table.changelog_acked()

    asyncio.run(scenario())
