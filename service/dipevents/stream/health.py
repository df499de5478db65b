"""/metrics, /live and /ready on one small HTTP server that starts first, before the model loads.

/live:  200 while the process answers and no extraction batch has run longer than `busy_limit`
        (DIPEVENTS_NLP__MAX_BATCH_SECONDS): the server runs on the worker's event loop, so an answer means the loop
        is not blocked, and the NLP thread, which the loop cannot interrupt, is watched through `busy_since`. A
        batch past the limit is hung: 503, the orchestrator restarts the process, and the batch's records are then
        in flight at a process exit (dipevents.stream.ledger: handled alone, quarantined at the next hang). /live
        never looks at the broker or at lag: a broker outage or a rolling restart of the brokers is lag and
        readiness, not a reason to restart every worker (a restart cannot fix the broker, and each one costs a
        rebalance and a table recovery). A worker that stops making progress otherwise is a page
        (DipeventsConsumerStalled, DipeventsCommitsStuck), not a silent restart loop.
/ready: the model is loaded, partitions are assigned, table recovery is done and the brokers answer.

The `dipevents_ready`, `dipevents_recovered` and `dipevents_broker_reachable` gauges read this state at every
scrape (`export_health`), so they are right whether or not anything calls /ready.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from aiohttp import web
from mode import Service
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from dipevents.stream.metrics import Metrics


@dataclass
class HealthState:
    model_loaded: bool = False
    assigned: bool = False
    recovered: bool = False
    broker_reachable: bool = True  # until a request to the brokers fails
    broker_error: str = ""
    lag: int = 0
    last_progress: float = field(default_factory=time.monotonic)
    busy_since: float | None = None  # monotonic start of the extraction batch running now, if any
    busy_limit: float = float("inf")  # seconds an extraction batch may run before /live fails

    def progress(self) -> None:
        """A commit advanced: records are being finished, not only consumed."""
        self.last_progress = time.monotonic()

    def broker_ok(self) -> None:
        self.broker_reachable, self.broker_error = True, ""

    def broker_failed(self, error: BaseException | str) -> None:
        self.broker_reachable, self.broker_error = False, error if isinstance(error, str) else repr(error)

    def live(self) -> tuple[bool, str]:
        busy = self.busy_seconds()
        if busy is not None and busy > self.busy_limit:
            return False, f"extraction batch running for {busy:.0f} s (limit {self.busy_limit:g} s)"
        return True, "ok"

    def busy_seconds(self) -> float | None:
        return None if self.busy_since is None else time.monotonic() - self.busy_since

    def ready(self) -> tuple[bool, str]:
        checks = (
            ("model", self.model_loaded),
            ("partitions", self.assigned),
            ("recovery", self.recovered),
            ("brokers", self.broker_reachable),
        )
        missing = [name for name, ok in checks if not ok]
        return (not missing, "ok" if not missing else "waiting for " + ", ".join(missing))

    def details(self) -> dict[str, object]:
        """What a human asking /live or /ready wants to know besides the verdict."""
        return {
            "lag": self.lag,
            "seconds_since_commit": round(time.monotonic() - self.last_progress, 1),
            "broker_error": self.broker_error or None,
        }


def export_health(state: HealthState, metrics: Metrics) -> None:
    """Bind the health gauges to `state`: each scrape reads the state as it is then."""
    metrics.ready.set_function(lambda: 1.0 if state.ready()[0] else 0.0)
    metrics.recovered.set_function(lambda: 1.0 if state.recovered else 0.0)
    metrics.broker_reachable.set_function(lambda: 1.0 if state.broker_reachable else 0.0)


def make_web_app(state: HealthState, metrics: Metrics) -> web.Application:
    async def metrics_view(_: web.Request) -> web.Response:
        return web.Response(body=generate_latest(metrics.registry), headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def live_view(_: web.Request) -> web.Response:
        ok, why = state.live()
        return web.json_response({"live": ok, "detail": why, **state.details()}, status=200 if ok else 503)

    async def ready_view(_: web.Request) -> web.Response:
        ok, why = state.ready()
        return web.json_response({"ready": ok, "detail": why, **state.details()}, status=200 if ok else 503)

    app = web.Application()
    app.router.add_get("/metrics", metrics_view)
    app.router.add_get("/live", live_view)
    app.router.add_get("/ready", ready_view)
    return app


class HealthServer(Service):  # type: ignore[misc]  # mode ships no type information
    """Serves the health app for as long as the worker runs."""

    def __init__(self, state: HealthState, metrics: Metrics, host: str, port: int, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._app = make_web_app(state, metrics)
        self._host, self._port = host, port
        self._runner: web.AppRunner | None = None

    async def on_start(self) -> None:
        self._runner = web.AppRunner(self._app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self._host, self._port).start()
        self.log.info("health and metrics on http://%s:%s", self._host, self._port)

    async def on_stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
