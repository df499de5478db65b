"""Real published copy from the shared folder (../shared/data/real), never from the project.

Texts come through that folder's own converter, `to_articles.py` (standard library only; stable ids
`r87-<NEWID>` for Reuters-21578, `wn-<hex>` for Wikinews). The project holds labels for 2,142 of them
(tests/fixtures/real/labels.json); the bench scores every side on all of them together and prints totals only,
as that set's README asks of its never-studied part.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.labelled import LabelledSet
from bench.paths import FIXTURES, shared_data

LABELS = FIXTURES / "real" / "labels.json"


def real_dir(explicit: str | None = None) -> Path | None:
    """The shared real-copy folder: `explicit`, else found beside the clone; None when absent or "none"."""
    if explicit == "none":
        return None
    if explicit:
        path = Path(explicit)
        if not (path / "to_articles.py").is_file():
            raise FileNotFoundError(f"{path} has no to_articles.py: not the shared real-copy folder")
        return path
    found = shared_data("real")
    return found if found is not None and (found / "to_articles.py").is_file() else None


def convert(folder: Path, which: str = "reuters", limit: int | None = None) -> list[dict[str, Any]]:
    """Articles of `which` ("reuters", "wikinews" or "all"), the first `limit` of them, as Article JSON."""
    cmd = [sys.executable, str(folder / "to_articles.py"), which, *(["--limit", str(limit)] if limit else [])]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def labelled(folder: Path, limit: int | None = None) -> LabelledSet:
    """The labelled real articles (the first `limit` of them in the labels' order), their texts from `folder`."""
    with open(LABELS, encoding="utf-8") as f:
        labels: dict[str, list[dict[str, Any]]] = json.load(f)["articles"]
    texts = {a["article_id"]: a for a in convert(folder, "all")}
    missing = [aid for aid in labels if aid not in texts]
    if missing:
        raise ValueError(f"{len(missing)} labelled articles are not in {folder} (first: {missing[0]})")
    ids = list(labels)[:limit] if limit else list(labels)
    return LabelledSet("real", [texts[aid] for aid in ids], {aid: labels[aid] for aid in ids})
