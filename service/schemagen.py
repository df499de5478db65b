"""`make schemas`: write the JSON Schema contract files in schemas/ from the pydantic models.

A test regenerates them in memory and fails when the committed files differ (drift).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from service import SCHEMA_VERSION
from service.core.models import EVENT_ADAPTER, Article, EventRevision


def schemas() -> dict[str, dict[str, Any]]:
    def tag(schema: dict[str, Any], name: str, title: str) -> dict[str, Any]:
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://dipevents.example/schemas/{name}",
            "title": title,
            "x-schema-version": SCHEMA_VERSION,
            **schema,
        }

    return {
        "article.schema.json": tag(TypeAdapter(Article).json_schema(), "article.schema.json", "Article (input)"),
        "event.schema.json": tag(EVENT_ADAPTER.json_schema(), "event.schema.json", "Event (events topic, CLI output)"),
        "event-revision.schema.json": tag(
            TypeAdapter(EventRevision).json_schema(), "event-revision.schema.json", "EventRevision (state topic)"
        ),
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:] or ["schemas"])[0])
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas().items():
        (out / name).write_text(render(schema), encoding="utf-8")
        print(f"wrote {out / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
