"""The local Kafka stack: a real broker, aiokafka against it, and deploy/kafka/kafkactl's own behaviour."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.structs import TopicPartition

from tests.integration.conftest import kafkactl, uses_local_broker

local_only = pytest.mark.skipif(
    not uses_local_broker(), reason="kafkactl is not in charge when DIPEVENTS_TEST_BOOTSTRAP names the broker"
)


def _alive(pid: int) -> bool:
    """A live process, zombies excluded (an orphaned broker's parent is whoever reaps orphans)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _free_port_pair(preferred: int = 29092) -> tuple[int, int]:
    """(broker, controller) ports for a second instance: 29092/29093 unless taken, else two free ones."""
    if not _port_open(preferred) and not _port_open(preferred + 1):
        return preferred, preferred + 1
    ports = []
    for _ in range(2):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            ports.append(s.getsockname()[1])
    return ports[0], ports[1]


def test_produce_and_consume_with_a_consumer_group(kafka_bootstrap: str, new_topic: Callable[..., str]) -> None:
    topic = new_topic("roundtrip")
    group = f"it.group.{uuid.uuid4().hex[:12]}"

    async def roundtrip() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, enable_idempotence=True, acks="all")
        await producer.start()
        try:
            sent = await producer.send_and_wait(topic, b'{"hello": "kafka"}', key=b"k1", headers=[("h", b"1")])
        finally:
            await producer.stop()
        assert sent.topic == topic
        assert sent.offset == 0

        consumer = AIOKafkaConsumer(
            topic,
            bootstrap_servers=kafka_bootstrap,
            group_id=group,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
        )
        await consumer.start()
        try:
            msg = await asyncio.wait_for(consumer.getone(), timeout=30)
            await consumer.commit()
            committed = await consumer.committed(TopicPartition(topic, 0))
        finally:
            await consumer.stop()
        assert (msg.key, msg.value) == (b"k1", b'{"hello": "kafka"}')
        assert list(msg.headers) == [("h", b"1")]
        assert committed == 1

    asyncio.run(roundtrip())


def test_transactions_hide_aborted_records_from_read_committed(
    kafka_bootstrap: str, new_topic: Callable[..., str]
) -> None:
    topic = new_topic("txn")

    async def scenario() -> list[bytes]:
        producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, transactional_id=f"it.tx.{topic}")
        await producer.start()
        try:
            async with producer.transaction():
                await producer.send(topic, b"committed")
            await producer.begin_transaction()
            await producer.send(topic, b"aborted")
            await producer.abort_transaction()
            async with producer.transaction():
                await producer.send(topic, b"last")
        finally:
            await producer.stop()

        consumer = AIOKafkaConsumer(
            topic, bootstrap_servers=kafka_bootstrap, auto_offset_reset="earliest", isolation_level="read_committed"
        )
        await consumer.start()
        seen: list[bytes] = []
        try:
            deadline = time.monotonic() + 30
            while b"last" not in seen and time.monotonic() < deadline:
                batches = await consumer.getmany(timeout_ms=500)
                seen += [m.value for msgs in batches.values() for m in msgs if m.value is not None]
        finally:
            await consumer.stop()
        return seen

    assert asyncio.run(scenario()) == [b"committed", b"last"]


@local_only
def test_kafkactl_status_is_ready(kafka_bootstrap: str) -> None:
    status = kafkactl("status", timeout=60)
    assert status.returncode == 0, status.stdout
    assert "ready" in status.stdout


@local_only
def test_kafkactl_up_again_is_a_noop(kafka_bootstrap: str) -> None:
    started = time.monotonic()
    up = kafkactl("up", timeout=60)
    assert up.returncode == 0, up.stdout
    assert "already running" in up.stdout
    assert "started broker" not in up.stdout
    assert time.monotonic() - started < 15


@local_only
def test_stale_pid_file_is_replaced_and_down_leaves_nothing_running(tmp_path: Path) -> None:
    """A second instance (own KAFKA_DIR and ports): stale pid file -> up starts; down stops it all."""
    kafka_dir = tmp_path / "kafka"
    kafka_dir.mkdir()
    pid_file = kafka_dir / "kafka.pid"
    port, ctl_port = _free_port_pair()
    env = {
        **os.environ,
        "KAFKA_DIR": str(kafka_dir),
        "DIPEVENTS_KAFKA_PORT": str(port),
        "DIPEVENTS_KAFKA_CONTROLLER_PORT": str(ctl_port),
    }
    gone = subprocess.Popen(["true"])
    gone.wait()
    pid_file.write_text(f"{gone.pid}\n")
    try:
        up = kafkactl("up", env=env)
        assert up.returncode == 0, up.stdout
        assert "stale pid file" in up.stdout
        pid = int(pid_file.read_text())
        assert pid != gone.pid
        assert _alive(pid)
        status = kafkactl("status", env=env, timeout=60)
        assert status.returncode == 0, status.stdout
        assert f"127.0.0.1:{port}" in status.stdout

        down = kafkactl("down", env=env, timeout=60)
        assert down.returncode == 0, down.stdout
        assert not pid_file.exists()
        assert not _alive(pid)
        assert not _port_open(port)
        assert not _port_open(ctl_port)
        assert kafkactl("status", env=env, timeout=60).returncode == 3

        # A live process that is not this instance's broker is never taken for it, nor signalled.
        bystander = subprocess.Popen(["sleep", "60"])
        try:
            pid_file.write_text(f"{bystander.pid}\n")
            assert kafkactl("status", env=env, timeout=60).returncode == 3
            again = kafkactl("down", env=env, timeout=60)
            assert again.returncode == 0, again.stdout
            assert "not running" in again.stdout
            assert bystander.poll() is None
            assert not pid_file.exists()
        finally:
            bystander.kill()
            bystander.wait()
    finally:
        with contextlib.suppress(subprocess.TimeoutExpired):
            kafkactl("down", env=env, timeout=60)
