"""SIGTERM to a starting worker: the real `dipevents worker` process, run as PID 1 of its own PID namespace as in
a container (where the kernel drops signals PID 1 has no handler for), stops within seconds while it loads the
model and while it waits for unreachable brokers, with exit status 143 and /live answering meanwhile."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from dipevents.testing import deployment_env, free_port

REPO = Path(__file__).resolve().parents[2]
# Measured: 0.9-1.3 s on a quiet machine, 3.0-3.4 s with the 2 cores shared by 8 agents (load ~10); almost all
# of it is the interpreter tearing the loaded model down. Kubernetes waits 45 s before SIGKILL.
STOP_WITHIN_S = 10.0
# A model that takes a minute to load (a large pipeline on a slow node): the real loader, stretched by a sleep
# in front of it, so the signal surely lands while the model loads.
SLOW_MODEL_WORKER = (
    "import time, dipevents.main as m\n"
    "real = m.build_pipeline\n"
    "def slow(*a, **kw):\n"
    "    time.sleep(60)\n"
    "    return real(*a, **kw)\n"
    "m.build_pipeline = slow\n"
    "from dipevents.cli import main\n"
    "raise SystemExit(main(['worker']))\n"
)


def _pid1_prefix() -> list[str]:
    """`unshare` makes the worker PID 1 of a new PID namespace; where that is not permitted (no CAP_SYS_ADMIN)
    the worker runs as a plain child, and the exit status still tells a handled signal (143) from a kill (-15)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    probe = subprocess.run([unshare, "--pid", "--fork", "true"], capture_output=True, check=False)
    return [unshare, "--pid", "--fork"] if probe.returncode == 0 else []


class StartingWorker:
    def __init__(self, argv: list[str], tmp: Path, bootstrap: str) -> None:
        self.port = free_port()
        self.log_path = tmp / "worker.log"
        env = deployment_env(
            bootstrap,
            "sigterm",
            4,
            DIPEVENTS_METRICS__PORT=str(self.port),
            DIPEVENTS_DATA_DIR=str(tmp / "data"),
            DIPEVENTS_LOG_LEVEL="INFO",
        )
        self.prefix = _pid1_prefix()
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [*self.prefix, *argv], cwd=REPO, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )

    @property
    def worker_pid(self) -> int:
        """The worker's pid as seen from here: unshare's forked child when there is a namespace."""
        if not self.prefix:
            return self.proc.pid
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
            if children:
                return int(children[0])
            time.sleep(0.05)
        raise AssertionError("unshare did not start the worker")

    def wait_for_log(self, message: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.log_path.read_text(errors="replace").splitlines():
                if line.startswith("{") and json.loads(line).get("msg") == message:
                    return
            assert self.proc.poll() is None, f"worker exited early:\n{self.log()}"
            time.sleep(0.1)
        raise AssertionError(f"no {message!r} in {timeout}s:\n{self.log()}")

    def get(self, path: str) -> tuple[int, dict[str, object]]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=3) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    def sigterm(self) -> tuple[int, float]:
        """Send SIGTERM to the worker; its exit status and how long it took to exit."""
        pid = self.worker_pid
        started = time.monotonic()
        os.kill(pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"SIGTERM ignored for 30 s:\n{self.log()}") from None
        return self.proc.returncode, time.monotonic() - started

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


@pytest.fixture
def closed_port_bootstrap() -> str:
    """A broker address where nothing listens: the brokers are unreachable."""
    return f"127.0.0.1:{free_port()}"


def test_sigterm_while_the_model_loads_exits_within_seconds(tmp_path: Path, closed_port_bootstrap: str) -> None:
    """SIGTERM during a (minute-long) model load: exit 143 within seconds; probes answer during the load."""
    worker = StartingWorker([sys.executable, "-c", SLOW_MODEL_WORKER], tmp_path, closed_port_bootstrap)
    try:
        worker.wait_for_log("loading spaCy model")
        status, live = worker.get("/live")
        assert status == 200 and live["live"] is True, "/live must answer while the model loads"
        assert worker.get("/ready")[1]["detail"] == "waiting for model, partitions, recovery"
        code, took = worker.sigterm()
        print(f"model load: exit {code} {took:.2f}s after SIGTERM (pid-1 namespace: {bool(worker.prefix)})")
        assert code == 143, worker.log()
        assert took < STOP_WITHIN_S, f"took {took:.1f}s"
        assert '"msg": "stopped by SIGTERM during start-up", "step": "model"' in worker.log()
    finally:
        worker.stop()


def test_sigterm_while_waiting_for_unreachable_brokers_exits_within_seconds(
    tmp_path: Path, closed_port_bootstrap: str
) -> None:
    """Brokers unreachable at start: the worker waits (live, not ready, broker gauge 0) and SIGTERM ends it fast."""
    worker = StartingWorker([sys.executable, "-m", "dipevents.cli", "worker"], tmp_path, closed_port_bootstrap)
    try:
        worker.wait_for_log("brokers unreachable at start; waiting for them")
        assert worker.get("/live")[0] == 200
        status, ready = worker.get("/ready")
        assert status == 503 and "brokers" in str(ready["detail"]) and ready["broker_error"]
        with urllib.request.urlopen(f"http://127.0.0.1:{worker.port}/metrics", timeout=3) as r:
            scraped = r.read().decode()
        assert "dipevents_broker_reachable 0.0" in scraped and "dipevents_ready 0.0" in scraped
        code, took = worker.sigterm()
        print(f"topic creation: exit {code} {took:.2f}s after SIGTERM (pid-1 namespace: {bool(worker.prefix)})")
        assert code == 143, worker.log()
        assert took < STOP_WITHIN_S, f"took {took:.1f}s"
        assert '"msg": "stopped by SIGTERM during start-up", "step": "topics"' in worker.log()
    finally:
        worker.stop()
