"""Everything here loads the real spaCy model: marked slow."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/slow/" in str(item.fspath):
            item.add_marker(pytest.mark.slow)
