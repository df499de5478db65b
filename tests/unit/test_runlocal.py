"""`make run`'s own checks that need no broker (the run itself: tests/integration/test_runlocal.py)."""

from __future__ import annotations

from pathlib import Path

from dipevents.runlocal import KAFKACTL


def test_make_run_finds_the_checkouts_kafka_script() -> None:
    """The quick start's local Kafka is deploy/kafka/kafkactl of this checkout (it broke once when the package
    moved a folder down)."""
    assert Path(__file__).resolve().parents[2] / "deploy" / "kafka" / "kafkactl" == KAFKACTL
    assert KAFKACTL.is_file()
