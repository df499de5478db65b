"""/metrics, /live and /ready on one small HTTP server that starts with the worker (before recovery).

/live:  the event loop answers, and the worker is not wedged: with lag (log end - committed offset) > 0, some
        commit advanced within `stall_seconds`.
/ready: the model is loaded, partitions are assigned and table recovery is done.
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
    stall_seconds: float = 120.0
    model_loaded: bool = False
    assigned: bool = False
    recovered: bool = False
    lag: int = 0
    last_progress: float = field(default_factory=time.monotonic)

    def progress(self) -> None:
        """A commit advanced: records are being finished, not only consumed."""
        self.last_progress = time.monotonic()

    def live(self) -> tuple[bool, str]:
        idle = time.monotonic() - self.last_progress
        # Only once recovered: a long table recovery is not a wedge (readiness covers it, no restart loop).
        if self.recovered and self.lag > 0 and idle > self.stall_seconds:
            return False, f"consumer stalled: lag {self.lag}, no progress for {idle:.0f}s"
        return True, "ok"

    def ready(self) -> tuple[bool, str]:
        missing = [
            n
            for n, ok in (("model", self.model_loaded), ("partitions", self.assigned), ("recovery", self.recovered))
            if not ok
        ]
        return (not missing, "ok" if not missing else "waiting for " + ", ".join(missing))


def make_web_app(state: HealthState, metrics: Metrics) -> web.Application:
    async def metrics_view(_: web.Request) -> web.Response:
        return web.Response(body=generate_latest(metrics.registry), headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def live_view(_: web.Request) -> web.Response:
        ok, why = state.live()
        return web.json_response({"live": ok, "detail": why}, status=200 if ok else 503)

    async def ready_view(_: web.Request) -> web.Response:
        ok, why = state.ready()
        metrics.ready.set(1 if ok else 0)
        return web.json_response({"ready": ok, "detail": why}, status=200 if ok else 503)

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
