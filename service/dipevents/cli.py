"""The `dipevents` command line: extract (the pipeline without Kafka), worker, lag-exporter, produce, consume.

This module is the console script's entry point, so it imports nothing heavy at module level: the first line of
`main` installs the stop-signal handlers (the worker is PID 1 in a container, and PID 1 ignores a signal it has no
handler for), and pydantic, spaCy, faust and aiokafka load after it, in the command that needs them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dipevents.stream.startup import exit_on_signals

if TYPE_CHECKING:
    from dipevents.core.models import Article

_BATCH = 32


def main(argv: Sequence[str] | None = None) -> int:
    exit_on_signals()
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

    lx = sub.add_parser(
        "lag-exporter",
        help="export the consumer group's lag per partition, read from the brokers, for Prometheus",
        description="Serve /metrics on DIPEVENTS_METRICS__HOST:PORT with the group's committed offsets and lag on "
        "the articles and candidates topics, read from the brokers without joining the group: it sees partitions "
        "no worker owns. Same DIPEVENTS_KAFKA__* settings as the worker.",
    )
    lx.add_argument("--interval", type=float, default=15.0, metavar="S", help="seconds between reads (default: 15)")
    lx.set_defaults(func=_lag_exporter)

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
    from dipevents.core.decode import DecodeLimits, decode_article
    from dipevents.core.errors import BadInput
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
                break
            continue
        if len(batch) >= _BATCH:
            flush()
    flush()
    # --strict stops at the bad line, but what was read before it is still output, merged or not.
    if dedup is not None:
        for ev in dedup.events():
            out.write(ev.model_dump_json() + "\n")
    out.flush()
    if bad and args.strict:
        return 1
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


def _lag_exporter(args: argparse.Namespace) -> int:
    from dipevents.stream.lag_exporter import run_lag_exporter

    if args.interval <= 0:
        raise RuntimeError("--interval must be positive")
    return run_lag_exporter(interval=args.interval)


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
