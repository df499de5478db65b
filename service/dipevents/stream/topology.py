"""The worker's faust topics and table, declared in one place (creating them on the broker: topics.py).

Both input topics have faust acks off: the offset ledgers decide what is done (dipevents.stream.ledger).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import faust

from dipevents.settings import KafkaSettings

CLUSTERS_TABLE = "dedup-clusters"


@dataclass(frozen=True)
class Topology:
    articles: Any  # input: raw articles
    candidates: Any  # internal: extracted events keyed by blocking key
    events: Any  # output: first sightings
    state: Any  # output: every revision (compacted)
    dead_letters: Any  # output: bad input with the reason
    clusters: Any  # the dedup table, changelog-backed, partitioned like the candidates


def declare(app: faust.App, k: KafkaSettings) -> Topology:
    def plain(name: str, **kw: Any) -> Any:
        return app.topic(name, key_type=bytes, value_type=bytes, partitions=k.partitions, **kw)

    return Topology(
        articles=plain(k.articles_topic, acks=False),
        candidates=plain(k.candidates_topic, internal=True, acks=False),
        events=plain(k.events_topic),
        state=plain(k.state_topic),
        dead_letters=plain(k.dead_letter_topic),
        clusters=app.Table(
            CLUSTERS_TABLE,
            default=None,
            partitions=k.partitions,
            use_partitioner=True,
            schema=faust.Schema(key_type=bytes, key_serializer="raw", value_serializer="json"),
        ),
    )


def candidate_key(block: str) -> bytes:
    """The candidates topic key: the blocking key as the dedup table's changelog serialises it (JSON), so a
    key's candidates and its table entry live on the same partition."""
    return json.dumps(block).encode()
