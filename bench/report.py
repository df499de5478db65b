"""One run's results as markdown: the sides side by side, Kafka, goals. Printed by `make bench`, written next
to the results JSON, and copied into docs/benchmarks.md by `make bench-record` (bench.record).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench.sides import SIDES


def _ms(v: float | None) -> str:
    return "–" if v is None else f"{v * 1000:.0f}"


def f1_cell(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3f}"


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def sides_table(res: dict[str, Any]) -> str:
    """Rows: what was measured; columns: the sides, then ours / naive."""
    sides = res["sides"]
    names = [s for s in SIDES if s in sides]
    wl = res["workloads"]
    lines = [_row(["", *(SIDES[s] for s in names), "ours / naive"]), "|" + "---|" * (len(names) + 2)]

    def add(label: str, cell: Callable[[dict[str, Any]], str], ratio: str = "") -> None:
        lines.append(_row([label, *(cell(sides[s]) for s in names), ratio]))

    def rate(where: str) -> Callable[[dict[str, Any]], str]:
        def cell(side: dict[str, Any]) -> str:
            block = side[where] if where in side else side["workloads"][where]
            return f"{block['articles_per_cpu_s']:.1f} ({block['articles_per_s']:.1f})"

        return cell

    def ratio(where: str) -> str:
        r = res["ratios"].get(where)
        return f"x{r:.2f}" if r else "–"

    def found(side: dict[str, Any]) -> str:
        b = side["workloads"]["mixed"]
        return f"{b['events']} in {b['articles_with_events']} articles"

    def parsed(where: str) -> Callable[[dict[str, Any]], str]:
        def cell(side: dict[str, Any]) -> str:
            b = side["heldout"] if where == "heldout" else side["workloads"][where]
            return _pct(b["parsed"], b["sentences"]) if "parsed" in b else "whole text"

        return cell

    d, m = wl["diplomatic"], wl["mixed"]
    real = "real stream" if m["source"] != "synthetic" else "mixed stream"
    add(
        f"(a) {d['label']} (~{d['mean_words']:.0f} words): articles/CPU-s (/s)", rate("diplomatic"), ratio("diplomatic")
    )
    add(f"(b) {real}: {m['label']} (~{m['mean_words']:.0f} words): articles/CPU-s (/s)", rate("mixed"), ratio("mixed"))
    add(f"(b) {real}: events found", found)
    add(f"(b) {real}: sentences parsed", parsed("mixed"))
    h = sides[names[-1]]["heldout"]
    add(f"held-out ({h['articles']} articles): articles/CPU-s (/s)", rate("heldout"), ratio("heldout"))
    add("held-out: micro-F1", lambda s: f1_cell(s["heldout"]["micro_f1"]))

    def type_f1(t: str, where: str = "heldout") -> Callable[[dict[str, Any]], str]:
        return lambda side: f1_cell(side[where]["per_type_f1"].get(t))

    for t in h["per_type_f1"]:
        add(f"held-out: F1 {t}", type_f1(t))
    scored_real = res.get("real_labelled")
    if scored_real:
        what = f"real copy, labelled ({scored_real['articles']} articles, {scored_real['with_events']} with events)"
        add(f"{what}: articles/CPU-s (/s)", rate("real_labelled"), ratio("real_labelled"))
        add("real copy, labelled: micro-F1", lambda s: f1_cell(s["real_labelled"]["micro_f1"]))
        for t in h["per_type_f1"]:
            add(f"real copy, labelled: F1 {t}", type_f1(t, "real_labelled"))
    add("peak RSS, MB", lambda s: f"{s['rss']['peak_mb']:.0f}")
    return "\n".join(lines)


def kafka_table(res: dict[str, Any]) -> str:
    k = res.get("kafka")
    if not k:
        return ""
    one, sx, sw = k["backlog_1_worker"], k["steady_70pct"], k["steady_70pct_of_worker"]

    def c2p(run: dict[str, Any]) -> str:
        hist = run.get("consume_to_publish_hist") or {}
        return f"{_ms(hist.get('p99_s'))} (n={hist.get('count', 0)})"

    def e2e(run: dict[str, Any]) -> str:
        lat = run.get("produce_to_state_s") or {}
        return f"{_ms(lat.get('p99'))} (n={lat.get('n', 0)})"

    share = f"{100 * k['kafka_vs_extraction']:.0f}%" if k.get("kafka_vs_extraction") else "–"
    share_cpu = f"{100 * k['kafka_vs_extraction_cpu']:.0f}%" if k.get("kafka_vs_extraction_cpu") else "–"
    rows = [
        ("articles per run (mixed stream)", str(one["articles"])),
        (
            "one worker, backlog: articles/s",
            f"{one['articles_per_s']:.1f} ({share} of extraction-only; {share_cpu} per CPU-s)",
        ),
        (
            "consume-to-publish p99, ms (events), at 70% of extraction-only / of the worker's capacity",
            f"{c2p(sx)} / {c2p(sw)}",
        ),
        ("produce to state topic p99, ms (articles), same two runs", f"{e2e(sx)} / {e2e(sw)}"),
        ("two workers / one, backlog", f"x{k['two_workers_ratio']:.2f}" if k.get("two_workers_ratio") else "–"),
    ]
    return "\n".join(["| through Kafka (ours) | |", "|---|---|", *(_row([a, b]) for a, b in rows)])


def goals_table(res: dict[str, Any]) -> str:
    lines = ["| goal | target | value | met |", "|---|---|---|---|"]
    for g in res["goals"].values():
        met = "n/a" if g["met"] is None else "yes" if g["met"] else "no"
        lines.append(_row([g["what"], g["target"], "–" if g["value"] is None else str(g["value"]), met]))
    return "\n".join(lines)


def heading(res: dict[str, Any]) -> str:
    m = res["machine"]
    return (
        f"{res['date']}, {res['commit']}, {m['nproc']} × {m['cpu']}, {m['ram_gb']} GB, "
        f"load {res['loadavg_1m']['start']}→{res['loadavg_1m']['end']}"
    )


def run_markdown(res: dict[str, Any]) -> str:
    parts = [
        f"Run {heading(res)}. Rates: articles per CPU-second of the side's process (wall-clock articles/s in "
        "parentheses).",
        sides_table(res),
        kafka_table(res),
        goals_table(res),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"
