"""Shared fixtures. The spaCy model and the knowledge base load once per session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def kb() -> Any:
    from dipevents.core.knowledge import Knowledge

    return Knowledge.load()


@pytest.fixture(scope="session")
def pipeline(kb: Any) -> Any:
    from dipevents.main import build_pipeline
    from dipevents.settings import Settings

    return build_pipeline(Settings(), kb)


@pytest.fixture(scope="session")
def dev_articles() -> list[dict[str, Any]]:
    with open(FIXTURES / "dev" / "articles.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def dev_expected() -> dict[str, Any]:
    with open(FIXTURES / "dev" / "expected.json", encoding="utf-8") as f:
        return json.load(f)  # type: ignore[no-any-return]
