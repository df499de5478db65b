"""A first sighting already on the events topic is not announced again when replayed candidates find no cluster.

That is the state a SIGKILL leaves between a first sighting's broker ack and its changelog write, here for every
event at once: a second deployment with a new group (so no committed offsets and an empty dedup table) on the
same topics replays every candidate. The events topic must keep each event id once."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from tests.integration.harness import REPO, Stack, article_lines, collect, produce

DEV = REPO / "tests" / "fixtures" / "dev"


def _metric(port: int, name: str, **labels: str) -> float:
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    want = "{" + ",".join(f'{k}="{v}"' for k, v in labels.items()) + "}"
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + want) or (not labels and line.startswith(name + " ")):
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_replayed_candidates_do_not_announce_published_events_again(kafka_bootstrap: str, tmp_path: Path) -> None:
    lines = article_lines(DEV / "articles.jsonl")[:6]
    first = Stack(kafka_bootstrap, tmp_path, partitions=1)
    first.start_worker(0)
    produce(kafka_bootstrap, first.topic("articles"), lines)
    published = collect(kafka_bootstrap, first.topic("events"), until=1, settle=15.0, timeout=120)
    first.stop_all()
    ids = [r.key.decode() for r in published]
    assert ids and len(ids) == len(set(ids))
    before = collect(kafka_bootstrap, first.topic("state"), until=len(ids), settle=2.0)

    # Same topics, new group: no commits, an empty table. Every candidate is processed again.
    lost_table = Stack(kafka_bootstrap, tmp_path, partitions=1, name=first.name)
    try:
        _, port = lost_table.start_worker(1, DIPEVENTS_KAFKA__GROUP_ID=f"{first.name}-lost-table")
        after = collect(kafka_bootstrap, first.topic("state"), until=2 * len(before), settle=5.0, timeout=120)
        suppressed = _metric(port, "dipevents_duplicates_merged_total", kind="republish_suppressed")
    finally:
        lost_table.stop_all()

    again = [r.key.decode() for r in collect(kafka_bootstrap, first.topic("events"), until=len(ids), settle=3.0)]
    assert sorted(again) == sorted(ids), "no event id was first-sighted twice"
    assert suppressed == len(ids)
    # The replay rebuilt the clusters: every revision was published again, ending with the same sources.
    assert len(after) == 2 * len(before)
    assert _latest_sources(after) == _latest_sources(before)
    assert set(_latest_sources(after)) == set(ids)


def _latest_sources(records: list[Any]) -> dict[str, list[str]]:
    latest: dict[str, list[str]] = {}
    for r in records:  # in offset order: the last revision of an event wins
        rev = json.loads(r.value)
        latest[rev["event_id"]] = rev["event"]["sources"]
    return latest
