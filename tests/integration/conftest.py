"""Integration tier: tests that talk to a real Kafka broker.

Every test under tests/integration gets ``pytest.mark.integration`` automatically.

The broker, in order of preference:
1. ``DIPEVENTS_TEST_BOOTSTRAP`` (``host:port``): a running cluster to reuse; nothing is started or stopped.
2. the local broker of ``deploy/kafka/kafkactl`` (127.0.0.1, port ``DIPEVENTS_KAFKA_PORT``, default 19092)
   if ``kafkactl status`` says it is ready: reused and left running.
3. otherwise ``kafkactl up`` starts it for the session and ``kafkactl down`` stops it at the end.

Tests create their own topics with unique names (``new_topic`` / ``create_topics``) so that they never
see each other's records, on a fresh broker or on one reused across runs.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

REPO_ROOT = Path(__file__).resolve().parents[2]
KAFKACTL = REPO_ROOT / "deploy" / "kafka" / "kafkactl"
_HERE = Path(__file__).resolve().parent

# First `up` on a new machine downloads ~45 MB of jars, then the broker gets 60 s to become ready.
_UP_TIMEOUT_S = 300
_DOWN_TIMEOUT_S = 60


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A conftest hook sees every collected item of the session, not only those below it.
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.integration)


def local_port() -> int:
    return int(os.environ.get("DIPEVENTS_KAFKA_PORT", "19092"))


def kafkactl(
    *args: str, env: dict[str, str] | None = None, timeout: float = _UP_TIMEOUT_S
) -> subprocess.CompletedProcess[str]:
    """Run deploy/kafka/kafkactl with ``args``; stdout and stderr are captured together (``.stdout``)."""
    return subprocess.run(
        [str(KAFKACTL), *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )


def uses_local_broker() -> bool:
    """True when the session's broker is the one kafkactl manages (not DIPEVENTS_TEST_BOOTSTRAP)."""
    return not os.environ.get("DIPEVENTS_TEST_BOOTSTRAP")


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    """``host:port`` of a ready Kafka broker for the whole session."""
    external = os.environ.get("DIPEVENTS_TEST_BOOTSTRAP")
    if external:
        yield external
        return
    bootstrap = f"127.0.0.1:{local_port()}"
    if kafkactl("status", timeout=_DOWN_TIMEOUT_S).returncode == 0:
        yield bootstrap  # someone else's broker: reuse it, leave it running
        return
    up = kafkactl("up")
    if up.returncode != 0:
        pytest.fail(f"`deploy/kafka/kafkactl up` failed (exit {up.returncode}):\n{up.stdout}", pytrace=False)
    try:
        yield bootstrap
    finally:
        down = kafkactl("down", timeout=_DOWN_TIMEOUT_S)
        if down.returncode != 0:
            print(f"`deploy/kafka/kafkactl down` failed (exit {down.returncode}):\n{down.stdout}")


def unique_topic_name(prefix: str = "test") -> str:
    """A topic name no other test (or earlier run) uses: ``it.<prefix>.<12 hex>``."""
    return f"it.{prefix}.{uuid.uuid4().hex[:12]}"


async def create_topics_async(
    bootstrap: str, names: list[str], *, partitions: int = 1, configs: dict[str, str] | None = None
) -> None:
    """Create ``names`` (replication factor 1) and wait until the broker answers for them."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=15000)
    await admin.start()
    try:
        await admin.create_topics(
            [NewTopic(n, num_partitions=partitions, replication_factor=1, topic_configs=configs or {}) for n in names]
        )
        for _ in range(50):  # the leader is elected asynchronously; usually ready at once
            described = await admin.describe_topics(names)
            if all(t["error_code"] == 0 and len(t["partitions"]) == partitions for t in described):
                return
            await asyncio.sleep(0.1)
        raise TimeoutError(f"topics not ready: {names}")
    finally:
        await admin.close()


async def delete_topics_async(bootstrap: str, names: list[str]) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=15000)
    await admin.start()
    try:
        await admin.delete_topics(names)
    finally:
        await admin.close()


def create_topics(
    bootstrap: str, names: list[str], *, partitions: int = 1, configs: dict[str, str] | None = None
) -> None:
    """Blocking wrapper of :func:`create_topics_async` (not from inside a running event loop)."""
    asyncio.run(create_topics_async(bootstrap, names, partitions=partitions, configs=configs))


@pytest.fixture
def new_topic(kafka_bootstrap: str) -> Iterator[Callable[..., str]]:
    """Factory: ``new_topic(prefix="x", partitions=1, configs=None) -> name`` creates a uniquely named topic.

    The topics are deleted when the test ends (best effort), so a reused broker does not fill up.
    """
    created: list[str] = []

    def make(prefix: str = "test", partitions: int = 1, configs: dict[str, str] | None = None) -> str:
        name = unique_topic_name(prefix)
        create_topics(kafka_bootstrap, [name], partitions=partitions, configs=configs)
        created.append(name)
        return name

    yield make
    if created:
        try:
            asyncio.run(delete_topics_async(kafka_bootstrap, created))
        except Exception as exc:  # cleanup must not fail the test
            print(f"could not delete test topics {created}: {exc!r}")


@pytest.fixture
def stack(kafka_bootstrap: str, tmp_path: Path) -> Iterator[Any]:
    """An isolated dipevents deployment (own topics, 4 partitions, group, state) whose workers stop at the end."""
    from tests.integration.harness import Stack

    s = Stack(kafka_bootstrap, tmp_path)
    yield s
    s.stop_all()
