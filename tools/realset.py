"""The labelled real-copy set: build it from the labellers' files, write it out for a scorer, score it.

    python3 tools/realset.py build --work DIR            # labellers' files -> tests/fixtures/real/labels.json
    python3 tools/realset.py materialize --split studied --out DIR   # DIR/articles.jsonl + DIR/expected.json
    .venv/bin/python tools/realset.py score --split never_studied    # totals only, whatever the split

The texts stay in ../shared/data/real (read through its to_articles.py); the project holds only the labels,
the story keys and the split. `build` is how the committed file was made: pass A labels every article, pass B
(a second labeller, blind to pass A) re-labels every article with an event, every close call and a random
sample of the rest, an adjudicator settles each disagreement. Stories are grouped (same story key, shared
distinctive key words, near-identical bodies) and whole groups are assigned to a split, so that no story or
occasion of the never-studied part is in the studied part.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "data" / "real"
LABELS = REPO / "tests" / "fixtures" / "real" / "labels.json"
SPLITS = ("studied", "never_studied")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "us",
        "u.s.",
        "talks",
        "talk",
        "meeting",
        "meetings",
        "dispute",
        "visit",
        "news",
        "over",
        "new",
        "plan",
        "row",
        "deal",
        "trade",
        "says",
        "said",
        "after",
        "before",
        "government",
    ]
)


# -- build ------------------------------------------------------------------------------------------------
def _load(work: Path, prefix: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for f in sorted(work.glob(f"{prefix}-*.json")):
        out.update(json.loads(f.read_text())["articles"])
    return out


def _keys(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen = sorted({(e["event_type"], tuple(sorted(e["countries"]))) for e in events})
    return [{"event_type": t, "countries": list(c)} for t, c in seen]


def _story_words(key: str) -> set[str]:
    key = re.sub(r"^\d{4}-\d{2}\s+", "", key.lower())
    return {t for t in re.findall(r"[a-z0-9]+", key) if t not in _STOP and len(t) > 2 and not t.isdigit()}


def _shingles(text: str) -> set[str]:
    w = re.findall(r"\w+", text.lower())
    return {" ".join(w[i : i + 5]) for i in range(max(1, len(w) - 4))}


def group_stories(stories: dict[str, list[str]], bodies: dict[str, str], months: dict[str, str]) -> dict[str, str]:
    """article id -> group id. Articles share a group when a labeller gave them the same story key (month
    aside), when their keys share two words one of which is distinctive (in at most 12 keys), or when their
    bodies are near-identical (5-word shingles, Jaccard >= 0.3, same month)."""
    parent = {k: k for k in stories}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    by_key: dict[str, list[str]] = collections.defaultdict(list)
    words: dict[str, set[str]] = {}
    for aid, keys in stories.items():
        words[aid] = set().union(*(_story_words(k) for k in keys))
        for k in keys:
            by_key[re.sub(r"^\d{4}-\d{2}\s+", "", k.lower()).strip()].append(aid)
    for same in by_key.values():
        for other in same[1:]:
            union(same[0], other)
    df = collections.Counter(w for ws in words.values() for w in ws)
    holders: dict[str, list[str]] = collections.defaultdict(list)
    for aid, ws in words.items():
        for w in ws:
            holders[w].append(aid)
    for aid, ws in words.items():
        for w in ws:
            if df[w] <= 12:
                for other in holders[w]:
                    if other != aid and len(ws & words[other]) >= 2:
                        union(aid, other)
    sh = {aid: _shingles(bodies[aid]) for aid in stories}
    by_month: dict[str, list[str]] = collections.defaultdict(list)
    for aid in sorted(stories):
        by_month[months[aid]].append(aid)
    for same in by_month.values():
        for a, b in itertools.combinations(same, 2):
            if sh[a] and sh[b] and len(sh[a] & sh[b]) / len(sh[a] | sh[b]) >= 0.3:
                union(a, b)
    # a group is named by its smallest article id, so that the names (and the split) do not depend on the
    # order in which sets were walked
    name: dict[str, str] = {}
    for aid in sorted(stories):
        name.setdefault(find(aid), aid)
    return {aid: name[find(aid)] for aid in stories}


def assign_splits(groups: dict[str, str], labels: dict[str, list[Any]], seed: int) -> dict[str, str]:
    """Whole groups to a split; the never-studied third gets about a third of the events and of the articles."""
    members: dict[str, list[str]] = collections.defaultdict(list)
    for aid, g in groups.items():
        members[g].append(aid)
    order = sorted(members)
    random.Random(seed).shuffle(order)  # noqa: S311 - a reproducible draw, not a secret
    events = {g: sum(len(labels[a]) for a in members[g]) for g in order}
    target_events, target_articles = sum(events.values()) / 3, len(groups) / 3
    held_events = held_articles = 0
    split: dict[str, str] = {}
    # groups with events first (a third of the events), then groups without (up to a third of the articles)
    for g in sorted(order, key=lambda g: events[g] == 0):
        if events[g]:
            take = held_events + events[g] <= target_events + 0.5
        else:
            take = held_articles + len(members[g]) <= target_articles
        for a in members[g]:
            split[a] = "never_studied" if take else "studied"
        if take:
            held_events += events[g]
            held_articles += len(members[g])
    return split


def build(work: Path, seed: int) -> dict[str, Any]:
    a, b = _load(work, "A"), _load(work, "B")
    adjudicated = json.loads((work / "adjudicated.json").read_text())["articles"]
    labels: dict[str, list[dict[str, Any]]] = {}
    for aid, v in a.items():
        mine = _keys(v["events"])
        if aid in b and _keys(b[aid]["events"]) != mine:
            mine = _keys(adjudicated[aid]["events"])  # every disagreement was adjudicated
        labels[aid] = mine
    stories = {aid: [a[aid]["story"]] + ([b[aid]["story"]] if aid in b else []) for aid in a}
    arts = {x["article_id"]: x for x in real_articles() if x["article_id"] in a}
    groups = group_stories(
        stories, {k: v["body"] for k, v in arts.items()}, {k: v["published_at"][:7] for k, v in arts.items()}
    )
    split = assign_splits(groups, labels, seed)
    uncertain = sorted(
        aid
        for aid, v in a.items()
        if labels[aid] and any(not e.get("sure", True) for e in v["events"] + b.get(aid, {}).get("events", []))
    )
    return {
        "schema": "dipevents-real/1",
        "what": "Real published news of ../shared/data/real labelled under docs/events.md; texts stay there. "
        "See tests/fixtures/real/README.md.",
        "matching": "events match on (event_type, set of ISO 3166-1 alpha-3 countries); [] = no event",
        "articles": dict(sorted(labels.items())),
        "stories": {aid: stories[aid][0] for aid in sorted(labels)},
        "split": dict(sorted(split.items())),
        "second_labelled": sorted(b),
        "adjudicated": sorted(adjudicated),
        "uncertain": uncertain,
    }


# -- use ----------------------------------------------------------------------------------------------------
def real_articles() -> list[dict[str, Any]]:
    if not (REAL / "to_articles.py").exists():
        raise SystemExit(f"{REAL} is absent: the real-copy set needs ../shared/data/real next to the checkout")
    out = subprocess.run(
        [sys.executable, str(REAL / "to_articles.py"), "all"], capture_output=True, text=True, check=True
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def load_split(split: str) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The articles of one split and their expected events."""
    data = json.loads(LABELS.read_text())
    ids = {aid for aid, s in data["split"].items() if s == split}
    arts = [a for a in real_articles() if a["article_id"] in ids]
    return arts, {aid: data["articles"][aid] for aid in ids}


def materialize(split: str, out: Path) -> None:
    arts, expected = load_split(split)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for art in arts:
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    (out / "expected.json").write_text(json.dumps({"articles": expected, "stories": [], "negatives": []}, indent=1))


def score(split: str) -> dict[str, Any]:
    """Article-level scores of the extractor on one split: totals only (never per article or story)."""
    from dipevents.evaluation import article_scores
    from dipevents.main import build_pipeline
    from dipevents.settings import Settings

    arts, expected = load_split(split)
    from dipevents.core.models import Article

    pipeline = build_pipeline(Settings())
    events = []
    for start in range(0, len(arts), 64):
        batch = [Article.model_validate(a) for a in arts[start : start + 64]]
        for evs in pipeline.process_all(batch):
            events += [e.model_dump(mode="json") for e in evs]
    s = article_scores(events, expected)
    types = sorted({*s.tp, *s.fp, *s.fn})
    tp, fp, fn = (sum(d.values()) for d in (s.tp, s.fp, s.fn))
    return {
        "split": split,
        "articles": len(arts),
        "with_events": sum(1 for v in expected.values() if v),
        "labels": sum(len(v) for v in expected.values()),
        "micro": _prf(tp, fp, fn),
        "per_type": {t: _prf(s.tp[t], s.fp[t], s.fn[t]) for t in types},
    }


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else None
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--work", type=Path, required=True, help="the labellers' output folder")
    # 12: the first seed of 1..300 whose never-studied part holds about a third of each type's labels (chosen on
    # label counts alone, before the extractor ever ran on the set)
    b.add_argument("--seed", type=int, default=12)
    m = sub.add_parser("materialize")
    m.add_argument("--split", choices=("studied",), required=True, help="the never-studied part is only scored")
    m.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("score")
    s.add_argument("--split", choices=SPLITS, required=True)
    args = ap.parse_args(argv)
    if args.cmd == "build":
        LABELS.parent.mkdir(parents=True, exist_ok=True)
        LABELS.write_text(json.dumps(build(args.work, args.seed), indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {LABELS}")
    elif args.cmd == "materialize":
        materialize(args.split, args.out)
    else:
        print(json.dumps(score(args.split), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
