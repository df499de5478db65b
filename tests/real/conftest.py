"""Tests on real published news: ../shared/data/real (Wikinews 2019-2020, Reuters-21578), read in place, never
copied into the project. Marked slow; every test here skips where that folder is absent (a user's clone)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/real/" in str(item.fspath):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def real_articles() -> list[dict[str, Any]]:
    """Every real article as an Article dict (to_articles.py's stable ids), parsed once per session."""
    if not (REAL / "to_articles.py").exists():
        pytest.skip("../shared/data/real is absent")
    out = subprocess.run(
        [sys.executable, str(REAL / "to_articles.py"), "all"], capture_output=True, text=True, check=True
    ).stdout
    return [json.loads(line) for line in out.splitlines()]
