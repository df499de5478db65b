"""schemas/ is the contract: it matches the models (no drift) and the examples validate against it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from dipevents.core.models import EVENT_ADAPTER, Article
from dipevents.schemagen import render, schemas

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", sorted(schemas()))
def test_committed_schema_matches_models(name: str) -> None:
    """Regenerating from the pydantic models gives the committed file byte for byte (run `make schemas`)."""
    committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert committed == render(schemas()[name]), f"schemas/{name} drifted from the models: run `make schemas`"


def test_examples_validate_against_the_schemas() -> None:
    """Every example record is valid under its JSON Schema and under the pydantic models."""
    examples = ROOT / "schemas" / "examples"
    files = sorted(examples.glob("*.json*"))
    assert files, "no example records"
    validators = {n: jsonschema.Draft202012Validator(s) for n, s in schemas().items()}
    for path in files:
        kind = path.name.split(".")[0]
        lines = (
            path.read_text(encoding="utf-8").splitlines()
            if path.suffix == ".jsonl"
            else [path.read_text(encoding="utf-8")]
        )
        for line in filter(str.strip, lines):
            record = json.loads(line)
            schema_name = {
                "article": "article.schema.json",
                "event": "event.schema.json",
                "event-revision": "event-revision.schema.json",
            }[kind]
            validators[schema_name].validate(record)
            if kind == "article":
                Article.model_validate(record)
            elif kind == "event":
                EVENT_ADAPTER.validate_python(record)


def test_event_schema_rejects_integer_cameo_and_unknown_type() -> None:
    """The contract says CAMEO codes are strings and event types are a closed set."""
    v = jsonschema.Draft202012Validator(schemas()["event.schema.json"])
    good = json.loads((ROOT / "schemas" / "examples" / "event.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert not list(v.iter_errors(good))
    assert list(v.iter_errors({**good, "cameo_code": 40}))
    assert list(v.iter_errors({**good, "event_type": "protest"}))
