"""`dipevents worker`: build everything in order, then hand the loop to faust's Worker, which handles
SIGTERM/SIGINT with a graceful stop.

Start-up, before faust: the health server first (probes and /metrics answer at once), then the spaCy model in a
thread (the loop keeps serving probes), then the topics, waiting for the brokers as long as it takes (readiness
says so; liveness does not, so an outage never turns into a restart loop). A stop signal during any of these
steps ends the process within a second (`dipevents.stream.startup`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence

import faust

from dipevents.core.bounds import EVENT_MIN_BYTES, Budget
from dipevents.core.processor import ArticleProcessor
from dipevents.core.registry import Extractor
from dipevents.main import build_budget, build_pipeline, build_processor, build_settings
from dipevents.settings import KafkaSettings, Settings
from dipevents.stream.app import RECORD_SLACK, changelog_topic, create_app, faust_app, output_topics
from dipevents.stream.health import HealthServer, HealthState, export_health
from dipevents.stream.limits import RecordLimits, read_limits
from dipevents.stream.logs import configure_logging, logging_config
from dipevents.stream.metrics import Metrics
from dipevents.stream.startup import StartupInterrupted, StartupSignals, in_thread
from dipevents.stream.topics import PartitionMismatch, ensure_topics

log = logging.getLogger("dipevents.worker")

_TOPIC_RETRY_MAX_SECONDS = 30.0


def run_worker(loglevel: str | None = None, extractors: Sequence[Extractor] | None = None) -> int:
    """Run until stopped. `extractors` replaces the default registry's (tests inject a faulty one)."""
    settings = build_settings()
    level = (loglevel or settings.log_level).upper()
    configure_logging(level)
    metrics, health = Metrics(), HealthState()
    export_health(health, metrics)
    metrics.describe_build(settings.nlp.model)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    steps = StartupSignals(loop)
    server = HealthServer(health, metrics, settings.metrics.host, settings.metrics.port, loop=loop)
    try:
        steps.run(server.start())
        started = time.perf_counter()
        log.info("loading spaCy model", extra={"model": settings.nlp.model})

        def load() -> ArticleProcessor:
            return build_processor(settings, build_pipeline(settings, extractors=extractors))

        processor = steps.run(in_thread(load, name="model-load"))
        health.model_loaded = True
        log.info("model loaded", extra={"seconds": round(time.perf_counter() - started, 2)})
        created = steps.run(wait_for_topics(settings.kafka, health))
        if created:
            log.info("created topics", extra={"topics": created})
        # Every output sized against what the producer and each topic accept (issue 14): read from the broker now.
        app = faust_app(settings)
        max_request = int(app.conf.producer_max_request_size)
        limits = steps.run(read_limits(settings.kafka, output_topics(settings), max_request))
    except StartupInterrupted as stop:
        log.info("stopped by %s during start-up", stop, extra={"step": _step(health)})
        loop.run_until_complete(server.stop())
        loop.close()
        return stop.exit_status
    budget = worker_budget(settings, limits)
    worker = create_app(app, settings, processor, metrics, health, limits=limits, budget=budget)
    faust_worker = faust.Worker(
        worker.app, loglevel=level, loop=loop, redirect_stdouts=False, logging_config=logging_config(level), quiet=True
    )
    try:
        faust_worker.execute_from_commandline()
    except SystemExit as e:
        return int(e.code or 0)
    finally:
        if not loop.is_closed():
            loop.run_until_complete(server.stop())
    return 0


def worker_budget(settings: Settings, limits: RecordLimits) -> Budget:
    """What one event may hold: within every topic that carries a whole event (candidates, state revisions, the
    table's changelog), less the wrapper. Topics that accept too little for any event are a configuration error
    named as such (review finding 14), not a bare ValueError from the budget."""
    k = settings.kafka
    carriers = (k.candidates_topic, k.state_topic, changelog_topic(settings))
    stored = min(limits.limit(t) for t in carriers) - RECORD_SLACK
    try:
        return build_budget(settings, max_bytes=stored)
    except ValueError as e:
        sizes = ", ".join(f"{t} {limits.limit(t)}" for t in carriers)
        needed = 2 * EVENT_MIN_BYTES + RECORD_SLACK
        raise RuntimeError(
            f"record size limits too small for an event ({sizes} bytes): raise the topics' max.message.bytes "
            f"(and the producer's max_request_size) to at least {needed} bytes ({e})"
        ) from e


async def wait_for_topics(k: KafkaSettings, health: HealthState, attempt_seconds: float = 0.0) -> list[str]:
    """Create the missing topics, retrying with back-off (1 s doubling to 30 s) until the brokers answer."""
    delay = 1.0
    while True:
        try:
            created = await ensure_topics(k, start_within=attempt_seconds)
        except PartitionMismatch:
            raise  # a configuration error, not an outage: waiting would not fix it
        except Exception as e:  # noqa: BLE001 - an unreachable or failing broker: wait for it, do not exit
            if health.broker_reachable:
                log.warning("brokers unreachable at start; waiting for them", extra={"error": repr(e)})
            health.broker_failed(e)
            await asyncio.sleep(delay)
            delay = min(delay * 2, _TOPIC_RETRY_MAX_SECONDS)
            continue
        if not health.broker_reachable:
            log.info("brokers reachable")
        health.broker_ok()
        return created


def _step(health: HealthState) -> str:
    return "topics" if health.model_loaded else "model"
