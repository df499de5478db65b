"""Stable event ids: the same real-world event gets the same id from whichever article comes first.

The id is a hash of what identifies an occurrence: type, sorted states and the event date (the day).
Dedup keeps the id of the cluster an event merges into, so a later article never renames an event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date


def event_id(event_type: str, states: Iterable[str], day: date | None, salt: str = "") -> str:
    key = f"{event_type}|{','.join(sorted(states))}|{day.isoformat() if day else 'undated'}|{salt}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def blocking_key(event_type: str, states: Iterable[str]) -> str:
    """Events that may be the same share this key: the dedup step meets them on one partition."""
    return f"{event_type}:{'-'.join(sorted(states))}"
