"""summit.v1 — leaders of two or more states met or held talks (in person, by phone or by video).

Trigger: a meeting verb (met, hosted, received, welcomed, spoke, phoned...) or a meeting noun (talks,
meeting, summit, call, conversation, videoconference...) that is realis (not future, planned, conditional,
negated) and not a recalled past meeting. Participants: sitting leaders in the sentence, plural references
("the two leaders") resolved to the article's main meeting, a quoted "we". At least two states.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from service.core.extractors.base import (
    Candidate,
    SentenceView,
    event_date,
    is_background,
    is_irrealis,
    lemma,
    states_of,
)

_PHONE = re.compile(r"\b(?:tele)?phon\w*", re.IGNORECASE)
_VIDEO = re.compile(r"\bvideo\w*|\bvirtual(?:ly)?\b|\bteleconference\b|\bonline summit\b", re.IGNORECASE)


class SummitExtractor:
    name = "summit.v1"
    event_type = "summit"

    def extract(self, view: SentenceView) -> Iterator[Candidate]:
        kb = view.kb
        verbs = kb.words("summit", "verbs")
        nouns = kb.words("summit", "nouns")
        triggers: list[Token] = []
        for t in view.doc:
            lem = lemma(t)
            if t.pos_ in ("VERB",) and lem in verbs:
                if lem == "call" and any(c.dep_ == "prep" and c.lower_ in ("on", "for") for c in t.children):
                    continue
                if lem in kb.words("summit", "verb_requires_object") and not _has_person_object(t, view):
                    continue
                triggers.append(t)
            elif t.pos_ in ("NOUN", "PROPN") and (t.lower_ in nouns or lem in nouns):
                triggers.append(t)
        if not triggers:
            return
        realis = [t for t in triggers if not is_irrealis(t, kb)]
        if not realis:
            return
        trigger = realis[0]
        if is_background(view, trigger):
            return
        leaders = [a for a in view.actors if a.kind in ("leader", "plural_leaders", "we", "i")]
        states, used = states_of(view, leaders, leaders_only=True)
        if len(states) < 2:
            return
        # A plural reference alone ("the two leaders held talks") leans on the article's main meeting.
        explicit = sum(1 for a in used if a.kind == "leader")
        verb_trigger = trigger.pos_ == "VERB"
        confidence = 0.55 + 0.2 * verb_trigger + 0.1 * min(explicit, 2)
        fmt = "in_person"
        if _VIDEO.search(view.text):
            fmt = "video"
        elif _PHONE.search(view.text) or lemma(trigger) == "call":
            fmt = "phone"
        places = view.places()
        place = None
        if fmt == "in_person" and places:
            place = min(places, key=lambda p: abs(p[0] - trigger.idx))[1]
        yield Candidate(
            event_type=self.event_type,
            extractor=self.name,
            states=frozenset(states),
            sentence=view.sentence,
            actors=used,
            confidence=min(confidence, 0.95),
            event_date=event_date(view, trigger.idx),
            place=place,
            fields={"format": fmt},
        )


def _has_person_object(t: Token, view: SentenceView) -> bool:
    """'hosted Abe', 'received his counterpart', 'was received by Xi', 'welcomed the leaders of ...'."""
    for c in t.children:
        if c.dep_ in ("dobj", "nsubjpass", "agent", "prep", "dative", "attr", "oprd"):
            if any(a.kind in ("leader", "plural_leaders") for a in view.actors_of(c)):
                return True
    return False
