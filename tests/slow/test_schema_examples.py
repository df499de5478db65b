"""schemas/examples are what the seed article gives today: regenerating them (`make schemas`) changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from dipevents.schemagen import examples

EXAMPLES = Path(__file__).resolve().parents[2] / "schemas" / "examples"


@pytest.fixture(scope="module")
def regenerated() -> dict[str, str]:
    return examples()  # loads the model: at run time, not at collection


@pytest.mark.parametrize("name", ["article.json", "event.jsonl", "event-revision.jsonl"])
def test_committed_examples_are_the_pipelines_output(regenerated: dict[str, str], name: str) -> None:
    """The example records are the current pipeline's and dedup's output on the seed article (run `make schemas`)."""
    assert set(regenerated) == {"article.json", "event.jsonl", "event-revision.jsonl"}
    committed = (EXAMPLES / name).read_text(encoding="utf-8")
    assert committed == regenerated[name], f"schemas/examples/{name} is stale: run make schemas"
