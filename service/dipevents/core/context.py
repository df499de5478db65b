"""Article-level resolution: who "the President", "his counterpart", "the two leaders", "we" and "they" are.

Wire copy names people once and refers to them by role afterwards. The context remembers the last sitting
leader per role and the article's main meeting (the states of its leaders' talks), and resolves references
sentence by sentence, in reading order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from dipevents.core.actors import FACILITY_AFTER, ActorMention, speaker


@dataclass
class ArticleContext:
    main_states: tuple[str, ...] = ()
    last_by_role: dict[str, ActorMention] = field(default_factory=dict)
    last_leader: ActorMention | None = None
    leader_counts: Counter[str] = field(default_factory=Counter)
    named: dict[str, ActorMention] = field(default_factory=dict)  # country -> first named sitting leader
    roles_of: Callable[[str], set[str]] = lambda name: set()  # every office the knowledge base knows a name by
    surnames: dict[str, ActorMention] = field(default_factory=dict)  # "Wong" after "Lawrence Wong" in this article
    titled: set[str] = field(default_factory=set)  # roles the article itself used as titles

    def resolve(self, text: str, actors: list[ActorMention]) -> list[ActorMention]:
        actors = self._local_surnames(text, actors)
        sitting_named = [a for a in actors if a.is_sitting_leader and a.country]
        out: list[ActorMention] = []
        for found in actors:
            a = found
            if a.kind == "leader" and a.role == "counterpart":
                # a counterpart of a leader is a leader; of a minister, a minister: the person named just
                # before it decides ("Rangel held talks with his Angolan counterpart ... where Lourenço ...")
                people = [b for b in actors if b.kind in ("leader", "official") and b.end <= found.start]
                others = [b for b in sitting_named if b is not found and b.role != "counterpart"]
                if (people and people[-1].kind == "official") or not others:
                    a = replace(a, kind="official")
            if a.kind == "leader" and a.country is None and not a.former:
                prev = self.last_by_role.get(a.role or "") or (self.last_leader if a.role in ("leader",) else None)
                if prev is not None:
                    a = replace(a, country=prev.country, name=a.name or prev.name)
            out.append(a)
        spk = speaker(text, out)
        resolved: list[ActorMention] = []
        for unresolved in out:
            a = unresolved
            if a.kind in ("we", "i") and spk is not None and spk.country:
                a = replace(a, name=spk.name, role=spk.role, country=spk.country)
            if a.kind == "he":
                # the nearest leader before it in this sentence, else the last one of the article; a minister
                # named in between is who "he" is ("Rangel held talks with his counterpart")
                people = [b for b in resolved if b.kind in ("leader", "official") and b.end <= a.start]
                if people and people[-1].kind == "official":
                    continue
                before = [b for b in resolved if b.is_sitting_leader and b.country and b.end <= a.start]
                ref = before[-1] if before else self.last_leader
                if ref is None:
                    continue
                a = replace(a, name=ref.name, role=ref.role, country=ref.country)
            resolved.append(a)
        for a in resolved:
            if a.kind == "official" and a.country and a.name and not a.former:
                parts = a.name.split()
                if len(parts) >= 2 and parts[-1][:1].isupper() and len(parts[-1]) > 2:
                    self.surnames.setdefault(parts[-1], a)  # "Rangel" after "Minister ... Paulo Rangel"
            if a.is_sitting_leader and a.country and a.kind == "leader":
                if a.role and a.role not in ("leader", "counterpart"):
                    self.last_by_role[a.role] = a
                    self.titled.add(a.role)
                for role in self.roles_of(a.name or "") - {a.role, "leader", "counterpart"} - self.titled:
                    # offices the person holds but the article did not call them by: used only when no one
                    # else was called that ("the Crown Prince" after "Mohammed bin Salman")
                    self.last_by_role.setdefault(role, a)
                self.last_leader = a
                self.leader_counts[a.country] += 1
                if a.name and a.country not in self.named:
                    self.named[a.country] = a
                parts = (a.name or "").split()
                if len(parts) >= 2 and parts[-1][:1].isupper() and len(parts[-1]) > 2:
                    self.surnames.setdefault(parts[-1], a)
        return resolved

    def _local_surnames(self, text: str, actors: list[ActorMention]) -> list[ActorMention]:
        """A leader named in full earlier in the article is later called by surname alone."""
        if not self.surnames:
            return actors
        extra = []
        for surname, ref in self.surnames.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
                if FACILITY_AFTER.match(text, m.end()):
                    continue
                if not any(a.start <= m.start() < a.end for a in actors):
                    extra.append(replace(ref, start=m.start(), end=m.end(), text=surname, in_quote=False))
        return sorted([*actors, *extra], key=lambda a: a.start) if extra else actors

    def plural_states(self, a: ActorMention) -> tuple[str, ...]:
        """States a plural reference stands for: its own list, else the article's main meeting."""
        return a.states or self.main_states
