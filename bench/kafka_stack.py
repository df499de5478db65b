"""One isolated deployment of real workers on a real broker: its own topics, consumer group, state dirs and
`dipevents worker` processes (as tests/integration/harness.py does), and the broker the bench uses.

The broker: an explicit bootstrap, else DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS, else the local broker on
127.0.0.1:DIPEVENTS_KAFKA_PORT (19092): reused when one listens there (this checkout's `deploy/kafka/kafkactl`
broker or another checkout's), otherwise started with kafkactl here and stopped again at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dipevents.testing import deployment_env, free_port

from bench.log import log
from bench.paths import KAFKACTL, REPO
from bench.worker_metrics import scrape


@dataclass
class Stack:
    """One isolated deployment on the broker: its own topics, group, state dirs and workers."""

    bootstrap: str
    tmp: Path
    partitions: int = 4
    name: str = field(default_factory=lambda: f"bench{uuid.uuid4().hex[:10]}")
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    ports: list[int] = field(default_factory=list)
    logs: list[Any] = field(default_factory=list)

    def topic(self, kind: str) -> str:
        return f"{self.name}.{kind}"

    def env(self, index: int, port: int) -> dict[str, str]:
        keep = {k: os.environ[k] for k in ("DIPEVENTS_NLP__MODEL", "DIPEVENTS_NLP__BATCH_SIZE") if k in os.environ}
        return deployment_env(
            self.bootstrap,
            self.name,
            self.partitions,
            DIPEVENTS_METRICS__PORT=str(port),
            DIPEVENTS_DATA_DIR=str(self.tmp / f"{self.name}-data{index}"),
            **keep,
        )

    def start_workers(self, n: int) -> None:
        for i in range(n):
            port = free_port()
            log_file = open(self.tmp / f"{self.name}-worker{i}.log", "wb")  # noqa: SIM115 - lives with the process
            self.procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "dipevents.cli", "worker"],
                    cwd=REPO,
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    env=self.env(i, port),
                )
            )
            self.ports.append(port)
            self.logs.append(log_file)
        deadline = time.monotonic() + 180
        for proc, port in zip(self.procs, self.ports, strict=True):
            while not ready(port):
                if proc.poll() is not None:
                    raise RuntimeError(f"worker exited with {proc.returncode}; log: {self.tmp}\n{self.tail()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"worker not ready in 180 s; log: {self.tmp}\n{self.tail()}")
                time.sleep(0.3)

    def tail(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-2000:] for p in sorted(self.tmp.glob(f"{self.name}-*.log")))

    def metrics(self) -> list[dict[str, Any]]:
        return [scrape(p) for p in self.ports]

    def cpu_seconds(self) -> float:
        """User + system CPU time of the worker processes so far (/proc/<pid>/stat)."""
        return sum(_proc_cpu(p.pid) for p in self.procs)

    def stop(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(timeout=45)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for f in self.logs:
            f.close()
        try:
            asyncio.run(delete_topics(self.bootstrap, self.name))
        except Exception as e:  # noqa: BLE001 - cleanup is best effort
            log(f"could not delete the topics of {self.name}: {e!r}")


def _proc_cpu(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=2) as r:
            return bool(r.status == 200)
    except OSError:
        return False


async def delete_topics(bootstrap: str, prefix: str) -> None:
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=15000)
    await admin.start()
    try:
        names = [t for t in await admin.list_topics() if t.startswith(prefix)]
        if names:
            await admin.delete_topics(names)
    finally:
        await admin.close()


def _listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=2):
        return True
    return False


def resolve_broker(explicit: str | None) -> tuple[str, bool]:
    """(bootstrap, started_here)."""
    if explicit:
        return explicit, False
    if os.environ.get("DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS"):
        return os.environ["DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS"], False
    port = int(os.environ.get("DIPEVENTS_KAFKA_PORT", "19092"))
    bootstrap = f"127.0.0.1:{port}"
    if subprocess.run([str(KAFKACTL), "status"], capture_output=True, check=False).returncode == 0 or _listening(port):
        # this checkout's broker, or one another checkout of the project runs on the same port: runs reuse it
        log(f"reusing the running local broker {bootstrap}")
        return bootstrap, False
    log(f"starting a local broker on {bootstrap} (deploy/kafka/kafkactl up)")
    if subprocess.run([str(KAFKACTL), "up"], check=False).returncode != 0:
        raise RuntimeError("deploy/kafka/kafkactl up failed")
    return bootstrap, True
