"""The three measured sides, each in a fresh interpreter (so its peak RSS is its own), doing equal work: every
side reads whole articles and extracts events, on the same held-out sets (scored) and the same workloads (timed).

* **naive** — spaCy's full pipeline with NER over whole articles, then the trigger + NER rule (bench.naive).
* **ours_no_prefilter** — our processor with every sentence parsed (bench.ours, `prefilter=False`).
* **ours** — our processor as the worker runs it.

    python -m bench.sides SIDE INPUT.json OUTPUT.json   (what bench.run starts; not meant to be typed)
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import labelled
from bench.measure import Timing, memory_mb, percentiles, rates, timed
from bench.paths import REPO
from bench.quality import event_types, score

SIDES = {
    "naive": "naive: trigger word + NER",
    "ours_no_prefilter": "ours, prefilter off",
    "ours": "ours",
}
WARM_UP = 4  # development-set articles first: spaCy's and the regexes' first-call costs are not timed

# raw articles -> (event JSON, timing, side-specific figures of that pass)
Extract = Callable[[Sequence[dict[str, Any]]], tuple[list[dict[str, Any]], Timing, dict[str, Any]]]


def _measure(extract: Extract, inputs: dict[str, Any]) -> dict[str, Any]:
    """Held-out quality (pooled and per set), real-copy quality when given (totals only), and the rate on each
    workload with the events found."""
    sets = labelled.heldout(per_set=inputs.get("heldout_per_set"))
    pool = labelled.pooled(sets)
    events, t, extra = extract(pool.articles)
    by_article: dict[str, list[dict[str, Any]]] = {}
    for ev in events:
        for aid in {m["article_id"] for m in ev["mentions"]}:
            by_article.setdefault(aid, []).append(ev)
    per_set = {}
    for s in sets:
        mine = [ev for aid in s.expected for ev in by_article.get(aid, [])]
        per_set[s.name] = score(list({id(ev): ev for ev in mine}.values()), s)["micro_f1"]
    out: dict[str, Any] = {"heldout": rates(pool.articles, t) | score(events, pool) | {"per_set_f1": per_set} | extra}
    if inputs.get("real_labelled"):
        real = labelled.LabelledSet("real", inputs["real_labelled"]["articles"], inputs["real_labelled"]["expected"])
        events, t, extra = extract(real.articles)
        out["real_labelled"] = rates(real.articles, t) | score(events, real) | extra
    out["workloads"] = {}
    for name, arts in inputs["workloads"].items():
        events, t, extra = extract(arts)
        out["workloads"][name] = rates(arts, t) | _found(events, event_types()) | extra
    return out


def _found(events: list[dict[str, Any]], types: Sequence[str]) -> dict[str, Any]:
    return {
        "events": len(events),
        "events_per_type": {t: sum(1 for e in events if e["event_type"] == t) for t in types},
        "articles_with_events": len({m["article_id"] for e in events for m in e["mentions"]}),
    }


def naive_side(inputs: dict[str, Any]) -> dict[str, Any]:
    import spacy
    from dipevents.core.knowledge import Knowledge
    from dipevents.core.models import BUILTIN_TYPES
    from dipevents.main import build_settings

    from bench.naive import NaiveExtractor, article_text, trigger_words

    model = build_settings().nlp.model
    with timed() as load:
        nlp = spacy.load(model)  # the naive way: every pipe the package ships, NER included
        kb = Knowledge.load()
        naive = NaiveExtractor(kb, trigger_words(kb, BUILTIN_TYPES))
    loaded = memory_mb()["current_mb"]

    def extract(raw: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], Timing, dict[str, Any]]:
        events: list[dict[str, Any]] = []
        with timed() as t:
            for doc, article in zip(nlp.pipe(article_text(a) for a in raw), raw, strict=True):
                events.extend(naive.events(doc, article))
        return events, t, {}

    extract(labelled.load(labelled.DEV).articles[:WARM_UP])
    head = {"model": model, "pipes": list(nlp.pipe_names), "load_seconds": round(load.wall, 2)}
    head["rss_after_load_mb"] = loaded
    head["triggers"] = {t: len(words) for t, words in naive.triggers.items()}
    return head | _measure(extract, inputs)


def ours_side(inputs: dict[str, Any], *, prefilter: bool) -> dict[str, Any]:
    from dipevents.main import build_settings

    from bench import ours  # imports spaCy: only in the side's own process

    settings = build_settings()
    count = ours.ParseCount()
    with timed() as load:
        processor = ours.build(settings, prefilter=prefilter, count=count)
    loaded = memory_mb()["current_mb"]
    batch = settings.nlp.batch_size

    def extract(raw: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], Timing, dict[str, Any]]:
        count.sentences = count.parsed = 0
        latencies: list[float] = []
        found, t = ours.extract(processor, raw, batch, latencies)
        return (
            ours.events_json(found),
            t,
            {
                "sentences": count.sentences,
                "parsed": count.parsed,
                "copies": sum(1 for x in found if x.copy_of),
                "errors": sum(1 for x in found if x.error),
                "latency_batch_s": percentiles(latencies),
            },
        )

    extract(labelled.load(labelled.DEV).articles[:WARM_UP])
    out: dict[str, Any] = {
        "model": settings.nlp.model,
        "pipes": list(processor.pipeline.nlp.pipe_names),
        "batch_size": batch,
        "load_seconds": round(load.wall, 2),
        "rss_after_load_mb": loaded,
    }
    out |= _measure(extract, inputs)
    single = int(inputs.get("single_sample", 0))
    for name, arts in inputs["workloads"].items():
        if single:  # a worker that is never busy: process([article]) alone
            singles = [ours.extract(processor, [a], 1)[1].wall for a in arts[:single]]
            out["workloads"][name]["latency_single_s"] = percentiles(singles) | {"n": len(singles)}
    return out


def measure_side(side: str, inputs: dict[str, Any]) -> dict[str, Any]:
    if side == "naive":
        res = naive_side(inputs)
    elif side in ("ours", "ours_no_prefilter"):
        res = ours_side(inputs, prefilter=side == "ours")
    else:
        raise ValueError(f"unknown side {side!r}; sides: {sorted(SIDES)}")
    return {"side": side, "label": SIDES[side]} | res | {"rss": memory_mb()}


def run_side(side: str, inputs: Path, tmp: Path) -> dict[str, Any]:
    """Measure one side in a fresh interpreter and return its results."""
    output = tmp / f"{side}.json"
    cmd = [sys.executable, "-m", "bench.sides", side, str(inputs), str(output)]
    proc = subprocess.run(cmd, cwd=REPO, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"bench side {side!r} failed with exit {proc.returncode}")
    return json.loads(output.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def main(argv: list[str]) -> int:
    side, inputs, output = argv
    res = measure_side(side, json.loads(Path(inputs).read_text(encoding="utf-8")))
    Path(output).write_text(json.dumps(res), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
