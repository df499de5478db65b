"""Wire formats of the worker's internal and output topics (JSON, UTF-8)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from dipevents.core.models import EVENT_ADAPTER, Event


@dataclass(frozen=True)
class CandidateRecord:
    """An extracted event on its way to the dedup step (repartition topic, keyed by blocking key)."""

    event: Event
    article_id: str
    published_at: datetime | None
    consumed_at: float  # unix time the article was consumed: consume-to-publish latency
    kind: str = "extracted"  # or "copy": re-attributed from a syndicated original

    def encode(self) -> bytes:
        return json.dumps(
            {
                "event": self.event.model_dump(mode="json"),
                "article_id": self.article_id,
                "published_at": self.published_at.isoformat() if self.published_at else None,
                "consumed_at": self.consumed_at,
                "kind": self.kind,
            }
        ).encode("utf-8")

    @classmethod
    def decode(cls, raw: bytes) -> CandidateRecord:
        d = json.loads(raw)
        return cls(
            event=EVENT_ADAPTER.validate_python(d["event"]),
            article_id=d["article_id"],
            published_at=datetime.fromisoformat(d["published_at"]) if d.get("published_at") else None,
            consumed_at=float(d["consumed_at"]),
            kind=d.get("kind", "extracted"),
        )


def encode_event(event: Event) -> bytes:
    return event.model_dump_json().encode("utf-8")
