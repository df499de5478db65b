"""Article hygiene: find the real article text inside a wire body.

Datelines ("MOSCOW, April 29 (Interfax) -"), bylines, repeated headlines, credit lines ("Source: RIA, Interfax")
and trailing boilerplate ("You might also like", "Latest news", "(END)") are recognised and masked, so they
never produce actors or events. Sentences keep their character offsets into the original body.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dipevents.core.calendar_words import MONTH_ABBREVIATIONS, MONTH_STEM_PATTERN

_MONTH = rf"(?:{MONTH_STEM_PATTERN})[a-z]*\.?"
# "PLACE[, REGION][, Month D[/YYYY]] (AGENCY) -", "PLACE, Month D. /AGENCY/.", "PLACE, REGION -" (caps place)
_DATELINE_AGENCY = re.compile(
    r"^(?P<head>[A-Z][^()\n]{1,80}?)\s*(?:\((?P<agency>[^()\n]{2,40})\)|/(?P<agency2>[A-Za-z][\w\- ]{1,20})/)"
    r"\s*(?P<sep>[-–—]{1,2}|\.-|:|\.)?(?:\s+|$)"
)
_DATELINE_CAPS = re.compile(
    rf"^(?P<head>[A-Z][A-Z'’.\- ]{{2,30}}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?(?:,\s*{_MONTH}\s+\d{{1,2}})?)"
    r"(?:\s+(?P<agency>[A-Z][\w\-]{1,15}))?\s+[-–—]{1,2}\s+"
)
# "(Buenos Aires) — Chinese and ...", "(Bloomberg) -- The leaders ...": a bracketed place or agency opening the copy;
# which of the two it is, is the knowledge base's to say (`known_place`): a bracket it does not know as a place
# is the agency's name ("(Reuters) - ...")
_DATELINE_BRACKETED = re.compile(r"^\((?P<head>[A-Z][^()\n]{1,40})\)\s*[-–—]{1,2}\s+")
_HEAD_DATE = re.compile(rf"[,.]?\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:/\d{{4}}|,\s*\d{{4}})?)\.?$")
_CREDIT = re.compile(r"^\s*(?:sources?|credits?|via)\s*:\s*(?P<list>.{2,200})$", re.IGNORECASE)
_FOOTER_START = re.compile(
    r"^\s*(?:you (?:might|may) also like|related(?: news| stories| articles| content)?\s*:?$|latest news|"
    r"read more|more (?:news|stories)|see also|recommended|most read|share this|follow us|tags?\s*:|"
    r"\(end\)|\(\s*[a-z]{2,5}\s*/\s*[a-z]{2,5}\s*\)$|©|copyright\b)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*(?:by|reporting by|writing by|editing by)\s+[A-Z][\w.'’\- ]{1,60}(?:;.*)?$", re.IGNORECASE)
_INITIALS = re.compile(r"^\s*(?:[A-Z]\.?){1,4}(?:\s*/\s*(?:[A-Z]\.?){1,4})*\s*$")
# Sentence ends at . ! ? (optionally closed by a quote/bracket) followed by space and an upper-case start.
_SENT_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREV = MONTH_ABBREVIATIONS | frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "md",
        "gen",
        "lt",
        "col",
        "sen",
        "rep",
        "gov",
        "jr",
        "sr",
        "no",
        "inc",
        "corp",
        "co",
        "ltd",
        "vs",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "p.m",
        "a.m",
        "mt",
        "ft",
        "rev",
        "prof",
        "capt",
        "maj",
        "sgt",
        "adm",
        "cmdr",
        "gov",
        "pres",
        "messrs",
        "hon",
        "est",
        "approx",
        "dept",
        "univ",
        "ave",
        "blvd",
    ]
)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Dateline:
    place: str | None  # None: the copy opens with an agency's bracket and no place ("(Reuters) - ...")
    date_text: str | None
    agency: str | None


@dataclass(frozen=True)
class CleanArticle:
    sentences: list[Sentence]
    dateline: Dateline | None = None
    credits: list[str] = field(default_factory=list)


def normalize(body: str, title: str | None = None, known_place: Callable[[str], bool] | None = None) -> CleanArticle:
    """The article's sentences, its dateline and credits. `known_place` says whether a bracketed opening
    ("(Buenos Aires) - ", "(Reuters) - ") names a place; without it every bracket is taken for one."""
    paragraphs = _paragraphs(body)
    credits: list[str] = []
    kept: list[tuple[int, str]] = []
    for start, text in paragraphs:
        credit = _CREDIT.match(text)
        if credit:
            credits.extend(c.strip() for c in re.split(r"[,;/]| and ", credit.group("list")) if c.strip())
            continue
        if _FOOTER_START.match(text):
            break  # everything after a footer marker is page furniture
        if _BYLINE.match(text) or _INITIALS.match(text):
            continue
        kept.append((start, text))
    # A first paragraph that repeats the headline is not article text.
    if kept and title and _squash(kept[0][1]) == _squash(title):
        kept = kept[1:]
    dateline: Dateline | None = None
    if kept:
        dateline, rest = _dateline(kept[0][1], known_place)
        if dateline is not None:
            first_start, first = kept[0]
            kept = kept[1:] if not rest else [(first_start + len(first) - len(rest), rest), *kept[1:]]
    sentences: list[Sentence] = []
    for p_index, (start, text) in enumerate(kept):
        sentences.extend(_split(text, start, p_index))
    return CleanArticle(sentences=sentences, dateline=dateline, credits=credits)


def _dateline(text: str, known_place: Callable[[str], bool] | None = None) -> tuple[Dateline | None, str]:
    """Split a leading dateline off the first paragraph; returns (dateline, remaining text)."""
    bracketed = _DATELINE_BRACKETED.match(text)
    if bracketed:
        head, rest = bracketed.group("head").strip(), text[bracketed.end() :]
        inner, after = _dateline(rest)  # "(ANSA) - ROME, JUN 15 - ...": the agency's, then the place's
        if inner is not None:
            return Dateline(place=inner.place, date_text=inner.date_text, agency=inner.agency or head), after
        if known_place is None or known_place(head):
            return Dateline(place=head, date_text=None, agency=None), rest
        return Dateline(place=None, date_text=None, agency=head), rest
    m = _DATELINE_AGENCY.match(text)
    if m:
        head = m.group("head").strip()
        has_date = _HEAD_DATE.search(head) is not None
        if not (m.group("sep") or has_date or head.isupper() or m.group("agency2")):
            m = None
    else:
        m = _DATELINE_CAPS.match(text)
    if not m:
        return None, text
    head = m.group("head").strip()
    dm = _HEAD_DATE.search(head)
    place = (head[: dm.start()] if dm else head).strip(" ,.")
    agency = m.groupdict().get("agency") or m.groupdict().get("agency2")
    return Dateline(place=place, date_text=dm.group("date") if dm else None, agency=agency), text[m.end() :]


def _squash(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def _paragraphs(body: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"[^\n]+", body):
        text = m.group(0)
        stripped = text.strip()
        if stripped:
            out.append((m.start() + (len(text) - len(text.lstrip())), stripped))
    return out


def _split(text: str, offset: int, paragraph: int) -> list[Sentence]:
    out: list[Sentence] = []
    begin = 0
    for m in _SENT_END.finditer(text):
        before = text[max(begin, m.start() - 40) : m.start()]  # the last word is all we need: stay linear
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        word = last.rstrip(".!?\"”’')]").lower().rsplit("-", 1)[-1]  # "China-U.S. Strategic": the abbreviation
        if word in _ABBREV or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word):
            continue  # "U.S. President", "F.W. de Klerk", "Aug. 18": not a sentence end
        out.append(_sentence(text, begin, m.start(), offset, paragraph))
        begin = m.end()
    if begin < len(text):
        out.append(_sentence(text, begin, len(text), offset, paragraph))
    return [s for s in out if s.text]


def _sentence(text: str, begin: int, end: int, offset: int, paragraph: int) -> Sentence:
    # keep a closing quote that belongs to the sentence
    while end < len(text) and text[end] in "\"”’')]":
        end += 1
    chunk = text[begin:end]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    return Sentence(
        text=chunk, start=offset + begin + lead, end=offset + begin + lead + len(chunk), paragraph=paragraph
    )
