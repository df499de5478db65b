"""The Deduplicator's store port over the faust table (str keys, JSON values).

One key type: str. Live writes use the str key; a key restored from the changelog is turned back into that str by
the table (topology.ClusterTable._to_key), so a restore overwrites (or a tombstone removes) the very entry a live
write made. With two key types a worker that got a partition back kept reading its own stale str entries before
the restored ones (REVIEW-1, finding 1).
"""

from __future__ import annotations

from typing import Any


class TableStore:
    """Values are returned as stored: the Deduplicator never changes what it reads."""

    def __init__(self, table: Any) -> None:
        self.table = table

    def __getitem__(self, key: str) -> Any:
        value = self.table.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = self.table.get(key)
        return default if value is None else value

    def __setitem__(self, key: str, value: Any) -> None:
        self.table[key] = value

    def __delitem__(self, key: str) -> None:
        if self.table.get(key) is not None:
            del self.table[key]

    def keys(self) -> list[str]:
        return sorted(str(k) for k in list(self.table.keys()))
