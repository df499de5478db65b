"""The command line as users run it (a real subprocess): JSON Lines in and out, bad lines reported with
their line number and skipped, --strict, --dedup, --help everywhere."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DEV = REPO / "tests" / "fixtures" / "dev"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "dipevents.cli", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        timeout=300,
        check=False,
    )


def seed_line() -> bytes:
    return next(line for line in (DEV / "articles.jsonl").read_bytes().splitlines() if b'"seed-putin-abe"' in line)


def test_extract_reports_bad_lines_and_keeps_going(tmp_path: Path) -> None:
    """Bad lines go to stderr as FILE:LINE: reason; good lines still produce events; exit 0."""
    f = tmp_path / "in.jsonl"
    f.write_bytes(b"\n".join([b"not json", seed_line(), b"[1]", b'{"article_id": "x", "source": "s"}']) + b"\n")
    res = run("extract", str(f))
    assert res.returncode == 0
    err = res.stderr.decode()
    assert f"{f}:1: not_json:" in err
    assert f"{f}:3: not_an_object:" in err
    assert f"{f}:4: missing_field:" in err
    events = [json.loads(x) for x in res.stdout.decode().splitlines()]
    assert sorted(e["event_type"] for e in events) == ["consultation_agreement", "ministry_instruction", "summit"]


def test_strict_stops_at_the_first_bad_line(tmp_path: Path) -> None:
    """--strict: exit 1 with the bad line reported."""
    f = tmp_path / "in.jsonl"
    f.write_bytes(seed_line() + b"\n{broken\n")
    res = run("extract", "--strict", str(f))
    assert res.returncode == 1
    assert f"{f}:2: not_json:" in res.stderr.decode()


def test_strict_dedup_prints_the_merged_events_read_before_the_bad_line(tmp_path: Path) -> None:
    """--strict --dedup: exit 1 at the bad line, and the events merged from the lines before it are printed."""
    f = tmp_path / "in.jsonl"
    f.write_bytes(seed_line() + b"\n{broken\n")
    res = run("extract", "--strict", "--dedup", str(f))
    assert res.returncode == 1
    assert f"{f}:2: not_json:" in res.stderr.decode()
    events = [json.loads(x) for x in res.stdout.decode().splitlines()]
    assert sorted(e["event_type"] for e in events) == ["consultation_agreement", "ministry_instruction", "summit"]


def test_stdin_and_dedup_over_the_dev_set() -> None:
    """--dedup over all dev articles (stdin) prints one event per story event with all its sources."""
    expected = json.loads((DEV / "expected.json").read_text(encoding="utf-8"))
    res = run("extract", "--dedup", stdin=(DEV / "articles.jsonl").read_bytes())
    assert res.returncode == 0, res.stderr.decode()[-2000:]
    events: list[dict[str, Any]] = [json.loads(x) for x in res.stdout.decode().splitlines()]
    want = sorted(
        (e["event_type"], tuple(e["countries"]), tuple(e["sources"])) for s in expected["stories"] for e in s["events"]
    )
    got = sorted((e["event_type"], tuple(e["countries"]), tuple(e["sources"])) for e in events)
    assert got == want
    assert len({e["event_id"] for e in events}) == len(events)


def test_missing_file_is_a_clear_error() -> None:
    """A file that does not exist: one line on stderr, exit 1, no traceback."""
    res = run("extract", "/nonexistent/articles.jsonl")
    assert res.returncode == 1
    assert b"no such file" in res.stderr and b"Traceback" not in res.stderr


@pytest.mark.parametrize("command", ["extract", "worker", "produce", "consume"])
def test_every_command_has_help(command: str) -> None:
    """`dipevents COMMAND --help` explains the command."""
    res = run(command, "--help")
    assert res.returncode == 0 and b"usage: dipevents " + command.encode() in res.stdout
