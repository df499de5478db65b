"""Timers and signal handlers never take the worker down: an exception is logged and counted, and the task
runs again at its next tick. (Records are isolated one by one by the handlers themselves.)"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from dipevents.stream.metrics import Metrics

log = logging.getLogger("dipevents.tasks")

P = ParamSpec("P")
T = TypeVar("T")


class Counted(Protocol):
    metrics: Metrics


S = TypeVar("S", bound=Counted)


async def contain(task: str, metrics: Metrics, work: Awaitable[T]) -> T | None:
    """Await `work`; an exception becomes a log line with its traceback and a `dipevents_task_failures_total{task}`
    count, and the result is None."""
    try:
        return await work
    except Exception:  # the point: nothing a timer or an agent's turn does may stop the app
        log.exception("%s failed; it runs again at its next turn", task, extra={"task": task})
        metrics.task_failures.labels(task=task).inc()
        return None


def contained(
    task: str,
) -> Callable[[Callable[Concatenate[S, P], Awaitable[T]]], Callable[Concatenate[S, P], Awaitable[T | None]]]:
    """Decorate a handler's timer or signal method: an exception becomes a log line with its traceback and a
    `dipevents_task_failures_total{task}` count, and the method returns None."""

    def wrap(fn: Callable[Concatenate[S, P], Awaitable[T]]) -> Callable[Concatenate[S, P], Awaitable[T | None]]:
        async def run(self: S, /, *args: P.args, **kwargs: P.kwargs) -> T | None:
            return await contain(task, self.metrics, fn(self, *args, **kwargs))

        functools.update_wrapper(run, fn)
        return run

    return wrap
