"""A hung extraction on the real worker (review finding 10): the NLP thread cannot be interrupted, so /live fails
while an extraction batch runs past DIPEVENTS_NLP__MAX_BATCH_SECONDS (the orchestrator then restarts the process)
and is 200 again once it returns. The hang is injected through the extractors given to run_worker."""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.request

from tests.integration.harness import Stack, collect, produce
from tests.integration.test_hostile_producer import good, js

MARKER = "HANGSWITCH"
HANGING_WORKER = [
    sys.executable,
    "-c",
    "from dipevents.testing import hanging_extractors; from dipevents.stream.runner import run_worker; "
    f"raise SystemExit(run_worker(extractors=hanging_extractors({MARKER!r}, 12.0)))",
]


def live(port: int) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/live", timeout=3) as r:
            return r.status, json.loads(r.read())["detail"]
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())["detail"]


def test_live_fails_while_an_extraction_hangs_past_the_limit_and_recovers_after(stack: Stack) -> None:
    """A 12 s extraction with a 2 s limit: /live answers 503 naming the running batch during the hang, 200 after
    it, and the article still gives its events."""
    _, port = stack.start_worker(argv=HANGING_WORKER, DIPEVENTS_NLP__MAX_BATCH_SECONDS="2")
    assert live(port) == (200, "ok")
    slow = good(1, "slow")
    slow["body"] = slow["body"].replace("Winding up talks", f"{MARKER} Winding up talks", 1)
    assert MARKER in slow["body"]
    produce(stack.bootstrap, stack.topic("articles"), [js(slow)])
    seen: list[tuple[int, str]] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (seen and seen[-1][0] == 200 and any(s == 503 for s, _ in seen)):
        seen.append(live(port))
        time.sleep(0.5)
    failing = [d for s, d in seen if s == 503]
    assert failing and failing[0].startswith("extraction batch running for"), seen[-5:]
    assert seen[-1] == (200, "ok")
    assert len(collect(stack.bootstrap, stack.topic("events"), until=3, timeout=60)) == 3
