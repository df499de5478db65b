"""A real Prometheus server (Debian's package) scrapes a worker that processed the seed article, and the
extracted-events counter reads back through Prometheus' HTTP API; /live and /ready answer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from dipevents.testing import free_port

from tests.integration.harness import REPO, Stack, article_lines, collect, produce

DEV = REPO / "tests" / "fixtures" / "dev" / "articles.jsonl"


def _prometheus() -> str:
    path = shutil.which("prometheus")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("prometheus is not installed (.ci/run installs Debian's prometheus package)")
        pytest.skip("prometheus not installed: apt-get install prometheus")
    return path


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.loads(r.read())


def test_prometheus_scrapes_the_worker(stack: Stack, tmp_path: Path) -> None:
    """Seed article through the worker; Prometheus reads dipevents_events_extracted_total back (3 events)."""
    binary = _prometheus()
    _, port = stack.start_worker()
    assert get_json(f"http://127.0.0.1:{port}/ready")["ready"] is True
    assert get_json(f"http://127.0.0.1:{port}/live")["live"] is True
    produce(stack.bootstrap, stack.topic("articles"), article_lines(DEV, {"seed-putin-abe"}))
    collect(stack.bootstrap, stack.topic("events"), until=3)

    prom_port = free_port()
    config = tmp_path / "prometheus.yml"
    config.write_text(
        "global: {scrape_interval: 1s}\n"
        "scrape_configs:\n"
        f"  - job_name: dipevents\n    static_configs: [{{targets: ['127.0.0.1:{port}']}}]\n",
        encoding="utf-8",
    )
    log = open(tmp_path / "prometheus.log", "wb")  # noqa: SIM115 - closed below
    prom = subprocess.Popen(
        [
            binary,
            f"--config.file={config}",
            f"--storage.tsdb.path={tmp_path / 'tsdb'}",
            f"--web.listen-address=127.0.0.1:{prom_port}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        query = urllib.parse.quote("sum(dipevents_events_extracted_total)")
        deadline = time.monotonic() + 60
        value = None
        while time.monotonic() < deadline:
            try:
                res = get_json(f"http://127.0.0.1:{prom_port}/api/v1/query?query={query}")
                if res["status"] == "success" and res["data"]["result"]:
                    value = float(res["data"]["result"][0]["value"][1])
                    if value >= 3:
                        break
            except OSError:
                pass
            time.sleep(1)
        assert value == 3.0, (tmp_path / "prometheus.log").read_text(errors="replace")[-2000:]
        by_type = get_json(
            f"http://127.0.0.1:{prom_port}/api/v1/query?query={urllib.parse.quote('dipevents_events_extracted_total')}"
        )["data"]["result"]
        assert {r["metric"]["event_type"] for r in by_type} == {
            "summit",
            "ministry_instruction",
            "consultation_agreement",
        }
        up = get_json(f"http://127.0.0.1:{prom_port}/api/v1/query?query=up")["data"]["result"]
        assert up and up[0]["value"][1] == "1"
    finally:
        prom.terminate()
        prom.wait(timeout=30)
        log.close()
