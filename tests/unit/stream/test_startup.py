"""Start-up signals: a stop signal cancels the start-up step in progress (or the next one), work in a thread keeps
the loop free, the entry point handles SIGTERM from its first line and imports nothing heavy before it."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import pytest
from dipevents.stream.startup import StartupInterrupted, StartupSignals, in_thread


def _with_loop(test: object) -> None:
    loop = asyncio.new_event_loop()
    try:
        test(loop)  # type: ignore[operator]
    finally:
        loop.close()  # also removes the loop's signal handlers


def test_sigterm_cancels_the_step_in_progress() -> None:
    """A step waiting for an hour ends with StartupInterrupted(SIGTERM) right after the signal."""

    def scenario(loop: asyncio.AbstractEventLoop) -> None:
        steps = StartupSignals(loop)
        loop.call_later(0.2, os.kill, os.getpid(), signal.SIGTERM)
        started = time.monotonic()
        with pytest.raises(StartupInterrupted) as stopped:
            steps.run(asyncio.sleep(3600))
        assert stopped.value.signum == signal.SIGTERM and stopped.value.exit_status == 143
        assert time.monotonic() - started < 2

    _with_loop(scenario)


def test_a_signal_between_steps_stops_before_the_next_one() -> None:
    """A signal that arrives while no step runs prevents the next step from starting at all."""

    def scenario(loop: asyncio.AbstractEventLoop) -> None:
        steps = StartupSignals(loop)
        ran: list[str] = []

        async def first() -> None:
            os.kill(os.getpid(), signal.SIGINT)  # handled once the loop runs again
            ran.append("first")

        async def second() -> None:
            ran.append("second")

        steps.run(first())
        with pytest.raises(StartupInterrupted) as stopped:
            steps.run(asyncio.sleep(0.5))  # the loop runs: the pending signal lands and cancels this step
        assert stopped.value.signum == signal.SIGINT
        with pytest.raises(StartupInterrupted):
            steps.run(second())
        assert ran == ["first"]

    _with_loop(scenario)


def test_in_thread_returns_and_raises_like_the_function_while_the_loop_runs() -> None:
    """The loop ticks while the thread works; the result or the exception comes back to the awaiting step."""

    def scenario(loop: asyncio.AbstractEventLoop) -> None:
        steps = StartupSignals(loop)
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        ticker = loop.create_task(tick())

        def slow() -> str:
            time.sleep(0.3)
            return "model"

        def broken() -> str:
            raise OSError("no such model")

        assert steps.run(in_thread(slow, "t")) == "model"
        assert ticks >= 5, "the loop was blocked by the thread's work"
        with pytest.raises(OSError, match="no such model"):
            steps.run(in_thread(broken, "t"))
        ticker.cancel()
        loop.run_until_complete(asyncio.gather(ticker, return_exceptions=True))

    _with_loop(scenario)


def test_the_entry_point_handles_sigterm_and_imports_nothing_heavy_first() -> None:
    """`import dipevents.cli` loads no pydantic/faust/spaCy/aiokafka, and exit_on_signals turns SIGTERM into 143."""
    code = (
        "import os, signal, sys, time\n"
        "import dipevents.cli\n"
        "heavy = {m.split('.')[0] for m in sys.modules} & {'pydantic', 'faust', 'spacy', 'aiokafka', 'numpy'}\n"
        "assert not heavy, heavy\n"
        "from dipevents.stream.startup import exit_on_signals\n"
        "exit_on_signals()\n"
        "os.kill(os.getpid(), signal.SIGTERM)\n"
        "time.sleep(10)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 143, result.stderr
