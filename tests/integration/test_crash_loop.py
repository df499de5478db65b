"""The poison-pill guard on the real broker (issue 14): a record that makes the worker process exit, every time it
is handled, is quarantined after the second exit instead of crash-looping the worker, and the good article after it
gets its events. The fault is injected through the extractors given to run_worker (dipevents.testing), as the other
poison tests do: no test switch in the production code."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.harness import Stack, collect, produce
from tests.integration.test_hostile_producer import FAST_REJOIN, good, js

pytestmark = pytest.mark.adversarial

MARKER = "KILLSWITCH"
EXITING_WORKER = [
    sys.executable,
    "-c",
    "from dipevents.testing import exiting_extractors; from dipevents.stream.runner import run_worker; "
    f"raise SystemExit(run_worker(extractors=exiting_extractors({MARKER!r})))",
]


@pytest.fixture
def stack(kafka_bootstrap: str, tmp_path: Path) -> Iterator[Stack]:
    s = Stack(kafka_bootstrap, tmp_path, partitions=1)
    yield s
    s.stop_all()


def wait_exit(proc: object, timeout: float = 120.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = proc.poll()  # type: ignore[attr-defined]
        if code is not None:
            return int(code)
        time.sleep(0.3)
    raise AssertionError("the worker did not exit on the poison record")


def test_a_record_that_kills_the_worker_is_quarantined_and_the_next_article_gets_its_events(stack: Stack) -> None:
    """The poison kills the first worker (with its batch) and the second (alone); the third start dead-letters it
    as quarantined without handling it, counts it, and the good article sent after it gives its events."""
    poison = good(1, "poison")
    poison["body"] = f"{MARKER} " + poison["body"].replace("Winding up talks", f"{MARKER} Winding up talks", 1)
    after = good(2, "after")
    produce(stack.bootstrap, stack.topic("articles"), [js(poison), js(after)])
    exits = []
    for _ in range(2):
        with contextlib.suppress(AssertionError):  # it may die before /ready is first polled
            stack.start_worker(argv=EXITING_WORKER, **FAST_REJOIN)
        exits.append(wait_exit(stack.procs[-1]))
    assert exits == [70, 70]
    proc, port = stack.start_worker(argv=EXITING_WORKER, **FAST_REJOIN)
    dead = collect(stack.bootstrap, stack.topic("dlq"), until=1, timeout=120, settle=1.0)
    assert len(dead) == 1
    headers = {k: v.decode() for k, v in dead[0].headers}
    assert headers["dipevents.reason"] == "quarantined" and headers["dipevents.source.offset"] == "0"
    assert dead[0].value == js(poison)
    states = collect(stack.bootstrap, stack.topic("state"), until=3, timeout=120, settle=2.0)
    named = {
        json.loads(r.value)["event_id"] for r in states if after["article_id"] in json.loads(r.value)["article_ids"]
    }
    assert len(named) == 3
    assert all(poison["article_id"] not in json.loads(r.value)["article_ids"] for r in states)
    from tests.integration.test_dead_letters_more import metric, scrape

    assert metric(scrape(port), "dipevents_quarantined_total", topic=stack.topic("articles")) == 1.0
    assert proc.poll() is None
