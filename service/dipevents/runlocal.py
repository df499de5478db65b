"""`make run`: a local Kafka (unless one is configured), the worker, the sample articles in, events out.

Prints progress while Kafka and the model load, then one line per event as it arrives on the events topic.
Ctrl-C stops everything this command started, and nothing else.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from importlib import resources
from pathlib import Path

# the checkout: service/dipevents/runlocal.py -> the folder holding deploy/ (`make run` is a checkout's command)
ROOT = Path(__file__).resolve().parents[2]
KAFKACTL = ROOT / "deploy" / "kafka" / "kafkactl"


def _say(msg: str) -> None:
    print(f"[dipevents] {msg}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dipevents.runlocal", description=__doc__)
    ap.add_argument(
        "--exit-after",
        type=float,
        default=float(os.environ.get("DIPEVENTS_RUN_EXIT_AFTER", "0")),
        help="stop by itself after this many seconds of printing (0: run until Ctrl-C)",
    )
    ap.add_argument("--articles", default=None, help="JSON Lines file to publish (default: bundled samples)")
    args = ap.parse_args(argv)
    # Ctrl-C (even if the parent shell ignored SIGINT) and SIGTERM both mean: stop what we started.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)

    from dipevents.main import build_settings

    settings = build_settings()
    env = dict(os.environ)
    started_kafka = False
    worker: subprocess.Popen[bytes] | None = None
    kafkactl = KAFKACTL
    try:
        if "DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS" in os.environ:
            _say(f"using the configured Kafka at {settings.kafka.bootstrap_servers}")
        elif not kafkactl.exists():
            _say(f"no {kafkactl}: run this from a checkout, or set DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS")
            return 1
        else:
            running = subprocess.run([str(kafkactl), "status"], capture_output=True).returncode == 0
            if running:
                _say("local Kafka is already running; reusing it (it keeps running afterwards)")
            else:
                _say("starting a local single-node Kafka (first run downloads its jars)...")
                if subprocess.run([str(kafkactl), "up"]).returncode != 0:
                    _say("Kafka did not start; see the log path above")
                    return 1
                started_kafka = True
        _say("starting the worker (loading the spaCy model)...")
        worker = subprocess.Popen([sys.executable, "-m", "dipevents.cli", "worker", "--loglevel", "WARNING"], env=env)
        if not _wait_ready(settings.metrics.host, settings.metrics.port, worker):
            return 1
        articles = args.articles or str(resources.files("dipevents") / "data" / "samples" / "articles.jsonl")
        _say(f"publishing {articles}")
        subprocess.run([sys.executable, "-m", "dipevents.cli", "produce", articles], env=env, check=True)
        _say("events as they arrive: rev 1 is a new event, later revisions add sources (Ctrl-C to stop):")
        consume = [sys.executable, "-m", "dipevents.cli", "consume", "--state", "--from-beginning"]
        if args.exit_after:
            consume += ["--timeout", str(args.exit_after)]
        subprocess.run(consume, env=env)
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        _say("stopping...")
        if worker is not None and worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=40)
            except subprocess.TimeoutExpired:
                worker.kill()
        if started_kafka:
            subprocess.run([str(kafkactl), "down"])
        _say("stopped")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _wait_ready(host: str, port: int, worker: subprocess.Popen[bytes], timeout: float = 180.0) -> bool:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            _say(f"the worker exited with status {worker.returncode}")
            return False
        try:
            with urllib.request.urlopen(f"http://{host}:{port}/ready", timeout=2) as r:
                if r.status == 200:
                    _say("worker ready")
                    return True
        except OSError as e:
            detail = getattr(e, "read", lambda: b"")().decode(errors="replace") if hasattr(e, "read") else ""
            if detail and detail != last:
                _say(f"worker: {detail}")
                last = detail
        time.sleep(0.5)
    _say("the worker was not ready in time")
    return False


if __name__ == "__main__":
    raise SystemExit(main())
