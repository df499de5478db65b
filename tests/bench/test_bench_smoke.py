"""`make bench` smoke test: the quick run works end to end and writes a well-formed results JSON.

Only shapes and sane values are checked, never timing thresholds (the machine may be busy).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_corpus_is_seeded_and_mixed_as_documented() -> None:
    from bench import corpus

    a1, a2 = corpus.build("mixed", 30, seed=5), corpus.build("mixed", 30, seed=5)
    assert a1.articles == a2.articles
    assert corpus.build("mixed", 30, seed=6).articles != a1.articles
    assert a1.diplomatic == 6  # 20%
    dip = corpus.build("diplomatic", 30, seed=5)
    assert dip.diplomatic == 30
    for art in a1.articles + dip.articles:
        assert set(art) >= {"article_id", "source", "body", "published_at", "title"}
        assert 350 <= corpus.word_count(art["body"]) <= 700, art["article_id"]
    assert len({a["article_id"] for a in a1.articles + dip.articles}) == 60
    # variations swap the states: the 25th diplomatic article is story article 1 with other leaders and states
    assert dip.articles[24]["body"] != dip.articles[0]["body"]


def _rate_ok(block: dict[str, Any], n: int) -> None:
    assert block["articles"] == n
    assert block["words"] > 300 * n
    for key in ("seconds", "cpu_seconds", "articles_per_s", "words_per_s", "articles_per_cpu_s", "words_per_cpu_s"):
        assert block[key] > 0, key


@pytest.mark.slow
def test_quick_bench_writes_results(tmp_path: Path) -> None:
    doc = REPO / "docs" / "benchmarks.md"
    doc_before = doc.read_text(encoding="utf-8") if doc.exists() else None
    proc = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--no-kafka", "--out", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1, files
    res = json.loads(files[0].read_text(encoding="utf-8"))

    assert set(res) >= {
        "date",
        "commit",
        "machine",
        "config",
        "corpus",
        "baseline",
        "ours",
        "ratios",
        "ratios_cpu",
        "goals",
        "loadavg_1m",
        "elapsed_seconds",
    }
    assert "kafka" not in res
    assert res["machine"]["nproc"] >= 1 and res["machine"]["cpu"]
    n = res["config"]["articles"]
    assert 10 <= n <= 100
    assert res["corpus"]["diplomatic"]["diplomatic"] == n
    assert res["corpus"]["mixed"]["diplomatic"] == round(n * 0.2)

    base, ours = res["baseline"], res["ours"]
    assert "ner" in base["pipes"] and "ner" not in ours["pipes"]
    for mix in ("diplomatic", "mixed"):
        _rate_ok(base["mixes"][mix], n)
        _rate_ok(ours["mixes"][mix], n)
        o = ours["mixes"][mix]
        for kind in ("latency_batch_s", "latency_single_s"):
            lat = o[kind]
            assert 0 < lat["p50"] <= lat["p95"] <= lat["p99"], (kind, lat)
        assert o["errors"] == 0
        assert o["copies"] == 0  # variations are not syndicated copies of each other
        assert o["diplomatic_with_events"] >= o["diplomatic"] // 2  # the diplomatic articles do give events
        assert res["ratios"][mix] > 0 and res["ratios_cpu"][mix] > 0
    for side in (base, ours):
        assert 50 < side["rss"]["peak_mb"] < 4000
        assert side["rss"]["peak_mb"] >= side["rss_after_load_mb"] > 0
    assert ours["dev"]["articles"] == 30
    assert 0.0 <= ours["dev"]["micro_f1"] <= 1.0
    assert ours["dev"]["micro_f1"] > 0.5  # the model and extractors really ran

    goals = res["goals"]
    assert set(goals) == {
        "speedup_diplomatic",
        "ours_diplomatic_art_s_core",
        "ours_mixed_art_s_core",
        "kafka_vs_extraction",
        "p99_latency_70pct_s",
        "rss_ours_mb",
        "two_workers_ratio",
    }
    assert goals["kafka_vs_extraction"]["met"] is None and goals["two_workers_ratio"]["met"] is None
    assert isinstance(goals["rss_ours_mb"]["met"], bool)

    # a quick run never writes a row into the committed docs
    assert (doc.read_text(encoding="utf-8") if doc.exists() else None) == doc_before
