"""Event ids: a hash of type, sorted states and the event date (the day), and a salt.

One article's extraction names each event by type + states + day (`dipevents extract` without --dedup). Dedup
names a new cluster with the salt of its first report (its article id and first mention), because type + states +
day alone can be two events (two meetings of a day, undated events of a pair, a later event of a day whose cluster
expired or was merged away); it keeps the id of the cluster a later report merges into, so a later article never
renames an event, and a replay of the first report names it the same way.
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
