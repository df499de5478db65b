"""Health: the ready/recovered/broker gauges follow the worker's state at every scrape, whether or not anything
calls /ready; /live never depends on the broker, lag or commits."""

from __future__ import annotations

import asyncio
import time

from aiohttp.test_utils import TestClient, TestServer
from dipevents.stream.health import HealthState, export_health, make_web_app
from dipevents.stream.metrics import Metrics


def _gauge(metrics: Metrics, name: str) -> float | None:
    return metrics.registry.get_sample_value(name)


def test_ready_gauges_follow_the_state_without_any_request() -> None:
    """dipevents_ready/_recovered/_broker_reachable change with the state itself: nobody calls /ready here."""
    metrics, health = Metrics(), HealthState()
    export_health(health, metrics)
    assert _gauge(metrics, "dipevents_ready") == 0.0
    assert _gauge(metrics, "dipevents_recovered") == 0.0
    health.model_loaded = health.assigned = True
    assert _gauge(metrics, "dipevents_ready") == 0.0  # tables still recovering
    health.recovered = True
    assert _gauge(metrics, "dipevents_ready") == 1.0
    assert _gauge(metrics, "dipevents_recovered") == 1.0
    health.broker_failed(ConnectionError("no route"))
    assert _gauge(metrics, "dipevents_ready") == 0.0
    assert _gauge(metrics, "dipevents_broker_reachable") == 0.0
    health.broker_ok()
    assert _gauge(metrics, "dipevents_ready") == 1.0
    assert _gauge(metrics, "dipevents_broker_reachable") == 1.0


def test_live_answers_200_through_a_broker_outage_and_ready_says_why_not() -> None:
    """Over HTTP: broker unreachable, lag, no commit for an hour -> /live 200, /ready 503 naming the brokers."""
    metrics = Metrics()
    health = HealthState(model_loaded=True, assigned=True, recovered=True, lag=5000)
    export_health(health, metrics)
    health.last_progress = time.monotonic() - 3600
    health.broker_failed("KafkaConnectionError: no route to host")

    async def scenario() -> tuple[int, dict[str, object], int, dict[str, object], str]:
        async with TestClient(TestServer(make_web_app(health, metrics))) as client:
            live = await client.get("/live")
            ready = await client.get("/ready")
            scrape = await client.get("/metrics")
            return live.status, await live.json(), ready.status, await ready.json(), await scrape.text()

    live_status, live, ready_status, ready, scraped = asyncio.run(scenario())
    assert live_status == 200 and live["live"] is True
    assert ready_status == 503 and ready["detail"] == "waiting for brokers"
    assert ready["broker_error"] == "KafkaConnectionError: no route to host" and ready["lag"] == 5000
    assert "dipevents_ready 0.0" in scraped and "dipevents_broker_reachable 0.0" in scraped
    assert "process_start_time_seconds" in scraped, "restarts are visible from the worker's own metrics"


def test_live_fails_while_an_extraction_batch_runs_past_its_limit() -> None:
    """Over HTTP: a batch running for 200 s with a 120 s limit -> /live 503 saying so; /ready is not affected."""
    metrics = Metrics()
    health = HealthState(model_loaded=True, assigned=True, recovered=True, busy_limit=120.0)
    health.busy_since = time.monotonic() - 200

    async def scenario() -> tuple[int, dict[str, object], int]:
        async with TestClient(TestServer(make_web_app(health, metrics))) as client:
            live = await client.get("/live")
            ready = await client.get("/ready")
            return live.status, await live.json(), ready.status

    live_status, live, ready_status = asyncio.run(scenario())
    assert live_status == 503 and live["live"] is False
    assert str(live["detail"]).startswith("extraction batch running for 200 s (limit 120 s)")
    assert ready_status == 200
