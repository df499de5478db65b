"""Pick the articles of ../shared/data/real that the labellers read: a wide keyword search, never the extractor.

An article is drawn when one of its sentences names a leader (a title of office or a leader's name from the
short list below) together with a trigger word of one of the three event types; the draw is stratified by
the kinds of trigger found (summit, instruction, consultation) so that the rarer types are well represented,
and random articles with no hit are added as negatives. Seeded: the same corpus gives the same draw.

    python3 tools/select_real.py --out /tmp/pool.jsonl [--n 320]

Prints a summary; writes the chosen Articles (JSON Lines, texts read from ../shared, never committed).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"

TITLES = (
    r"president|prime minister|premier|chancellor|king|queen|emir|sultan|crown prince|head of state|"
    r"heads of state|head of government|leaders?|general secretary|party chief|"
    r"taoiseach|shah|ayatollah|monarch|sheikh"
)
NAMES = (  # leaders much in the news of 1987 and 2019-2020 (a search aid, not the extractor's knowledge)
    r"reagan|gorbachev|nakasone|takeshita|thatcher|kohl|mitterrand|chirac|craxi|fanfani|goria|mulroney|hawke|"
    r"lange|gandhi|zia|aquino|suharto|chun|roh|deng|zhao|li peng|mubarak|assad|hussein|khomeini|shamir|peres|"
    r"arafat|botha|kaunda|mugabe|moi|alfonsin|sarney|de la madrid|arias|ortega|duarte|pinochet|garcia|"
    r"trump|biden|putin|medvedev|xi|li keqiang|abe|suga|moon|kim jong|merkel|macron|johnson|may|conte|"
    r"erdogan|modi|khan|rouhani|netanyahu|trudeau|morrison|ardern|bolsonaro|lopez obrador|maduro|guaido|"
    r"zelensky|lukashenko|duterte|jokowi|widodo|mahathir|lee hsien loong|prayut|ramaphosa|buhari|sisi|"
    r"salman|tamim|abiy|kenyatta|museveni|pashinyan|aliyev|tokayev|nazarbayev|mirziyoyev"
)
TRIGGERS = {
    "summit": r"\b(?:met|meet(?:s|ing|ings)?|talks|summit|conferred|phone[ds]?|telephone|call(?:ed)?|spoke|"
    r"visit(?:s|ed|ing)?|host(?:s|ed)?|received|welcomed|press conference|conversation|hand ?shake|shook hands)\b",
    "instruction": r"\b(?:instruct\w*|order(?:s|ed)?|direct(?:s|ed|ive)|task(?:s|ed)?|ask(?:s|ed)?|told|"
    r"mandat\w*|charg(?:ed|es)|commission(?:ed)?|authori[sz]ed|requested|called on|urged|empowered)\b",
}
# consultation agreements are often stated of states, not leaders: an agreeing word and a talks word suffice
_AGREE = re.compile(
    r"\b(?:agree\w*|decided|decision|accord|accepted|consent\w*|will (?:launch|resume|hold|open))\b", re.IGNORECASE
)
_TALKS = re.compile(
    r"\b(?:talks|consult\w*|negotiat\w*|dialogue|commission|mechanism|hotline|meet\w*|working group|"
    r"contacts|discussions|channel)\b",
    re.IGNORECASE,
)
_LEADER = re.compile(rf"\b(?:{TITLES}|{NAMES})\b", re.IGNORECASE)
_TRIG = {k: re.compile(v, re.IGNORECASE) for k, v in TRIGGERS.items()}
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])|\n+")


def kinds(body: str) -> dict[str, int]:
    """Sentences per kind: a leader with a meeting or an instruction word; an agreeing word with a talks word."""
    found = {"summit": 0, "instruction": 0, "consultation": 0}
    for s in _SENT.split(body):
        if _AGREE.search(s) and _TALKS.search(s):
            found["consultation"] += 1
        if not _LEADER.search(s):
            continue
        for k, rx in _TRIG.items():
            if rx.search(s):
                found[k] += 1
    return found


# Round 2: the first draw held ~5% articles with events (real wire copy is mostly markets and companies), so a
# second, narrower search takes every article not drawn yet with a sentence of one of these shapes.
_MEET = re.compile(
    r"\b(?:met|meets|meeting with|talks with|conferred|telephoned|phoned|spoke (?:by telephone |on the telephone )?"
    r"(?:with|to)|received|hosted|held talks|summit (?:with|talks)|press conference|shook hands)\b",
    re.IGNORECASE,
)
_ORDER = re.compile(
    r"\b(?:instruct\w*|order(?:s|ed)?|direct(?:s|ed)|task(?:s|ed)|asked|told|charged|mandated|authori[sz]ed)\b",
    re.IGNORECASE,
)
_BODY = re.compile(
    r"\b(?:minist\w+|department|agency|agencies|government|cabinet|negotiators?|officials|secretary|military|army|"
    r"navy|forces|troops|police|team|delegation|envoys?|representatives?|administration|pentagon|intelligence)\b",
    re.IGNORECASE,
)
_AGREED_TALKS = re.compile(
    r"\b(?:agreed|agree|agreement|decided|accord)\b[^.]{0,80}\b(?:talks|negotiations|consultations|dialogue|"
    r"commission|working group|mechanism|hotline|meetings?)\b",
    re.IGNORECASE,
)


def strong(body: str) -> bool:
    """Two leaders and a meeting word; a leader, an order word and a body; or an agreement to hold talks."""
    for s in _SENT.split(body):
        leaders = {m.group(0).lower() for m in _LEADER.finditer(s)}
        if len(leaders) >= 2 and _MEET.search(s):
            return True
        if leaders and _ORDER.search(s) and _BODY.search(s):
            return True
        if _AGREED_TALKS.search(s):
            return True
    return False


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--n", type=int, default=320)
    ap.add_argument("--seed", type=int, default=1987)
    ap.add_argument(
        "--round",
        type=int,
        choices=(1, 2, 3, 4),
        default=1,
        help="2: the narrower search, minus round 1; 3: every Wikinews article and every Reuters story with two or "
        "more hit sentences left after rounds 1 and 2; 4: every article with a hit left after rounds 1-3",
    )
    ap.add_argument("--max-words", type=int, default=2500)
    ap.add_argument("--negatives", type=int, default=30, help="random articles with no hit")
    args = ap.parse_args(argv)
    raw = subprocess.run(
        [sys.executable, str(SHARED / "to_articles.py"), "all"], capture_output=True, text=True, check=True
    ).stdout
    # very long pieces (campaign diaries, interviews of 3,000+ words) cost a labeller an hour each: left out
    arts = [a for line in raw.splitlines() if len((a := json.loads(line))["body"].split()) <= args.max_words]
    # the starter labels are the labellers' calibration set, shown to them with their labels: never drawn
    calibration = set(json.loads((SHARED / "labels-starter.json").read_text())["articles"])
    arts = [a for a in arts if a["article_id"] not in calibration]
    rng = random.Random(args.seed)  # noqa: S311 - a reproducible draw, not a secret
    if args.round >= 2:
        first = {a["article_id"] for a in _round_one(arts, args)}
        second = [a for a in arts if a["article_id"] not in first and strong(str(a["body"]))]
        chosen = second
        if args.round >= 3:
            # rounds 1 and 2 held ~5% articles with events: real wire copy is sparse in them, so the rest of
            # the likely part of the corpus is read in full
            done = first | {a["article_id"] for a in second}
            chosen = [
                a
                for a in arts
                if a["article_id"] not in done
                and (str(a["article_id"]).startswith("wn-") or sum(kinds(str(a["body"])).values()) >= 2)
            ]
        if args.round == 4:
            done |= {a["article_id"] for a in chosen}
            chosen = [a for a in arts if a["article_id"] not in done and any(kinds(str(a["body"])).values())]
        rng.shuffle(chosen)
        _write(args.out, chosen)
        print(f"round {args.round}: {len(chosen)} articles -> {args.out}", file=sys.stderr)
        return 0
    chosen = _round_one(arts, args)
    _write(args.out, chosen)
    print(f"round 1: {len(chosen)} chosen -> {args.out}", file=sys.stderr)
    return 0


def _write(path: str, chosen: list[dict[str, object]]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for a in chosen:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")


def _round_one(arts: list[dict[str, object]], args: argparse.Namespace) -> list[dict[str, object]]:
    rng = random.Random(args.seed)  # noqa: S311 - a reproducible draw, not a secret
    scored = [(a, kinds(str(a["body"]))) for a in arts]
    # a hit: a leader and a trigger of some kind in one sentence; the consultation class needs 'agree' words
    hits = [(a, k) for a, k in scored if any(k.values())]
    misses = [a for a, k in scored if not any(k.values())]
    # one draw per kind (an article can be in several pools; it is taken once), a quarter Wikinews where it has
    # them, weighted towards articles with more hit sentences so that the rare kinds are not drowned
    per_kind = (args.n - args.negatives) // 3
    chosen: list[dict[str, object]] = []
    taken: set[str] = set()
    for name in ("instruction", "consultation", "summit"):
        pool = [(a, k[name]) for a, k in hits if k[name] and a["article_id"] not in taken]
        wn = [x for x in pool if str(x[0]["article_id"]).startswith("wn-")]
        rt = [x for x in pool if not str(x[0]["article_id"]).startswith("wn-")]
        n_wn = min(len(wn), per_kind // 4)
        for group, n in ((wn, n_wn), (rt, per_kind - n_wn)):
            # weighted sampling without replacement (Efraimidis-Spirakis): key = u ** (1 / weight)
            keyed = sorted(group, key=lambda x: rng.random() ** (1 / min(x[1], 4)), reverse=True)
            for a, _ in keyed[:n]:
                chosen.append(a)
                taken.add(str(a["article_id"]))
        print(f"{name:13} pool {len(pool):5} (wikinews {len(wn):3})  drawn {per_kind}", file=sys.stderr)
    chosen += rng.sample(misses, args.negatives)
    rng.shuffle(chosen)
    return chosen


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
