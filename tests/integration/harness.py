"""Drive real worker processes against the real broker: unique topics and group per test, /ready polling,
produce and collect records with aiokafka."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from dipevents.testing import deployment_env, free_port

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Stack:
    """One isolated dipevents deployment on the shared broker: its own topics, group and state dir."""

    bootstrap: str
    tmp: Path
    partitions: int = 4
    name: str = field(default_factory=lambda: f"it{uuid.uuid4().hex[:10]}")
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    logs: list[Any] = field(default_factory=list)

    def env(self, **extra: str) -> dict[str, str]:
        return deployment_env(self.bootstrap, self.name, self.partitions, **extra)

    def topic(self, kind: str) -> str:
        return f"{self.name}.{kind}"

    def start_worker(
        self, index: int = 0, argv: list[str] | None = None, **extra: str
    ) -> tuple[subprocess.Popen[bytes], int]:
        """Start `dipevents worker` (or `argv`, e.g. a worker with a faulty extractor) and wait for /ready."""
        port = free_port()
        log = open(self.tmp / f"worker{index}-{len(self.procs)}.log", "wb")  # noqa: SIM115 - lives with the process
        proc = subprocess.Popen(
            argv or [sys.executable, "-m", "dipevents.cli", "worker"],
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.env(DIPEVENTS_METRICS__PORT=str(port), DIPEVENTS_DATA_DIR=str(self.tmp / f"data{index}"), **extra),
        )
        self.procs.append(proc)
        self.logs.append(log)
        wait_ready(port, proc, self.tmp)
        return proc, port

    def stop_all(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(timeout=40)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for log in self.logs:
            log.close()


def wait_ready(port: int, proc: subprocess.Popen[bytes], tmp: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"worker exited with {proc.returncode}; logs in {tmp}:\n" + _tail(tmp))
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"worker not ready in {timeout}s; logs:\n" + _tail(tmp))


def _tail(tmp: Path) -> str:
    return "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(tmp.glob("worker*.log")))


def produce(bootstrap: str, topic: str, values: list[bytes], keys: list[bytes | None] | None = None) -> None:
    async def run() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
        await producer.start()
        try:
            for i, v in enumerate(values):
                await producer.send(topic, value=v, key=keys[i] if keys else None)
            await producer.flush()
        finally:
            await producer.stop()

    asyncio.run(run())


def collect(bootstrap: str, topic: str, *, until: int, timeout: float = 90.0, settle: float = 0.0) -> list[Any]:
    """Read `topic` from the beginning until `until` records arrived (then `settle` more seconds) or timeout."""

    async def run() -> list[Any]:
        consumer = AIOKafkaConsumer(
            topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False, group_id=None
        )
        await consumer.start()
        out: list[Any] = []
        try:
            deadline = time.monotonic() + timeout
            settle_until: float | None = None
            while time.monotonic() < deadline:
                batch = await consumer.getmany(timeout_ms=500)
                for records in batch.values():
                    out.extend(records)
                if len(out) >= until and settle_until is None:
                    settle_until = time.monotonic() + settle
                if settle_until is not None and time.monotonic() >= settle_until:
                    break
        finally:
            await consumer.stop()
        return out

    return asyncio.run(run())


def article_lines(path: Path, ids: set[str] | None = None) -> list[bytes]:
    lines = [line.encode() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if ids is None:
        return lines
    return [line for line in lines if json.loads(line)["article_id"] in ids]
