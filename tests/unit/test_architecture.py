"""The core stays pure: no faust, aiokafka, Prometheus or HTTP imports anywhere under service/dipevents/core."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "service" / "dipevents" / "core"
FORBIDDEN = (
    "faust",
    "aiokafka",
    "kafka",
    "prometheus_client",
    "aiohttp",
    "mode",
    "requests",
    "httpx",
    "dipevents.stream",
)


def test_core_has_no_streaming_or_metrics_imports() -> None:
    """Walk every module of the core with ast and fail on a forbidden import."""
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for n in names:
                if any(n == f or n.startswith(f + ".") for f in FORBIDDEN):
                    offenders.append(f"{path.relative_to(CORE)}: {n}")
    assert offenders == []
    assert len(list(CORE.rglob("*.py"))) > 10  # the walk really saw the core


def test_no_settings_built_at_import_time() -> None:
    """Settings are built in the composition root only, never at module level."""
    pkg = CORE.parent
    for path in pkg.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Call):
                func = node.value.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                assert name not in ("Settings", "build_settings"), f"{path}: settings built at import time"
