"""The Deduplicator's store port over a faust Table (str keys, JSON values)."""

from __future__ import annotations

from typing import Any


class TableStore:
    """faust-streaming 0.15 restores changelog keys of a str-keyed table as bytes, while live writes use str:
    reads fall back to the restored bytes key, and a live write supersedes it. Values are returned as stored (the
    Deduplicator never changes what it reads)."""

    def __init__(self, table: Any) -> None:
        self.table = table

    def _read(self, key: str) -> Any:
        value = self.table.get(key)
        if value is None:
            value = self.table.get(key.encode())
        return value

    def __getitem__(self, key: str) -> Any:
        value = self._read(key)
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = self._read(key)
        return default if value is None else value

    def __setitem__(self, key: str, value: Any) -> None:
        self.table[key] = value

    def __delitem__(self, key: str) -> None:
        for k in (key, key.encode()):
            if self.table.get(k) is not None:
                del self.table[k]

    def keys(self) -> list[str]:
        return sorted({k.decode() if isinstance(k, bytes) else str(k) for k in list(self.table.keys())})
