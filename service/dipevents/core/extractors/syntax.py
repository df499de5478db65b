"""Where a token sits in its sentence's parse: its lemma, the chain of heads up to its clause's root, the
tokens of its clause, what can date it (its temporal scope, never a 'since ...' contrast), its subjects and the
agents of a passive. Pure functions over spaCy tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dipevents.core.calendar_words import CALENDAR_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token


def lemma(t: Token) -> str:
    """The token's lemma, lower-case (as the lexicons spell them)."""
    return str(t.lemma_).lower()


def verb_in(v: Token, words: frozenset[str]) -> bool:
    """`v` is an entry of a verb list, a phrasal entry with its particle ('take up', 'put off') included: the
    verb's, or one the parser hung off its object ('take the question up')."""
    objects = [c for c in v.children if c.dep_ == "dobj"]
    particles = [c for x in (v, *objects) for c in x.children if c.dep_ == "prt"]
    return lemma(v) in words or any(f"{lemma(v)} {c.lower_}" in words for c in particles)


_SUBCLAUSE_DEPS = ("advcl", "relcl", "ccomp", "parataxis", "acl", "csubj")


def _is_purpose_infinitive(t: Token) -> bool:
    return t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def governing_chain(t: Token, limit: int = 8) -> list[Token]:
    """t and the tokens above it, up to its clause's root verb. A purpose infinitive ("travel ... to meet")
    belongs to the clause it serves, so the chain goes on through it."""
    chain = [t]
    cur = t
    for _ in range(limit):
        if cur.head.i == cur.i:
            break
        if cur.dep_ in _SUBCLAUSE_DEPS and cur.pos_ in ("VERB", "AUX") and not _is_purpose_infinitive(cur):
            break
        cur = cur.head
        chain.append(cur)
    return chain


def own_clause_conjunct(t: Token) -> bool:
    """A conjunct verb with its own subject or auxiliary, or in a past tense of its own ('pledged to turn the page as
    Erdogan made his first visit', parsed as 'pledged ... made'), is a clause of its own: the verb before it does
    not qualify it, nor lend it its modal ('will hold meetings ... and open talks' shares 'will'; '... and could open
    talks' does not). An infinitive's 'to' is no auxiliary of its own ('scheduled to attend ... and to hold talks')."""
    return t.dep_ == "conj" and (
        t.tag_ == "VBD"
        or any(
            c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ in ("aux", "auxpass") and c.tag_ != "TO") for c in t.children
        )
    )


def clause_root(t: Token) -> Token:
    """The verb that heads t's clause."""
    return governing_chain(t)[-1]


def clause_tokens(t: Token) -> list[Token]:
    """The tokens of t's clause: the root's subtree without other clauses hanging off it; for a relative
    clause ("Biden, who met Xi on Monday, said"), its antecedent too."""
    root = clause_root(t)
    own = set(t.subtree)  # the trigger's own modifiers always count ("talks hosted by Erdogan")
    out: set[Token] = set(own)
    stack = [root]
    while stack:
        tok = stack.pop()
        out.add(tok)
        for c in tok.children:
            if c in own:
                continue
            if (
                c.dep_ in _SUBCLAUSE_DEPS
                and c.pos_ in ("VERB", "AUX")
                and t not in c.subtree
                and not _is_purpose_infinitive(c)
            ):
                continue
            if is_since_contrast(c):
                continue  # "their first meeting since the Camp David summit": dates the contrast, not the event
            stack.append(c)
    # A relative clause ("Biden, who met Xi on Monday, said"), or a finite predicate the parser hung off its
    # subject as a participle ("Tebboune, Saied and Menfi, held on Monday the first meeting": a passive
    # participle takes no direct object, so one with a dobj is the sentence's verb).
    predicate_as_participle = root.dep_ == "acl" and any(c.dep_ == "dobj" for c in root.children)
    # ... or a subjectless adverbial clause hung off the subject phrase ("The President ..., in his capacity
    # as ..., hosted ..."): the whole noun phrase above it is its subject
    clause_off_subject_phrase = (
        root.dep_ == "advcl"
        and root.head.pos_ not in ("VERB", "AUX")
        and (
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children)
            # "in his capacity as Champion ... hosted": the role phrase was taken for the subject
            or any(c.dep_ == "mark" and c.lower_ == "as" for c in root.children)
        )
    )
    if clause_off_subject_phrase:
        top = root.head
        while top.head.i != top.i and top.head.pos_ not in ("VERB", "AUX"):
            top = top.head
        inner = set(root.subtree)
        out.update(x for x in top.subtree if x not in inner)
    if root.dep_ == "relcl" or predicate_as_participle:
        antecedent = root.head
        while antecedent.dep_ == "conj" and antecedent.head.i != antecedent.i:
            antecedent = antecedent.head  # "Putin and Biden, who held talks": both
        inner = set(root.subtree)
        out.update(x for x in antecedent.subtree if x not in inner)
    return sorted(out, key=lambda x: x.i)


def is_since_contrast(c: Token) -> bool:
    """'since taking office in December', 'since the Camp David summit': a contrast, not the event's date."""
    return c.lower_ == "since" or any(m.dep_ in ("mark", "prep") and m.lower_ == "since" for m in c.children)


def subtree_without_since(tok: Token, *, relative: bool = True) -> list[Token]:
    """tok's subtree without its 'since ...' branches (and without clauses describing a noun, unless `relative`)."""
    out, stack = [], [tok]
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(c for c in x.children if not is_since_contrast(c) and (relative or not _describes_noun(c)))
    return out


def _describes_noun(c: Token) -> bool:
    """A relative clause, or a clause of a noun with a subject of its own ('the report that X will present on
    Monday', which the parser hangs as acl): it tells its noun's time, not the time of the phrase around it."""
    return c.dep_ == "relcl" or (c.dep_ == "acl" and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children))


def temporal_scope(t: Token, *, relative: bool = True) -> list[Token]:
    """Tokens that can date or qualify the trigger itself: a noun trigger's own phrase, and the adverbials
    and prepositional phrases of the trigger and the verbs above it (not those of other noun phrases),
    never the 'since ...' contrast. Without `relative`, the relative clauses inside those phrases are left out
    ('tasked them with a review of the pact, which took effect in 2015': the pact's date, not the order's)."""
    out: set[Token] = set(subtree_without_since(t)) if t.pos_ in ("NOUN", "PROPN") else {t}
    chain = governing_chain(t)
    for i, tok in enumerate(chain):
        below = chain[i - 1] if i else None
        for c in tok.children:
            if (
                (below is None or c.i != below.i)
                and c.dep_ in ("prep", "npadvmod", "advmod", "tmod", "nmod", "advcl", "neg", "aux")
                and not is_since_contrast(c)
                and not _trailing_passive_participle(c, tok)
            ):
                # "held talks on Tuesday, an upgrade of the commission that had met since 1995": a noun set off
                # as an apposition of the clause is described by its relative clause, which dates the noun only
                apposed = c.dep_ == "npadvmod" and c.pos_ == "NOUN" and c.i > tok.i and _comma_before(c)
                out.update(subtree_without_since(c, relative=relative and not apposed))
        out.add(tok)
    return sorted(out, key=lambda x: x.i)


def _comma_before(c: Token) -> bool:
    """Is the phrase of `c` set off by a comma right before it?"""
    first = c.left_edge
    return first.i > 0 and str(c.doc[first.i - 1].text) == ","


def _trailing_passive_participle(c: Token, head: Token) -> bool:
    """'agreed to convene the council, chaired by the heads of government, in March': a passive participle with
    its agent, after the verb and with no subject or auxiliary of its own, describes the noun before it (a reduced
    relative the parser hung off the verb), so its times are not the verb's."""
    return (
        c.dep_ == "advcl"
        and c.tag_ == "VBN"
        and c.i > head.i
        and any(x.dep_ == "agent" for x in c.children)
        and not any(x.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for x in c.children)
    )


def subjects(t: Token) -> list[Token]:
    """Subject tokens of t, inherited through xcomp/conj chains ('X and Y agreed to instruct ...')."""
    cur: Token | None = t
    for _ in range(4):
        if cur is None:
            break
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subj:
            return subj
        if _subject_controlled_gerund(cur):
            cur = cur.head.head  # "ended the summit by ordering their ministers to": the gerund's doer is the verb's
        elif cur.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    if cur is not None and cur.tag_ in ("VBD", "VBZ", "VBP"):
        named = (
            _name_in_fronted_adverbial(cur) or _subject_before_attribution(cur) or _subject_of_fronted_participle(cur)
        )
        if named:
            return named
    if cur is not None and (cur.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "auxpass" for c in cur.children)):
        named = subject_taken_for_apposition(cur)
        if named:
            return named
    if misparsed_past(t):
        # "Mbeki tasked Foreign Minister X with ...": the name before the verb, taken for its modifier
        return [c for c in t.children if c.dep_ in ("npadvmod", "nmod", "compound") and c.i < t.i]
    return []


# prepositions whose gerund is done by the subject of the verb they hang off ("ended the talks by ordering",
# "after meeting"), unlike "thanked X for meeting", "accused X of ordering", where the object does it
_SUBJECT_GERUND_PREPS = frozenset({"by", "after", "before", "upon", "while", "without"})


def _subject_controlled_gerund(t: Token) -> bool:
    return (
        t.dep_ == "pcomp"
        and t.tag_ == "VBG"
        and t.head.dep_ == "prep"
        and t.head.lower_ in _SUBJECT_GERUND_PREPS
        and t.head.head.pos_ in ("VERB", "AUX")
    )


def _subject_before_attribution(verb: Token) -> list[Token]:
    """'The two leaders, a statement from the presidency said, directed ...': an attribution set in between took
    the subject for its own, with its real speaker in apposition; the subject is the verb's."""
    return [
        s
        for p in verb.children
        if p.dep_ == "parataxis" and p.i < verb.i
        for s in p.children
        if s.dep_ == "nsubj" and s.i < p.i and any(a.dep_ == "appos" and a.i > s.i for a in s.children)
    ]


def subject_taken_for_apposition(verb: Token) -> list[Token]:
    """'According to the communique, Secretary X and Representative Y were instructed by ...': a subjectless
    verb whose fronted phrase ends, right before the verb's auxiliaries, in an apposition took its subject for
    that apposition (a real one is followed by the clause's own subject)."""
    first = min([verb.i, *(c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i)])
    for c in verb.children:
        if c.i > verb.i or c.dep_ not in ("prep", "advmod", "npadvmod", "advcl"):
            continue
        for x in c.subtree:
            if x.dep_ == "appos" and x.right_edge.i == first - 1 and x.pos_ in ("PROPN", "NOUN"):
                return [x]
    return []


def _subject_of_fronted_participle(verb: Token) -> list[Token]:
    """'X and Y, wrapping up a two-day summit, directed ...': a participle set in between took the subject for its
    own; a participle clause has no subject of its own, so the subject is the finite verb's."""
    return [
        s
        for p in verb.children
        if p.dep_ in ("ccomp", "advcl") and p.tag_ == "VBG" and p.i < verb.i
        for s in p.children
        if s.dep_ == "nsubj" and s.i < p.i
    ]


def _name_in_fronted_adverbial(verb: Token) -> list[Token]:
    """'Earlier in the day Kuchma ordered ...': a subjectless finite verb whose fronted time phrase took the name
    right after it as an apposition (one set off by no comma is no apposition), or as its object with the day as
    a part of the name ('Late on Thursday Boric, speaking from Madrid, instructed')."""
    for c in verb.children:
        if c.i > verb.i or c.dep_ not in ("advmod", "prep", "npadvmod"):
            continue
        for x in c.subtree:
            if x.pos_ != "PROPN":
                continue
            if (
                x.dep_ == "appos"
                and x.head.pos_ == "NOUN"
                and not any(y.is_punct for y in x.doc[x.head.i + 1 : x.left_edge.i])
            ):
                return [x]
            if x.dep_ == "pobj" and any(d.dep_ == "compound" and d.lower_ in CALENDAR_WORDS for d in x.children):
                return [x]  # "Late on Thursday Boric, ...": the day taken for part of the name
    return []


def misparsed_past(t: Token) -> bool:
    """A past-tense verb the parser hung as an adjective on the noun after it ('Mbeki tasked Foreign Minister X'):
    a modifier is never in the simple past, so the noun is its object and the name before it its subject."""
    return bool(t.dep_ == "amod" and t.tag_ == "VBD" and t.head.i > t.i)


_RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})


def relative_antecedent(x: Token) -> Token | None:
    """The noun a relative pronoun stands for: the head of the relative clause it sits in ('Biden, who ordered',
    'it was Biden who ordered', 'the committee, which she told to' even where the parser hung 'which' off the
    infinitive); None for any other word."""
    if x.tag_ not in ("WP", "WDT") or x.lower_ not in _RELATIVE_PRONOUNS:
        return None
    cur = x
    for _ in range(4):
        if cur.dep_ == "relcl":
            return cur.head
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return None


def phrase_without_relative(x: Token) -> list[Token]:
    """x's phrase without its relative and participle clauses: what names the antecedent, not what the clause
    says of it ('Kuchma, speaking from Brazil,' names no Brazilian)."""
    inner = {
        y.i
        for c in x.children
        if c.dep_ == "relcl" or (c.dep_ == "acl" and c.i > x.i and c.tag_ in ("VBG", "VBN"))
        for y in c.subtree
    }
    return [y for y in x.subtree if y.i not in inner]


def agents(t: Token) -> list[Token]:
    """'by X' of a passive verb (the parser sometimes labels it a plain preposition; a perfect's participle is
    active: 'By Thursday, he had given the government two weeks')."""
    perfect = any(c.dep_ == "aux" and lemma(c) == "have" for c in t.children)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children) or (t.tag_ == "VBN" and not perfect)
    return [
        g
        for c in t.children
        if c.dep_ == "agent" or (passive and c.dep_ == "prep" and c.lower_ == "by")
        for g in c.children
        if g.dep_ == "pobj"
    ]


def compound_in(x: Token, words: frozenset[str]) -> bool:
    """Entries of two words or more of a lexicon list headed by `x`, its modifiers right before it: 'working
    group', 'army chief', 'air force chief', 'national security adviser'."""
    mods = [c for c in x.children if c.dep_ in ("compound", "amod") and c.i < x.i]
    if not mods:
        return False
    left = max(min(c.left_edge.i for c in mods), x.i - 3)
    before = [t.lower_ for t in x.doc[left : x.i]]
    # "coast guards", "air forces": the plural of an entry listed in the singular
    heads = {x.lower_, lemma(x)}
    return any(" ".join([*before[k:], h]) in words for k in range(len(before)) for h in heads)


def is_word_of(x: Token, words: frozenset[str]) -> bool:
    """`x` is an entry of a lexicon list: by lemma, by form, or as the head of a two-word entry."""
    return lemma(x) in words or x.lower_ in words or compound_in(x, words)


def is_name_word(x: Token) -> bool:
    """A word of a person's name: a proper noun, or the lower-case tail of a hyphenated given name ('Choi
    Ho-joong', 'Ban Ki-moon'), which the tagger takes for a common noun."""
    if x.pos_ == "PROPN":
        return True
    if x.i < 2 or not x.is_lower:
        return False
    hyphen, before = x.doc[x.i - 1], x.doc[x.i - 2]
    return hyphen.tag_ == "HYPH" and not hyphen.whitespace_ and not before.whitespace_ and before.pos_ == "PROPN"
