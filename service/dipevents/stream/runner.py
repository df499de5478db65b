"""`dipevents worker`: build everything in order (health first, so probes answer while the model loads),
then hand the loop to faust's Worker, which handles SIGTERM/SIGINT with a graceful stop.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence

import faust

from dipevents.core.registry import Extractor
from dipevents.main import build_pipeline, build_processor, build_settings
from dipevents.stream.app import create_app
from dipevents.stream.health import HealthServer, HealthState
from dipevents.stream.logs import configure_logging, logging_config
from dipevents.stream.metrics import Metrics
from dipevents.stream.topics import ensure_topics

log = logging.getLogger("dipevents.worker")


def run_worker(loglevel: str | None = None, extractors: Sequence[Extractor] | None = None) -> int:
    """Run until stopped. `extractors` replaces the default registry's (tests inject a faulty one)."""
    settings = build_settings()
    level = (loglevel or settings.log_level).upper()
    configure_logging(level)
    metrics, health = Metrics(), HealthState()
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = HealthServer(health, metrics, settings.metrics.host, settings.metrics.port, loop=loop)
    loop.run_until_complete(server.start())
    started = time.perf_counter()
    log.info("loading spaCy model", extra={"model": settings.nlp.model})
    processor = build_processor(settings, build_pipeline(settings, extractors=extractors))
    health.model_loaded = True
    log.info("model loaded", extra={"seconds": round(time.perf_counter() - started, 2)})
    created = loop.run_until_complete(ensure_topics(settings.kafka))
    if created:
        log.info("created topics", extra={"topics": created})
    worker = create_app(settings, processor, metrics, health)
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
