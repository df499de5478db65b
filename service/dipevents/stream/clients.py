"""`dipevents produce` and `dipevents consume`: plain aiokafka clients for people and scripts.

The CLI (the composition root) builds the settings and passes them in; nothing here reaches back into it.
"""

from __future__ import annotations

import asyncio
import json
import sys
import uuid
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from dipevents.core.models import EVENT_ADAPTER, EventRevision
from dipevents.display import describe
from dipevents.settings import KafkaSettings
from dipevents.stream.kafka_config import aiokafka_kwargs
from dipevents.stream.topics import ensure_topics


def produce_file(settings: KafkaSettings, path: str) -> int:
    if path == "-":
        lines = sys.stdin.buffer.read().splitlines()
    else:
        if not Path(path).is_file():
            raise RuntimeError(f"no such file: {path}")
        lines = Path(path).read_bytes().splitlines()
    return asyncio.run(_produce(settings, [raw for raw in lines if raw.strip()]))


async def _produce(settings: KafkaSettings, lines: list[bytes]) -> int:
    await ensure_topics(settings)
    producer = AIOKafkaProducer(**aiokafka_kwargs(settings), acks="all", enable_idempotence=True)
    await producer.start()
    try:
        for raw in lines:
            await producer.send(settings.articles_topic, value=raw, key=_key(raw))
        await producer.flush()
    finally:
        await producer.stop()
    print(f"published {len(lines)} article record(s) to {settings.articles_topic}", file=sys.stderr)
    return 0


def _key(line: bytes) -> bytes | None:
    """Key by article id when the line is a JSON object with one; bad lines are sent as they are."""
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    aid = obj.get("article_id") if isinstance(obj, dict) else None
    return aid.encode() if isinstance(aid, str) else None


def consume_events(
    settings: KafkaSettings, *, as_json: bool, state: bool, from_beginning: bool, limit: int, idle_timeout: float
) -> int:
    return asyncio.run(
        _consume(
            settings,
            as_json=as_json,
            state=state,
            from_beginning=from_beginning,
            limit=limit,
            idle_timeout=idle_timeout,
        )
    )


async def _consume(
    settings: KafkaSettings, *, as_json: bool, state: bool, from_beginning: bool, limit: int, idle_timeout: float
) -> int:
    topic = settings.state_topic if state else settings.events_topic
    consumer = AIOKafkaConsumer(
        topic,
        **aiokafka_kwargs(settings),
        group_id=f"dipevents-consume-{uuid.uuid4().hex[:8]}",
        auto_offset_reset="earliest" if from_beginning else "latest",
        enable_auto_commit=False,
    )
    await consumer.start()
    seen = 0
    try:
        while True:
            batch = await consumer.getmany(timeout_ms=int((idle_timeout or 3600) * 1000))
            if not batch:
                if idle_timeout:
                    break
                continue
            for records in batch.values():
                for r in records:
                    if r.value is None:
                        continue
                    if as_json:
                        print(r.value.decode("utf-8", "replace"), flush=True)
                    elif state:
                        rev = EventRevision.model_validate_json(r.value)
                        print(f"rev {rev.revision:<3} {describe(rev.event)}", flush=True)
                    else:
                        print(describe(EVENT_ADAPTER.validate_json(r.value)), flush=True)
                    seen += 1
                    if limit and seen >= limit:
                        return 0
    finally:
        await consumer.stop()
    return 0
