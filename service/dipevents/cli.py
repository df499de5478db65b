"""The `dipevents` command line: extract (the pipeline without Kafka), worker, produce, consume."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from dipevents.core.decode import DecodeLimits, decode_article
from dipevents.core.errors import BadInput
from dipevents.core.models import Article

_BATCH = 32


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except RuntimeError as e:  # configuration problems: say what is wrong, no traceback
        print(f"dipevents: error: {e}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="dipevents",
        description="Typed, deduplicated diplomatic events (summits, instructions to ministries, agreements "
        "to consult) from news articles.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    ex = sub.add_parser(
        "extract",
        help="articles (JSON Lines) in, events (JSON Lines) out; no Kafka",
        description="Read Articles as JSON Lines from FILEs (or standard input) and write Events "
        "as JSON Lines. Bad lines are reported on standard error with their line number and skipped.",
    )
    ex.add_argument("files", nargs="*", metavar="FILE", help="JSON Lines files of articles ('-' or none: stdin)")
    ex.add_argument(
        "--dedup",
        action="store_true",
        help="deduplicate across articles: one event per real-world event, with all sources and mentions",
    )
    ex.add_argument("--strict", action="store_true", help="stop with exit status 1 at the first bad input line")
    ex.set_defaults(func=_extract)

    wk = sub.add_parser(
        "worker",
        help="run the streaming worker (faust) against Kafka",
        description="Run the worker: articles topic -> events, state and dead-letter topics. "
        "Configured by DIPEVENTS_* environment variables (see README).",
    )
    wk.add_argument("--loglevel", default=None, help="log level (default: DIPEVENTS_LOG_LEVEL or INFO)")
    wk.set_defaults(func=_worker)

    pr = sub.add_parser(
        "produce",
        help="publish articles (JSON Lines) to the articles topic",
        description="Publish each line of FILE as one record on the articles topic, as is "
        "(the worker validates; bad lines end in the dead-letter topic).",
    )
    pr.add_argument("file", metavar="FILE", help="JSON Lines file of articles ('-' for stdin)")
    pr.set_defaults(func=_produce)

    co = sub.add_parser(
        "consume",
        help="print events from the events topic",
        description="Print events from the events topic, one readable line each (or JSON).",
    )
    co.add_argument("--json", action="store_true", help="print the raw JSON records")
    co.add_argument("--state", action="store_true", help="read the state (revisions) topic instead")
    co.add_argument("--from-beginning", action="store_true", help="start at the earliest offset")
    co.add_argument("--max", type=int, default=0, metavar="N", help="stop after N records (default: no limit)")
    co.add_argument("--timeout", type=float, default=0, metavar="S", help="stop after S seconds without a record")
    co.set_defaults(func=_consume)
    return p


def _extract(args: argparse.Namespace) -> int:
    from dipevents.main import build_deduplicator, build_processor, build_settings

    settings = build_settings()
    limits = DecodeLimits(settings.nlp.max_body_bytes, settings.nlp.max_token_chars)
    processor = build_processor(settings)
    dedup = build_deduplicator(settings) if args.dedup else None
    out = sys.stdout
    bad = 0
    batch: list[Article] = []

    def flush() -> None:
        for ext in processor.process(batch):
            if ext.error is not None:
                print(f"{ext.article.article_id}: extractor_error: {ext.error.message}", file=sys.stderr)
                continue
            for ev in ext.events:
                if dedup is not None:
                    dedup.observe(ev, ext.article.article_id, ext.article.published_at)
                else:
                    out.write(ev.model_dump_json() + "\n")
        batch.clear()

    for where, raw in _lines(args.files):
        try:
            batch.append(decode_article(raw, limits))
        except BadInput as e:
            bad += 1
            print(f"{where}: {e.reason}: {e.message}", file=sys.stderr)
            if args.strict:
                flush()
                return 1
            continue
        if len(batch) >= _BATCH:
            flush()
    flush()
    if dedup is not None:
        for ev in dedup.events():
            out.write(ev.model_dump_json() + "\n")
    out.flush()
    if bad:
        print(f"dipevents: skipped {bad} bad input line(s)", file=sys.stderr)
    return 0


def _lines(files: list[str]) -> Iterator[tuple[str, bytes]]:
    sources: list[tuple[str, TextIO | None]] = [(f, None) for f in files] or [("-", None)]
    for name, _ in sources:
        label = "<stdin>" if name == "-" else name
        if name == "-":
            stream = sys.stdin.buffer
            yield from _numbered(label, stream)
        else:
            path = Path(name)
            if not path.is_file():
                raise RuntimeError(f"no such file: {name}")
            with open(path, "rb") as f:
                yield from _numbered(label, f)


def _numbered(label: str, stream: Iterable[bytes]) -> Iterator[tuple[str, bytes]]:
    for n, line in enumerate(stream, 1):
        if line.strip():
            yield f"{label}:{n}", line.rstrip(b"\r\n")


def _worker(args: argparse.Namespace) -> int:
    from dipevents.stream.runner import run_worker

    return run_worker(loglevel=args.loglevel)


def _produce(args: argparse.Namespace) -> int:
    from dipevents.main import build_settings
    from dipevents.stream.clients import produce_file

    return produce_file(build_settings().kafka, args.file)


def _consume(args: argparse.Namespace) -> int:
    from dipevents.main import build_settings
    from dipevents.stream.clients import consume_events

    return consume_events(
        build_settings().kafka,
        as_json=args.json,
        state=args.state,
        from_beginning=args.from_beginning,
        limit=args.max,
        idle_timeout=args.timeout,
    )


if __name__ == "__main__":
    raise SystemExit(main())
