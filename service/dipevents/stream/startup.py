"""Signals before the faust worker owns them: SIGTERM stops a starting process in seconds.

In a container the worker is PID 1, and the kernel drops any signal PID 1 has no handler for: without one,
`kubectl delete pod` during the model load or while the brokers are unreachable waits out the whole grace period
and ends in SIGKILL. So the entry point's first line installs `exit_on_signals`, and the worker's start-up steps
run under `StartupSignals`, which turns SIGTERM/SIGINT into the cancellation of the step in progress. Once faust's
Worker starts it installs its own handlers on the same loop (graceful stop: commit, leave the group).

This module imports only the standard library: the entry point loads it before anything heavy.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import Callable, Coroutine
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def _exit(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def exit_on_signals() -> None:
    """SIGTERM and SIGINT end the process (exit status 128 + signal) wherever the main thread is."""
    for sig in STOP_SIGNALS:
        signal.signal(sig, _exit)


class StartupInterrupted(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum


class StartupSignals:
    """Runs start-up steps on `loop`; a stop signal cancels the step in progress (or the next one to start)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._task: asyncio.Future[Any] | None = None
        self.received: int | None = None
        for sig in STOP_SIGNALS:
            loop.add_signal_handler(sig, self._on_signal, sig)

    def _on_signal(self, signum: int) -> None:
        self.received = signum
        if self._task is not None and not self._task.done():
            self._task.cancel()

    def run(self, step: Coroutine[Any, Any, T]) -> T:
        if self.received is not None:
            step.close()
            raise StartupInterrupted(self.received)
        task: asyncio.Task[T] = self._loop.create_task(step)
        self._task = task
        try:
            return self._loop.run_until_complete(task)
        except asyncio.CancelledError:
            if self.received is not None:
                raise StartupInterrupted(self.received) from None
            raise
        finally:
            self._task = None


async def in_thread(fn: Callable[[], T], name: str) -> T:
    """`fn()` in a daemon thread while the loop keeps serving probes and signals. Cancelling the await abandons the
    thread (it cannot be interrupted); being a daemon, it does not keep the process alive."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.done():
            return  # cancelled by a stop signal meanwhile
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def target() -> None:
        try:
            result, error = fn(), None
        except BaseException as e:  # noqa: BLE001 - handed to the awaiting coroutine
            result, error = None, e
        with contextlib.suppress(RuntimeError):  # the loop is closed: the process is stopping
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=target, name=name, daemon=True).start()
    return await future
