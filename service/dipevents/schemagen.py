"""`make schemas`: write the JSON Schema contract files in schemas/ from the pydantic models.

A test regenerates them in memory and fails when the committed files differ (drift).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from dipevents import SCHEMA_VERSION
from dipevents.core.models import EVENT_ADAPTER, Article, EventRevision


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


def examples() -> dict[str, str]:
    """Example records from the bundled seed article, run through the real pipeline and dedup (first seen at the
    article's publication time, so that the files are the same on every run)."""
    from importlib import resources

    from dipevents.core.decode import decode_article
    from dipevents.main import build_deduplicator, build_pipeline, build_settings

    settings = build_settings()
    samples = resources.files("dipevents") / "data" / "samples" / "articles.jsonl"
    seed_line = next(line for line in samples.read_text(encoding="utf-8").splitlines() if '"seed-putin-abe"' in line)
    article = decode_article(seed_line.encode())
    events = build_pipeline(settings).process_article(article)
    dedup = build_deduplicator(settings)
    seen = article.published_at
    revisions = [dedup.observe(e, article.article_id, seen, now=seen).record for e in events]
    return {
        "article.json": json.dumps(json.loads(seed_line), indent=2, ensure_ascii=False) + "\n",
        "event.jsonl": "".join(e.model_dump_json() + "\n" for e in events),
        "event-revision.jsonl": "".join(r.model_dump_json() + "\n" for r in revisions),
    }


def write_examples(out: Path) -> None:
    ex = out / "examples"
    ex.mkdir(parents=True, exist_ok=True)
    for name, text in examples().items():
        (ex / name).write_text(text, encoding="utf-8")
    print(f"wrote {ex}/article.json, event.jsonl, event-revision.jsonl")


def main(argv: list[str] | None = None) -> int:
    out = Path((argv or sys.argv[1:] or ["schemas"])[0])
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas().items():
        (out / name).write_text(render(schema), encoding="utf-8")
        print(f"wrote {out / name}")
    write_examples(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
