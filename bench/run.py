"""`make bench` / `python -m bench.run`: the naive spaCy baseline against dipevents on one seeded corpus.

    python -m bench.run [--quick] [--articles N] [--kafka-articles M] [--no-kafka | --kafka] [--out bench/results]
                        [--doc docs/benchmarks.md | --no-doc] [--bootstrap HOST:PORT] [--profile DIR] [--seed S]

Measured in this order, each side in its own subprocess (so peak RSS is attributable), on the same corpora
(bench/corpus.py: (a) diplomatic-only, (b) mixed with 20% diplomatic):

1. **baseline** — `spacy.load(model)` with every pipe (NER included), `nlp.pipe` over whole bodies, n_process=1.
2. **ours** — `build_processor(settings).process` in batches of `settings.nlp.batch_size` (what the worker
   does): syndicated-copy check, normalize, actors, prefilter, spaCy on candidate sentences only, extractors.
   Also per-article latency (an article waits for its whole batch: p50/p95/p99 of batch times; and single
   articles, `process([a])`) and the dev-set article-level micro-F1 (service/dipevents/evaluation.py).
   Rates are given per wall-clock second and per CPU-second of the process (= per core; what the goals use,
   since it does not depend on other load on the machine).
3. **Kafka** (unless --no-kafka; --quick skips it unless --kafka): real worker processes (`python -m dipevents.cli
   worker`, unique topics and group, /ready polling, like tests/integration/harness.py), on the mixed corpus:
   (c) one worker draining a backlog (its capacity, vs extraction-only); one worker at a steady offered load of
       70% of the extraction-only capacity, and at 70% of its own capacity: the worker's consume-to-publish
       histogram, produce-to-state-topic latency per article (record timestamps), its stage means;
   (d) two workers (same group, 4 partitions) draining the same backlog: throughput ratio two/one.

The broker: --bootstrap, else DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS, else the local `deploy/kafka/kafkactl` broker
(DIPEVENTS_KAFKA_PORT, KAFKA_DIR as usual): reused if running, otherwise started and stopped again at the end.

Writes <out>/<UTC timestamp>.json and, for full runs (not --quick), inserts a dated row into the results table
of docs/benchmarks.md, which explains the columns and the goals.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dipevents.evaluation import article_scores
from dipevents.testing import deployment_env, free_port

from bench import corpus as corpus_mod

REPO = Path(__file__).resolve().parents[1]
KAFKACTL = REPO / "deploy" / "kafka" / "kafkactl"
DEFAULT_DOC = REPO / "docs" / "benchmarks.md"
MIXES = ("diplomatic", "mixed")

GOALS = {
    "speedup_diplomatic": (">=", 4.0, "ours / baseline, diplomatic-only"),
    "ours_diplomatic_art_s_core": (">=", 40.0, "ours, diplomatic-only, articles/s on one core"),
    "ours_mixed_art_s_core": (">=", 200.0, "ours, mixed 20%, articles/s on one core"),
    "kafka_vs_extraction": (">=", 0.80, "one worker through Kafka / extraction-only (mixed)"),
    "p99_latency_70pct_s": ("<", 0.250, "consume-to-publish p99 at 70% load, seconds"),
    "rss_ours_mb": ("<=", 400.0, "peak RSS of our extraction process, MB"),
    "two_workers_ratio": (">=", 1.8, "two workers / one worker throughput"),
}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# -- small helpers ----------------------------------------------------------------------------------------
def percentiles(values: Sequence[float], ps: Sequence[int] = (50, 95, 99)) -> dict[str, float | None]:
    """Nearest-rank percentiles (no interpolation between samples)."""
    if not values:
        return {f"p{p}": None for p in ps}
    s = sorted(values)
    return {f"p{p}": s[min(len(s) - 1, max(0, -(-p * len(s) // 100) - 1))] for p in ps}


def peak_rss_mb() -> dict[str, float]:
    """VmHWM (peak) and VmRSS (now) of this process from /proc/self/status; ru_maxrss if there is no /proc."""
    out: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    out[key] = round(int(rest.split()[0]) / 1024, 1)
    except OSError:
        import resource

        out["VmHWM"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return {"peak_mb": out.get("VmHWM", 0.0), "current_mb": out.get("VmRSS", 0.0)}


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), cpu)
    except OSError:
        pass
    ram_gb = None
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            kb = next(int(ln.split()[1]) for ln in f if ln.startswith("MemTotal:"))
            ram_gb = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration):
        pass
    try:
        nproc = int(subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError, ValueError):
        nproc = os.cpu_count() or 0
    return {
        "nproc": nproc,
        "cpu": cpu,
        "ram_gb": ram_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def git_rev() -> str:
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "service"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return rev + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _words(articles: list[dict[str, Any]]) -> int:
    return sum(corpus_mod.word_count(a["body"]) for a in articles)


# -- dev-set quality (service/dipevents/evaluation.py) ----------------------------------------------------
TYPES = ("summit", "ministry_instruction", "consultation_agreement")


def dev_scores(events: list[dict[str, Any]], expected_articles: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Article-level (event_type, set of countries) precision/recall/F1, micro over the three types."""
    return article_scores(events, expected_articles).summary()


# -- the measured sides (each runs in its own subprocess) --------------------------------------------------
def side_baseline(corpora: dict[str, list[dict[str, Any]]], opts: dict[str, Any]) -> dict[str, Any]:
    import spacy
    from dipevents.main import build_settings

    model = build_settings().nlp.model
    started = time.perf_counter()
    nlp = spacy.load(model)  # the naive way: every pipe the package ships, NER included
    load_s = time.perf_counter() - started
    rss_loaded = peak_rss_mb()["current_mb"]
    warm = [a["body"] for a in corpus_mod.dev_articles()[:4]]
    for _ in nlp.pipe(warm):
        pass
    out: dict[str, Any] = {
        "model": model,
        "pipes": list(nlp.pipe_names),
        "load_seconds": round(load_s, 2),
        "rss_after_load_mb": rss_loaded,
        "mixes": {},
    }
    for mix, arts in corpora.items():
        bodies = [a["body"] for a in arts]
        t0, c0 = time.perf_counter(), time.process_time()
        tokens = 0
        for doc in nlp.pipe(bodies, n_process=1):
            tokens += len(doc)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        out["mixes"][mix] = _rates(arts, dt, cpu) | {"tokens": tokens}
        log(
            f"baseline {mix}: {len(arts)} articles in {dt:.1f}s = {len(arts) / dt:.1f} art/s "
            f"({len(arts) / max(cpu, 1e-9):.1f} per CPU-s)"
        )
    out["rss"] = peak_rss_mb()
    return out


def side_ours(corpora: dict[str, list[dict[str, Any]]], opts: dict[str, Any]) -> dict[str, Any]:
    from dipevents.core.models import Article
    from dipevents.core.syndication import SyndicationIndex
    from dipevents.main import build_processor, build_settings

    settings = build_settings()
    started = time.perf_counter()
    processor = build_processor(settings)
    load_s = time.perf_counter() - started
    rss_loaded = peak_rss_mb()["current_mb"]
    batch = settings.nlp.batch_size

    def fresh_index() -> None:
        processor.syndication = SyndicationIndex(threshold=settings.dedup.near_duplicate_threshold)

    # Quality first (it also warms the model and the regex caches): the dev set, as tests/slow/test_devset.py.
    dev = [Article.model_validate(a) for a in corpus_mod.dev_articles()]
    t0 = time.perf_counter()
    dev_events = [json.loads(e.model_dump_json()) for evs in processor.pipeline.process_batch(dev) for e in evs]
    dev_s = time.perf_counter() - t0
    quality = dev_scores(dev_events, corpus_mod.dev_expected()["articles"]) | {
        "articles": len(dev),
        "events": len(dev_events),
        "seconds": round(dev_s, 2),
    }
    out: dict[str, Any] = {
        "model": settings.nlp.model,
        "pipes": list(processor.pipeline.nlp.pipe_names),
        "batch_size": batch,
        "load_seconds": round(load_s, 2),
        "rss_after_load_mb": rss_loaded,
        "dev": quality,
        "mixes": {},
    }
    for mix, raw in corpora.items():
        articles = [Article.model_validate(a) for a in raw]
        fresh_index()
        latencies: list[float] = []
        results = []
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(0, len(articles), batch):
            chunk = articles[i : i + batch]
            b0 = time.perf_counter()
            results.extend(processor.process(chunk))
            latencies.extend([time.perf_counter() - b0] * len(chunk))
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        # Single-article latency (a worker that is never busy): process([a]) on a sample.
        fresh_index()
        singles: list[float] = []
        for a in articles[: opts["single_sample"]]:
            s0 = time.perf_counter()
            processor.process([a])
            singles.append(time.perf_counter() - s0)
        dip = [r for r in results if r.article.article_id.startswith("bench-dip-")]
        other = [r for r in results if not r.article.article_id.startswith("bench-dip-")]
        out["mixes"][mix] = _rates(raw, dt, cpu) | {
            "latency_batch_s": {k: _r(v) for k, v in percentiles(latencies).items()},
            "latency_single_s": {k: _r(v) for k, v in percentiles(singles).items()} | {"n": len(singles)},
            "events": sum(len(r.events) for r in results),
            "copies": sum(1 for r in results if r.copy_of),
            "errors": sum(1 for r in results if r.error),
            "diplomatic_with_events": sum(1 for r in dip if r.events),
            "diplomatic": len(dip),
            "other_with_events": sum(1 for r in other if r.events),
        }
        log(
            f"ours {mix}: {len(raw)} articles in {dt:.1f}s = {len(raw) / dt:.1f} art/s "
            f"({len(raw) / max(cpu, 1e-9):.1f} per CPU-s)"
        )
        if opts.get("profile"):
            _profile(processor, articles, batch, Path(opts["profile"]) / f"profile-{mix}.txt", fresh_index)
    out["rss"] = peak_rss_mb()
    return out


def _profile(processor: Any, articles: list[Any], batch: int, path: Path, reset: Any) -> None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        log("--profile needs pyinstrument (pip install pyinstrument into the venv); skipped")
        return
    reset()
    prof = Profiler(interval=0.001)
    prof.start()
    for i in range(0, len(articles), batch):
        processor.process(articles[i : i + batch])
    prof.stop()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(prof.output_text(unicode=False, color=False, show_all=False), encoding="utf-8")
    log(f"profile written to {path}")


def _r(v: float | None) -> float | None:
    return None if v is None else round(v, 4)


def _rates(arts: list[dict[str, Any]], seconds: float, cpu_seconds: float) -> dict[str, Any]:
    """Wall-clock rates, and rates per CPU-second of the process (= per core; robust to a busy machine)."""
    words = _words(arts)
    cpu = max(cpu_seconds, 1e-9)
    return {
        "articles": len(arts),
        "words": words,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "articles_per_s": round(len(arts) / seconds, 2),
        "words_per_s": round(words / seconds, 1),
        "articles_per_cpu_s": round(len(arts) / cpu, 2),
        "words_per_cpu_s": round(words / cpu, 1),
    }


def run_side(side: str, corpora_path: Path, opts: dict[str, Any], tmp: Path) -> dict[str, Any]:
    """Run one side in a fresh interpreter; its peak RSS is its own."""
    result = tmp / f"{side}.json"
    opts_path = tmp / f"{side}.opts.json"
    opts_path.write_text(json.dumps(opts), encoding="utf-8")
    cmd = [
        sys.executable,
        "-m",
        "bench.run",
        "--side",
        side,
        "--side-corpora",
        str(corpora_path),
        "--side-opts",
        str(opts_path),
        "--side-result",
        str(result),
    ]
    proc = subprocess.run(cmd, cwd=REPO, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"bench side {side!r} failed with exit {proc.returncode}")
    return json.loads(result.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def side_main(args: argparse.Namespace) -> int:
    corpora = json.loads(Path(args.side_corpora).read_text(encoding="utf-8"))
    opts = json.loads(Path(args.side_opts).read_text(encoding="utf-8"))
    fn = side_baseline if args.side == "baseline" else side_ours
    result = fn(corpora, opts)
    Path(args.side_result).write_text(json.dumps(result), encoding="utf-8")
    return 0


# -- Kafka: real workers on a real broker ------------------------------------------------------------------
@dataclass
class Stack:
    """One isolated deployment on the broker: its own topics, group, state dirs and workers."""

    bootstrap: str
    tmp: Path
    partitions: int = 4
    name: str = field(default_factory=lambda: f"bench{uuid.uuid4().hex[:10]}")
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    ports: list[int] = field(default_factory=list)
    logs: list[Any] = field(default_factory=list)

    def topic(self, kind: str) -> str:
        return f"{self.name}.{kind}"

    def env(self, index: int, port: int) -> dict[str, str]:
        keep = {k: os.environ[k] for k in ("DIPEVENTS_NLP__MODEL", "DIPEVENTS_NLP__BATCH_SIZE") if k in os.environ}
        return deployment_env(
            self.bootstrap,
            self.name,
            self.partitions,
            DIPEVENTS_METRICS__PORT=str(port),
            DIPEVENTS_DATA_DIR=str(self.tmp / f"{self.name}-data{index}"),
            **keep,
        )

    def start_workers(self, n: int) -> None:
        for i in range(n):
            port = free_port()
            log_file = open(self.tmp / f"{self.name}-worker{i}.log", "wb")  # noqa: SIM115 - lives with the process
            self.procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "dipevents.cli", "worker"],
                    cwd=REPO,
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                    env=self.env(i, port),
                )
            )
            self.ports.append(port)
            self.logs.append(log_file)
        deadline = time.monotonic() + 180
        for proc, port in zip(self.procs, self.ports, strict=True):
            while not _ready(port):
                if proc.poll() is not None:
                    raise RuntimeError(f"worker exited with {proc.returncode}; log: {self.tmp}\n{self.tail()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"worker not ready in 180 s; log: {self.tmp}\n{self.tail()}")
                time.sleep(0.3)

    def tail(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-2000:] for p in sorted(self.tmp.glob(f"{self.name}-*.log")))

    def metrics(self) -> list[dict[str, Any]]:
        return [_scrape(p) for p in self.ports]

    def cpu_seconds(self) -> float:
        """User + system CPU time of the worker processes so far (/proc/<pid>/stat)."""
        return sum(_proc_cpu(p.pid) for p in self.procs)

    def stop(self) -> None:
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(timeout=45)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        for f in self.logs:
            f.close()
        try:
            asyncio.run(_delete_topics(self.bootstrap, self.name))
        except Exception as e:  # noqa: BLE001 - cleanup is best effort
            log(f"could not delete the topics of {self.name}: {e!r}")


def _proc_cpu(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/ready", timeout=2) as r:
            return bool(r.status == 200)
    except OSError:
        return False


def _scrape(port: int) -> dict[str, Any]:
    """The worker's /metrics: consumed-article count and the consume-to-publish histogram."""
    from prometheus_client.parser import text_string_to_metric_families

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
        text = r.read().decode()
    consumed = 0.0
    buckets: dict[float, float] = {}
    count = total = 0.0
    stages: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])  # stage -> [sum, count]
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            if s.name == "dipevents_articles_consumed_total":
                consumed += s.value
            elif s.name == "dipevents_consume_to_publish_seconds_bucket":
                buckets[float(s.labels["le"])] = s.value
            elif s.name == "dipevents_consume_to_publish_seconds_count":
                count = s.value
            elif s.name == "dipevents_consume_to_publish_seconds_sum":
                total = s.value
            elif s.name == "dipevents_processing_seconds_sum":
                stages[s.labels.get("stage", "?")][0] = s.value
            elif s.name == "dipevents_processing_seconds_count":
                stages[s.labels.get("stage", "?")][1] = s.value
    return {"consumed": consumed, "buckets": buckets, "count": count, "sum": total, "stages": dict(stages)}


def stage_means(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean seconds per observation of each `dipevents_processing_seconds` stage over a window (all workers);
    "extract" is one batch of articles."""
    out: dict[str, Any] = {}
    for stage in sorted({st for a in after for st in a["stages"]}):
        total = sum(
            a["stages"].get(stage, [0, 0])[0] - b["stages"].get(stage, [0, 0])[0]
            for b, a in zip(before, after, strict=True)
        )
        n = sum(
            a["stages"].get(stage, [0, 0])[1] - b["stages"].get(stage, [0, 0])[1]
            for b, a in zip(before, after, strict=True)
        )
        if n > 0:
            out[stage] = {"mean_ms": round(1000 * total / n, 2), "count": int(n)}
    return out


def histogram_summary(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, Any]:
    """The consume-to-publish histogram over a measurement window (after - before, summed over workers):
    quantiles interpolated inside buckets like PromQL histogram_quantile, and the exact share <= 250 ms."""
    buckets: dict[float, float] = defaultdict(float)
    count = total = 0.0
    for b, a in zip(before, after, strict=True):
        for le, v in a["buckets"].items():
            buckets[le] += v - b["buckets"].get(le, 0.0)
        count += a["count"] - b["count"]
        total += a["sum"] - b["sum"]
    if count <= 0:
        return {"count": 0}
    edges = sorted(buckets)

    def q(p: float) -> float:
        rank = p * count
        lo_edge, lo_cum = 0.0, 0.0
        for le in edges:
            cum = buckets[le]
            if cum >= rank:
                if le == float("inf"):
                    return lo_edge
                return lo_edge + (le - lo_edge) * ((rank - lo_cum) / (cum - lo_cum) if cum > lo_cum else 1.0)
            lo_edge, lo_cum = le, cum
        return lo_edge

    return {
        "count": int(count),
        "mean_s": round(total / count, 4),
        "p50_s": round(q(0.50), 4),
        "p95_s": round(q(0.95), 4),
        "p99_s": round(q(0.99), 4),
        "share_le_250ms": round(buckets.get(0.25, 0.0) / count, 4),
    }


async def _delete_topics(bootstrap: str, prefix: str) -> None:
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=15000)
    await admin.start()
    try:
        names = [t for t in await admin.list_topics() if t.startswith(prefix)]
        if names:
            await admin.delete_topics(names)
    finally:
        await admin.close()


async def _drive(
    stack: Stack, articles: list[dict[str, Any]], rate: float | None, warmup: list[dict[str, Any]], expected: int
) -> dict[str, Any]:
    """Produce `articles` (at `rate` per second, or as fast as possible) after a warm-up; follow the workers'
    counters and the state topic. Returns timings, per-article latencies and histogram windows."""
    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

    loop = asyncio.get_running_loop()

    async def scrape() -> list[dict[str, Any]]:
        return await loop.run_in_executor(None, stack.metrics)

    async def consumed() -> float:
        return sum(m["consumed"] for m in await scrape())

    producer = AIOKafkaProducer(bootstrap_servers=stack.bootstrap, acks="all", linger_ms=0)
    await producer.start()
    state = AIOKafkaConsumer(
        stack.topic("state"),
        bootstrap_servers=stack.bootstrap,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        group_id=None,
    )
    await state.start()
    first_seen: dict[str, float] = {}  # article id -> state-record timestamp (s) of its first mention
    last_state = time.time()

    async def follow_state() -> None:
        nonlocal last_state
        while True:
            batch = await state.getmany(timeout_ms=200)
            for records in batch.values():
                for rec in records:
                    last_state = time.time()
                    ev = json.loads(rec.value)["event"]
                    for m in ev["mentions"]:
                        first_seen.setdefault(m["article_id"], rec.timestamp / 1000)

    follower = asyncio.create_task(follow_state())
    try:
        # Warm-up: the first batches of a fresh worker pay spaCy's and the regexes' first-call costs.
        base = await consumed()
        for a in warmup:
            await producer.send_and_wait(stack.topic("articles"), json.dumps(a).encode(), key=a["article_id"].encode())
        deadline = time.monotonic() + 120
        while await consumed() < base + len(warmup):
            if time.monotonic() > deadline:
                raise RuntimeError("warm-up articles were not consumed in 120 s\n" + stack.tail())
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.0)
        before = await scrape()
        cpu_before = stack.cpu_seconds()
        start_count = sum(m["consumed"] for m in before)
        sent_at: dict[str, float] = {}
        t_start = time.time()
        futures = []
        for i, a in enumerate(articles):
            if rate:
                delay = t_start + i / rate - time.time()
                if delay > 0:
                    await asyncio.sleep(delay)
            now = time.time()
            sent_at[a["article_id"]] = now
            futures.append(
                await producer.send(
                    stack.topic("articles"),
                    json.dumps(a).encode(),
                    key=a["article_id"].encode(),
                    timestamp_ms=int(now * 1000),
                )
            )
        await producer.flush()
        t_produced = time.time()
        deadline = time.monotonic() + max(120.0, 10 * len(articles) / (rate or 10))
        t_done = None
        while time.monotonic() < deadline:
            if await consumed() >= start_count + len(articles):
                t_done = time.time()
                break
            await asyncio.sleep(0.1)
        if t_done is None:
            raise RuntimeError(f"workers did not consume {len(articles)} articles in time\n" + stack.tail())
        cpu_used = stack.cpu_seconds() - cpu_before
        # Let the last events make it through candidates -> dedup -> state.
        settle_until = time.monotonic() + 30
        while time.monotonic() < settle_until:
            have = sum(1 for aid in sent_at if aid in first_seen)
            if have >= expected and time.time() - last_state > 1.0:
                break
            if time.time() - last_state > 5.0:
                break
            await asyncio.sleep(0.2)
        after = await scrape()
    finally:
        follower.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await follower
        await state.stop()
        await producer.stop()
    lat = [first_seen[aid] - t for aid, t in sent_at.items() if aid in first_seen]
    per_worker = [a["consumed"] - b["consumed"] for b, a in zip(before, after, strict=True)]
    return {
        "articles": len(articles),
        "offered_rate": rate,
        "produce_seconds": round(t_produced - t_start, 3),
        "seconds": round(t_done - t_start, 3),
        "articles_per_s": round(len(articles) / (t_done - t_start), 2),
        "worker_cpu_seconds": round(cpu_used, 2),
        "articles_per_worker_cpu_s": round(len(articles) / cpu_used, 2) if cpu_used > 0 else None,
        "per_worker_consumed": per_worker,
        "articles_with_events": len(lat),
        "expected_with_events": expected,
        "produce_to_state_s": {k: _r(v) for k, v in percentiles(lat).items()} | {"n": len(lat)},
        "consume_to_publish_hist": histogram_summary(before, after),
        "worker_stage_means": stage_means(before, after),
    }


def kafka_section(
    bootstrap: str, articles: list[dict[str, Any]], *, capacity: float, capacity_cpu: float, expected: int, tmp: Path
) -> dict[str, Any]:
    warm = [a | {"article_id": f"warm-{uuid.uuid4().hex[:8]}-{a['article_id']}"} for a in corpus_mod.dev_articles()[:8]]
    out: dict[str, Any] = {
        "bootstrap": bootstrap,
        "partitions": 4,
        "extraction_capacity_art_s": capacity,
        "extraction_capacity_art_cpu_s": capacity_cpu,
    }

    def one(name: str, workers: int, rate: float | None) -> dict[str, Any]:
        stack = Stack(bootstrap, tmp)
        try:
            log(f"kafka {name}: starting {workers} worker(s) on {stack.name}")
            t0 = time.monotonic()
            stack.start_workers(workers)
            if workers > 1:
                time.sleep(3.0)  # let the group settle after the last join (one rebalance per join)
                deadline = time.monotonic() + 60
                while not all(_ready(p) for p in stack.ports) and time.monotonic() < deadline:
                    time.sleep(0.3)
            started = time.monotonic() - t0
            what = f"at {rate:.1f} art/s" if rate else "as a backlog"
            log(f"kafka {name}: ready after {started:.1f}s; producing {len(articles)} articles {what}")
            res = asyncio.run(_drive(stack, articles, rate, warm, expected))
            res["workers"] = workers
            res["startup_seconds"] = round(started, 1)
            res["loadavg_1m"] = round(os.getloadavg()[0], 2)
            log(
                f"kafka {name}: {res['articles_per_s']} art/s ({res['articles_per_worker_cpu_s']} per worker CPU-s), "
                f"produce->state {res['produce_to_state_s']}, consume->publish {res['consume_to_publish_hist']}"
                f", worker stages {res['worker_stage_means']}"
            )
            return res
        finally:
            stack.stop()

    # (c) one worker: a backlog (its capacity), then steady loads at 70% of the extraction-only capacity (the
    # goal's definition) and at 70% of the worker's own measured capacity (not overloaded when that is lower).
    out["backlog_1_worker"] = one("(c) backlog, 1 worker", 1, None)
    one_w = out["backlog_1_worker"]["articles_per_s"]
    out["steady_70pct"] = one("(c) steady 70% of extraction-only capacity, 1 worker", 1, round(0.7 * capacity, 2))
    out["steady_70pct_of_worker"] = one("(c) steady 70% of the worker's capacity, 1 worker", 1, round(0.7 * one_w, 2))
    # (d) two workers, same group, 4 partitions, the same backlog
    out["backlog_2_workers"] = one("(d) backlog, 2 workers", 2, None)
    out["kafka_vs_extraction"] = round(one_w / capacity, 3) if capacity else None
    per_cpu = out["backlog_1_worker"]["articles_per_worker_cpu_s"]
    out["kafka_vs_extraction_cpu"] = round(per_cpu / capacity_cpu, 3) if capacity_cpu and per_cpu else None
    out["two_workers_ratio"] = round(out["backlog_2_workers"]["articles_per_s"] / one_w, 3) if one_w else None
    return out


def resolve_broker(explicit: str | None) -> tuple[str, bool]:
    """(bootstrap, started_here)."""
    if explicit:
        return explicit, False
    if os.environ.get("DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS"):
        return os.environ["DIPEVENTS_KAFKA__BOOTSTRAP_SERVERS"], False
    bootstrap = f"127.0.0.1:{os.environ.get('DIPEVENTS_KAFKA_PORT', '19092')}"
    if subprocess.run([str(KAFKACTL), "status"], capture_output=True, check=False).returncode == 0:
        log(f"reusing the running local broker {bootstrap}")
        return bootstrap, False
    log(f"starting a local broker on {bootstrap} (deploy/kafka/kafkactl up)")
    if subprocess.run([str(KAFKACTL), "up"], check=False).returncode != 0:
        raise RuntimeError("deploy/kafka/kafkactl up failed")
    return bootstrap, True


# -- report ----------------------------------------------------------------------------------------------------
def evaluate_goals(res: dict[str, Any]) -> dict[str, Any]:
    """Goals on per-CPU-second rates where a rate is per core (robust to other load on the machine)."""
    ours = res["ours"]["mixes"]
    kafka = res.get("kafka") or {}
    steady = kafka.get("steady_70pct") or {}
    values = {
        "speedup_diplomatic": res["ratios_cpu"].get("diplomatic"),
        "ours_diplomatic_art_s_core": ours.get("diplomatic", {}).get("articles_per_cpu_s"),
        "ours_mixed_art_s_core": ours.get("mixed", {}).get("articles_per_cpu_s"),
        "kafka_vs_extraction": kafka.get("kafka_vs_extraction"),
        "p99_latency_70pct_s": (steady.get("consume_to_publish_hist") or {}).get("p99_s"),
        "rss_ours_mb": res["ours"]["rss"]["peak_mb"],
        "two_workers_ratio": kafka.get("two_workers_ratio"),
    }
    out = {}
    for name, (op, target, what) in GOALS.items():
        v = values[name]
        met = None if v is None else (v >= target if op == ">=" else v < target if op == "<" else v <= target)
        out[name] = {"value": v, "target": f"{op} {target}", "met": met, "what": what}
    return out


DOC_FALLBACK = """# Benchmarks

`make bench` (`python -m bench.run`, see its docstring) appends one row per full run to the table below.

"""

COLUMNS = (
    "date",
    "commit",
    "machine",
    "N/M",
    "base a",
    "ours a",
    "x a",
    "base b",
    "ours b",
    "x b",
    "words/s a/b",
    "lat p50/p95/p99",
    "single p50/p99",
    "RSS base/ours",
    "F1",
    "kafka 1w",
    "c2p p99 70%x/70%w",
    "e2e p99 70%x/70%w",
    "2w/1w",
    "goals",
)
RESULTS_HEADER = "## Results\n\n| " + " | ".join(COLUMNS) + " |\n|" + "---|" * len(COLUMNS) + "\n"


def _ms(v: float | None) -> str:
    return "–" if v is None else f"{v * 1000:.0f}"


def doc_row(res: dict[str, Any]) -> str:
    m = res["machine"]
    b, o = res["baseline"]["mixes"], res["ours"]["mixes"]
    k = res.get("kafka") or {}
    lat = o["mixed"]["latency_batch_s"]
    single = o["mixed"]["latency_single_s"]
    goals = res["goals"]
    measured = [g for g in goals.values() if g["met"] is not None]

    def rate(side: dict[str, Any], mix: str) -> str:
        return f"{side[mix]['articles_per_cpu_s']:.1f} ({side[mix]['articles_per_s']:.1f})"

    kafka_1w = "–"
    if k.get("backlog_1_worker"):
        cpu_share = f"; cpu {k['kafka_vs_extraction_cpu'] * 100:.0f}%" if k.get("kafka_vs_extraction_cpu") else ""
        kafka_1w = f"{k['backlog_1_worker']['articles_per_s']:.1f} ({k['kafka_vs_extraction'] * 100:.0f}%{cpu_share})"
    sx, sw = k.get("steady_70pct") or {}, k.get("steady_70pct_of_worker") or {}

    def c2p(run: dict[str, Any]) -> str:
        return _ms((run.get("consume_to_publish_hist") or {}).get("p99_s"))

    def e2e(run: dict[str, Any]) -> str:
        return _ms((run.get("produce_to_state_s") or {}).get("p99"))

    cells = [
        res["date"],
        res["commit"],
        f"{m['nproc']} × {m['cpu'].replace('|', '/')}, {m['ram_gb']} GB, "
        f"load {res['loadavg_1m']['start']}→{res['loadavg_1m']['end']}",
        f"{res['config']['articles']}/{res['config']['kafka_articles'] or '–'}",
        rate(b, "diplomatic"),
        rate(o, "diplomatic"),
        f"{res['ratios_cpu']['diplomatic']:.2f}",
        rate(b, "mixed"),
        rate(o, "mixed"),
        f"{res['ratios_cpu']['mixed']:.2f}",
        f"{o['diplomatic']['words_per_cpu_s']:.0f}/{o['mixed']['words_per_cpu_s']:.0f}",
        f"{_ms(lat['p50'])}/{_ms(lat['p95'])}/{_ms(lat['p99'])}",
        f"{_ms(single['p50'])}/{_ms(single['p99'])}",
        f"{res['baseline']['rss']['peak_mb']:.0f}/{res['ours']['rss']['peak_mb']:.0f}",
        f"{res['ours']['dev']['micro_f1']:.3f}",
        kafka_1w,
        f"{c2p(sx)}/{c2p(sw)}",
        f"{e2e(sx)}/{e2e(sw)}",
        f"{k['two_workers_ratio']:.2f}" if k.get("two_workers_ratio") else "–",
        f"{sum(1 for g in measured if g['met'])}/{len(measured)}",
    ]
    return "| " + " | ".join(cells) + " |"


def append_doc(path: Path, row: str) -> None:
    """Insert `row` after the last table line of the '## Results' section (created if missing)."""
    text = path.read_text(encoding="utf-8") if path.exists() else DOC_FALLBACK
    if "## Results" not in text:
        text = text.rstrip("\n") + "\n\n" + RESULTS_HEADER
    lines = text.rstrip("\n").split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("## Results"))
    end, last_table = start + 1, None
    while end < len(lines) and not lines[end].startswith("## "):
        if lines[end].startswith("|"):
            last_table = end
        end += 1
    if last_table is None:
        header = RESULTS_HEADER.rstrip("\n").split("\n")[1:]
        lines[start + 1 : start + 1] = header
        last_table = start + len(header)
    lines.insert(last_table + 1, row)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def summary(res: dict[str, Any]) -> str:
    b, o = res["baseline"]["mixes"], res["ours"]["mixes"]
    m = res["machine"]
    lines = [
        f"bench {res['date']} {res['commit']} on {m['nproc']} × {m['cpu']}, {m['ram_gb']} GB, "
        f"load {res['loadavg_1m']['start']} -> {res['loadavg_1m']['end']}",
        "  rates: articles per CPU-second of the process (= per core), wall-clock in parentheses",
    ]
    for mix in MIXES:
        ob, lat = o[mix], o[mix]["latency_batch_s"]
        lines.append(
            f"  ({'a' if mix == 'diplomatic' else 'b'}) {mix:<10} baseline {b[mix]['articles_per_cpu_s']:6.1f} "
            f"({b[mix]['articles_per_s']:5.1f}) art/s {b[mix]['words_per_cpu_s']:7.0f} w/s | ours "
            f"{ob['articles_per_cpu_s']:6.1f} ({ob['articles_per_s']:5.1f}) art/s {ob['words_per_cpu_s']:7.0f} w/s | "
            f"x{res['ratios_cpu'][mix]:.2f} (wall x{res['ratios'][mix]:.2f}) | copies {ob['copies']} | "
            f"latency batch p50/p95/p99 {_ms(lat['p50'])}/{_ms(lat['p95'])}/{_ms(lat['p99'])} ms, single p50/p99 "
            f"{_ms(ob['latency_single_s']['p50'])}/{_ms(ob['latency_single_s']['p99'])} ms"
        )
    lines.append(
        f"  RSS peak: baseline {res['baseline']['rss']['peak_mb']} MB, ours {res['ours']['rss']['peak_mb']} MB; "
        f"dev micro-F1 {res['ours']['dev']['micro_f1']} {res['ours']['dev']['per_type_f1']}"
    )
    k = res.get("kafka")
    if k:
        for key in ("steady_70pct", "steady_70pct_of_worker"):
            s = k[key]
            lines.append(
                f"  kafka {key}: offered {s['offered_rate']} art/s -> {s['articles_per_s']} art/s; "
                f"produce->state {s['produce_to_state_s']}; consume->publish {s['consume_to_publish_hist']}"
            )
        lines.append(
            f"  kafka backlog: 1 worker {k['backlog_1_worker']['articles_per_s']} art/s "
            f"({k['kafka_vs_extraction']} of extraction-only wall, {k['kafka_vs_extraction_cpu']} per CPU-s); "
            f"2 workers {k['backlog_2_workers']['articles_per_s']} art/s (x{k['two_workers_ratio']})"
        )
    for name, g in res["goals"].items():
        state = "n/a" if g["met"] is None else "MET" if g["met"] else "unmet"
        lines.append(f"  goal {name:<28} {g['target']:<8} value {g['value']!s:<8} {state}")
    return "\n".join(lines)


# -- main --------------------------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quick", action="store_true", help="smoke run: tens of articles, no Kafka (unless --kafka)")
    ap.add_argument("--articles", type=int, default=None, help="articles per mix (default 200; --quick 20)")
    ap.add_argument(
        "--kafka-articles",
        type=int,
        default=None,
        help="mixed articles per Kafka run (default: 12 s of the measured extraction-only capacity, 300-3000; "
        "--quick: 40)",
    )
    ap.add_argument("--no-kafka", action="store_true", help="skip the Kafka measurements")
    ap.add_argument("--kafka", action="store_true", help="with --quick: run the Kafka measurements too")
    ap.add_argument("--bootstrap", default=None, help="an existing broker host:port (nothing started or stopped)")
    ap.add_argument("--out", default=str(REPO / "bench" / "results"), help="directory for the results JSON")
    ap.add_argument("--doc", default=str(DEFAULT_DOC), help="markdown file to append the row to (full runs)")
    ap.add_argument("--no-doc", action="store_true", help="do not append a row to the markdown file")
    ap.add_argument("--profile", default=None, help="directory: pyinstrument reports of ours per mix (extra pass)")
    ap.add_argument("--seed", type=int, default=corpus_mod.SEED, help="corpus seed")
    ap.add_argument("--side", choices=("baseline", "ours"), help=argparse.SUPPRESS)
    ap.add_argument("--side-corpora", help=argparse.SUPPRESS)
    ap.add_argument("--side-opts", help=argparse.SUPPRESS)
    ap.add_argument("--side-result", help=argparse.SUPPRESS)
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.side:
        return side_main(args)
    began = time.monotonic()
    n = args.articles or (20 if args.quick else 200)
    kafka_n = args.kafka_articles or (40 if args.quick else 0)  # 0: sized from the measured capacity below
    with_kafka = not args.no_kafka and (args.kafka or not args.quick)
    now = datetime.now(UTC)
    res: dict[str, Any] = {
        "date": now.strftime("%Y-%m-%d"),
        "timestamp": now.strftime("%Y%m%dT%H%M%SZ"),
        "commit": git_rev(),
        "machine": machine(),
        "loadavg_1m": {"start": round(os.getloadavg()[0], 2)},
        "config": {
            "quick": args.quick,
            "articles": n,
            "kafka_articles": kafka_n if with_kafka else None,
            "seed": args.seed,
            "kafka": with_kafka,
        },
    }
    log(f"building corpora: {n} articles per mix, seed {args.seed}")
    corpora = {mix: corpus_mod.build(mix, n, args.seed) for mix in MIXES}  # type: ignore[arg-type]
    res["corpus"] = {mix: c.describe() for mix, c in corpora.items()}
    opts = {"single_sample": 10 if args.quick else 40, "profile": args.profile}
    with tempfile.TemporaryDirectory(prefix="dipevents-bench-") as tmpdir:
        tmp = Path(tmpdir)
        corpora_path = tmp / "corpora.json"
        corpora_path.write_text(json.dumps({mix: c.articles for mix, c in corpora.items()}), encoding="utf-8")
        log("baseline side (full spaCy pipeline incl. NER, whole bodies)")
        res["baseline"] = run_side("baseline", corpora_path, opts, tmp)
        log("our side (build_processor(settings).process in batches)")
        res["ours"] = run_side("ours", corpora_path, opts, tmp)
        o, b = res["ours"]["mixes"], res["baseline"]["mixes"]
        res["ratios"] = {mix: round(o[mix]["articles_per_s"] / b[mix]["articles_per_s"], 3) for mix in MIXES}
        res["ratios_cpu"] = {
            mix: round(o[mix]["articles_per_cpu_s"] / b[mix]["articles_per_cpu_s"], 3) for mix in MIXES
        }
        if with_kafka:
            if not kafka_n:  # long enough that start-up effects and polling granularity stay small
                kafka_n = min(3000, max(300, round(12 * o["mixed"]["articles_per_s"])))
                res["config"]["kafka_articles"] = kafka_n
            log(f"kafka runs: {kafka_n} mixed articles each")
            kafka_corpus = corpora["mixed"] if kafka_n == n else corpus_mod.build("mixed", kafka_n, args.seed)
            capacity = o["mixed"]["articles_per_s"]
            capacity_cpu = o["mixed"]["articles_per_cpu_s"]
            # articles expected to reach the state topic: the diplomatic ones that gave events extraction-only
            share = res["ours"]["mixes"]["mixed"]["diplomatic_with_events"] / max(
                1, res["ours"]["mixes"]["mixed"]["diplomatic"]
            )
            expected = int(kafka_corpus.diplomatic * share)
            bootstrap, started = resolve_broker(args.bootstrap)
            try:
                res["kafka"] = kafka_section(
                    bootstrap,
                    kafka_corpus.articles,
                    capacity=capacity,
                    capacity_cpu=capacity_cpu,
                    expected=expected,
                    tmp=tmp,
                )
            finally:
                if started:
                    log("stopping the local broker this run started")
                    subprocess.run([str(KAFKACTL), "down"], check=False)
    res["loadavg_1m"]["end"] = round(os.getloadavg()[0], 2)
    res["goals"] = evaluate_goals(res)
    res["elapsed_seconds"] = round(time.monotonic() - began, 1)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    out_path = out_dir / f"{res['timestamp']}.json"
    out_path.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    print(summary(res))
    print(f"results: {out_path} ({res['elapsed_seconds']} s)")
    if not args.quick and not args.no_doc:
        append_doc(Path(args.doc), doc_row(res))
        print(f"row appended to {args.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
