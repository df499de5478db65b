"""The quick start's main job (`make run`: python -m dipevents.runlocal) against the session's broker: the worker
starts, the bundled samples go in, their events come out, and it stops by itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dipevents.testing import deployment_env, free_port

from tests.integration.conftest import unique_topic_name


def test_make_run_prints_the_samples_events(kafka_bootstrap: str, tmp_path: Path) -> None:
    name = unique_topic_name("run")
    env = deployment_env(
        kafka_bootstrap, name, 1, DIPEVENTS_METRICS__PORT=str(free_port()), DIPEVENTS_DATA_DIR=str(tmp_path)
    )
    done = subprocess.run(
        [sys.executable, "-m", "dipevents.runlocal", "--exit-after", "25"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "worker ready" in done.stderr and "stopped" in done.stderr
    # one line per state revision: "rev 1   summit   JPN,RUS ..."
    kinds = {line.split()[2] for line in done.stdout.splitlines() if line.startswith("rev ")}
    assert {"summit", "ministry_instruction", "consultation_agreement"} <= kinds, done.stdout[-2000:]
