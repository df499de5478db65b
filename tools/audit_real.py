"""A precision audit of the extractor on the real stream (../shared/data/real: 19,338 articles).

    .venv/bin/python tools/audit_real.py run --out DIR              # extract over the stream, draw the sample
    .venv/bin/python tools/audit_real.py run --out DIR --all        # the reviewer's run: never-studied ids too
    .venv/bin/python tools/audit_real.py score DIR/sample.jsonl     # precision with its 95% interval, by class

`run` feeds every real article to `dipevents extract` (the command users run), without the never-studied
split of tests/fixtures/real unless `--all` is given: an engineer must never see the extractor's output on
those articles, an independent reviewer may. It writes DIR/events.jsonl (every event), DIR/sample.jsonl
(every event, or a random --size of them when there are more, seeded) and DIR/sample.md, a sheet to read: each
event with its states, actors, date, place and every mention sentence, the article's title and url (the
reviewer reads the article itself: `python3 ../shared/data/real/to_articles.py all` prints it), and blank
`verdict` (right | wrong) and `class` fields. The reviewer fills those in sample.jsonl against
../shared/EVENTS.md; `score` reads them back and prints the precision with its Wilson 95% interval and the
count of each class of false event.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

from realset import LABELS, real_articles  # noqa: E402 - the tools folder is not a package

VERDICTS = ("right", "wrong")


def never_studied() -> set[str]:
    split: dict[str, str] = json.loads(LABELS.read_text())["split"]
    return {aid for aid, s in split.items() if s == "never_studied"}


def extract(articles: list[dict[str, Any]], out: Path) -> tuple[list[dict[str, Any]], float]:
    """Events of `dipevents extract` over the articles (one record per event and article, as the CLI prints)."""
    src = out / "articles.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    cli = Path(sys.executable).parent / "dipevents"
    start = time.perf_counter()
    done = subprocess.run([str(cli), "extract", str(src)], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    src.unlink()  # the texts stay in ../shared
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()], seconds


def draw(events: list[dict[str, Any]], size: int, seed: int) -> list[dict[str, Any]]:
    """Every event, or a seeded random `size` of them, in event order."""
    if len(events) <= size:
        return list(events)
    picked = sorted(random.Random(seed).sample(range(len(events)), size))  # noqa: S311 - a reproducible draw
    return [events[i] for i in picked]


def _actor(a: dict[str, Any]) -> str:
    return f"{a['name']} ({a.get('role')}, {a.get('country')})"


def sheet(sample: list[dict[str, Any]], titles: dict[str, tuple[str | None, str | None]], header: str) -> str:
    lines = [f"# Real-stream precision audit\n\n{header}\n"]
    for n, e in enumerate(sample, 1):
        aid = e["mentions"][0]["article_id"] if e["mentions"] else "?"
        place = e.get("location") or {}
        title, url = titles.get(aid, (None, None))
        lines.append(
            f"## {n}. {e['event_type']} {', '.join(e['countries'])} — {aid}\n"
            f"title: {title or '(none)'}  url: {url or '(none)'}  \n"
            f"date: {e.get('event_date')}  place: {place.get('name')} ({place.get('country')})  \n"
            f"actors: {'; '.join(_actor(a) for a in e['actors'])}\n"
        )
        lines += [f"> {m['sentence']}\n" for m in e["mentions"]]
        lines.append("verdict: ____  class: ____\n")
    return "\n".join(lines)


def run(out: Path, include_all: bool, size: int, seed: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    arts = real_articles()
    hidden = set() if include_all else never_studied()
    kept = [a for a in arts if a["article_id"] not in hidden]
    events, seconds = extract(kept, out)
    with (out / "events.jsonl").open("w", encoding="utf-8") as fh:
        for e in events:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    sample = draw(events, size, seed)
    with (out / "sample.jsonl").open("w", encoding="utf-8") as fh:
        for e in sample:
            fh.write(json.dumps({**e, "verdict": None, "class": None}, ensure_ascii=False) + "\n")
    header = (
        f"{len(kept)} articles ({'all' if include_all else f'{len(hidden)} never-studied articles left out'}), "
        f"{len(events)} events in {seconds:.0f} s; {len(sample)} drawn (seed {seed}). Judge each against "
        "../shared/EVENTS.md: right = that type of event, between exactly those states, is stated as having "
        "happened in the article; otherwise wrong, with a short class (tense, not a leader, wrong state, ...)."
    )
    titles = {a["article_id"]: (a.get("title"), a.get("url")) for a in kept}  # the reviewer reads the whole article
    (out / "sample.md").write_text(sheet(sample, titles, header), encoding="utf-8")
    print(
        json.dumps({"articles": len(kept), "events": len(events), "seconds": round(seconds, 1), "drawn": len(sample)})
    )


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion k/n (95% for z = 1.96)."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def score(sample: Path) -> dict[str, Any]:
    rows = [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    judged = [r for r in rows if r.get("verdict") in VERDICTS]
    right = sum(1 for r in judged if r["verdict"] == "right")
    lo, hi = wilson(right, len(judged))
    classes = collections.Counter(r.get("class") or "unclassified" for r in judged if r["verdict"] == "wrong")
    return {
        "events": len(rows),
        "judged": len(judged),
        "right": right,
        "precision": round(right / len(judged), 3) if judged else None,
        "interval95": [round(lo, 3), round(hi, 3)],
        "wrong_by_class": dict(classes.most_common()),
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("--all", action="store_true", help="keep the never-studied articles (an independent reviewer)")
    r.add_argument("--size", type=int, default=150, help="events drawn when there are more (default 150)")
    r.add_argument("--seed", type=int, default=1)
    s = sub.add_parser("score")
    s.add_argument("sample", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "run":
        run(args.out, args.all, args.size, args.seed)
    else:
        print(json.dumps(score(args.sample), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
