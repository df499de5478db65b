"""The composition root: settings, knowledge, NLP, extractors, processor and dedup are built here, once,
and passed down. Nothing else creates settings or loads the model.

The NLP side (spaCy, the knowledge base) is imported when it is built, not with this module: a process that never
extracts (the lag exporter) builds its settings here too without loading spaCy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dipevents.core.bounds import Budget
from dipevents.core.dedup import Deduplicator
from dipevents.core.models import BUILTIN_TYPES
from dipevents.core.registry import EventTypes, Extractor
from dipevents.settings import Settings

if TYPE_CHECKING:
    from dipevents.core.knowledge import Knowledge
    from dipevents.core.pipeline import Pipeline
    from dipevents.core.processor import ArticleProcessor


def build_settings() -> Settings:
    return Settings()


def build_pipeline(
    settings: Settings,
    kb: Knowledge | None = None,
    extractors: Sequence[Extractor] | None = None,
    types: EventTypes = BUILTIN_TYPES,
) -> Pipeline:
    from dipevents.core.knowledge import Knowledge
    from dipevents.core.nlp import load_nlp
    from dipevents.core.pipeline import Pipeline

    kb = kb or Knowledge.load()
    nlp = load_nlp(settings.nlp.model, kb.word_map("inflection", "mislemmatized_verbs"))
    return Pipeline(nlp, kb, extractors, types=types)


def build_processor(settings: Settings, pipeline: Pipeline | None = None) -> ArticleProcessor:
    from dipevents.core.processor import ArticleProcessor
    from dipevents.core.syndication import SyndicationIndex

    pipeline = pipeline or build_pipeline(settings)
    index = SyndicationIndex(threshold=settings.dedup.near_duplicate_threshold, kb=pipeline.kb)
    return ArticleProcessor(pipeline, index)


def build_budget(settings: Settings, max_bytes: int | None = None) -> Budget:
    """What one event may hold (dipevents.core.bounds); `max_bytes` lowers the record budget (the worker passes
    what its topics accept)."""
    d = settings.dedup
    return Budget(
        max_mentions=d.max_mentions,
        max_sources=d.max_sources,
        max_article_ids=d.max_article_ids,
        max_bytes=min(d.max_record_bytes, max_bytes or d.max_record_bytes),
    )


def build_deduplicator(settings: Settings, store: Any | None = None, budget: Budget | None = None) -> Deduplicator:
    return Deduplicator(
        store if store is not None else {},
        window_days=settings.dedup.window_days,
        expire_after_days=settings.dedup.expire_after_days,
        date_tolerance_days=settings.dedup.date_tolerance_days,
        budget=budget or build_budget(settings),
    )
