"""What one event may hold, whatever arrives: caps on its growing lists and a byte budget for its JSON.

Every report of an event adds mentions, sources, actors; a hostile or unlucky stream (thousands of copies of one
story, one article with thousands of meeting sentences) would grow one record past what Kafka accepts. So:

- the first `max_mentions` mentions are kept in full; later ones are only counted, by source, in
  `omitted_mentions` (the mention count keeps growing: kept + omitted);
- at most `max_sources` sources are listed; mentions from sources past that are counted under OTHER_SOURCES,
  so `omitted_mentions` has at most max_sources + 1 keys;
- actors, and the lists of its own the event type's merge rule unions (registry.MergeRule), keep their first
  `max_items`;
- and the event's JSON stays within `max_bytes`: kept mentions are moved to the counts from the last one back, then
  long strings are cut, until it fits (the caps alone cannot promise it: a sentence may be 2,000 characters).

`fit` costs time in the size of the event, which these bounds keep constant: merging N reports costs O(N).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic_core import to_json

from dipevents.core.models import BUILTIN_TYPES, Event
from dipevents.core.registry import EventTypes, MergeRule

OTHER_SOURCES = "(other sources)"
EVENT_MIN_BYTES = 100_000  # any event fits in this once mentions are counted and strings cut (a property test)
_SHORT = 200  # characters kept of a string field when cutting strings is the last way to fit
_FEW = 5  # items kept of actors and of the type's growing lists then


@dataclass(frozen=True)
class Budget:
    max_mentions: int = 100
    max_sources: int = 100
    max_items: int = 50
    max_article_ids: int = 200  # article ids a dedup cluster remembers (dipevents.core.dedup)
    max_bytes: int = 256_000  # the JSON of one stored cluster: its event, article ids and times

    def __post_init__(self) -> None:
        if self.max_bytes < 2 * EVENT_MIN_BYTES:
            raise ValueError(f"max_bytes must be at least {2 * EVENT_MIN_BYTES}, got {self.max_bytes}")
        if min(self.max_mentions, self.max_sources, self.max_items, self.max_article_ids) < 1:
            raise ValueError("every cap must be at least 1")


def json_size(data: Any) -> int:
    """Bytes of `data` as compact UTF-8 JSON (what the codecs write, within a few bytes)."""
    return len(to_json(data))


def mention_total(event: Event) -> int:
    """Every mention the event has had: kept in full plus counted."""
    return len(event.mentions) + sum(event.omitted_mentions.values())


def fit(event: Event, budget: Budget, max_bytes: int | None = None, types: EventTypes = BUILTIN_TYPES) -> Event:
    """The event within the caps and within `max_bytes` (default: the budget's) of JSON; `max_bytes` below
    EVENT_MIN_BYTES is raised to it. The type's own fields are bounded as its merge rule in `types` declares."""
    data = event.model_dump(mode="json")
    return type(event).model_validate(data) if fit_data(data, budget, max_bytes, types) else event


def fit_data(
    data: dict[str, Any], budget: Budget, max_bytes: int | None = None, types: EventTypes = BUILTIN_TYPES
) -> bool:
    """`fit` on an event's JSON data, in place; True when it changed anything."""
    limit = max(EVENT_MIN_BYTES, budget.max_bytes if max_bytes is None else max_bytes)
    etype = data.get("event_type")
    rule = types.get(etype).merge if etype in types.event_types() else MergeRule()
    changed = _cap(data, budget, rule)
    for shrink in (_shed_mentions, _cut_strings, _collapse_counts):
        if json_size(data) <= limit:
            return changed
        shrink(data, limit, budget, rule)
        changed = True
    if json_size(data) > limit:
        raise ValueError(f"event {data['event_id']} cannot fit in {limit} bytes")
    return changed


def count_mention(omitted: dict[str, int], sources: list[str], source: str, n: int = 1) -> None:
    """Count `n` mentions not kept in full under their source (OTHER_SOURCES past the listed sources)."""
    key = source if source in sources else OTHER_SOURCES
    omitted[key] = omitted.get(key, 0) + n


def _growing(rule: MergeRule) -> tuple[str, ...]:
    """The list fields that grow as reports merge: actors, and the type's unioned lists."""
    return ("actors", *rule.union, *rule.union_by)


def _cap(data: dict[str, Any], budget: Budget, rule: MergeRule) -> bool:
    changed = False
    omitted: dict[str, int] = data["omitted_mentions"]
    if len(data["sources"]) > budget.max_sources:
        data["sources"] = data["sources"][: budget.max_sources]
        changed = True
    listed = set(data["sources"])
    kept: list[dict[str, Any]] = []
    for m in data["mentions"]:
        if len(kept) < budget.max_mentions and m["source"] in listed:
            kept.append(m)
        else:
            count_mention(omitted, data["sources"], m["source"])
            changed = True
    data["mentions"] = kept
    if any(k not in listed and k != OTHER_SOURCES for k in omitted):  # sources no longer listed: one count
        keep = {k: v for k, v in omitted.items() if k in listed}
        keep[OTHER_SOURCES] = sum(omitted.values()) - sum(keep.values())
        data["omitted_mentions"] = keep
        changed = True
    for name in _growing(rule):
        if isinstance(data.get(name), list) and len(data[name]) > budget.max_items:
            data[name] = data[name][: budget.max_items]
            changed = True
    return changed


def _shed_mentions(data: dict[str, Any], limit: int, budget: Budget, rule: MergeRule) -> None:
    """Move kept mentions to the counts, from the last one back, until the event fits."""
    for _ in range(2):  # the counts may grow by a key or two: measure again once
        excess = json_size(data) - limit
        while data["mentions"] and excess > 0:
            m = data["mentions"].pop()
            excess -= json_size(m) + 1
            count_mention(data["omitted_mentions"], data["sources"], m["source"])


def _cut_strings(data: dict[str, Any], limit: int, budget: Budget, rule: MergeRule) -> None:
    """Cut the fields one report sets (and a hostile text can make long) to a few short items."""
    _shed_mentions(data, 0, budget, rule)
    for name in rule.fill:
        if isinstance(data.get(name), str):
            data[name] = data[name][:_SHORT]
    if data.get("location"):
        data["location"]["name"] = data["location"]["name"][:_SHORT]
    data["actors"] = [
        {**a, "name": a["name"][:_SHORT], "role": a["role"][:_SHORT] if a.get("role") else a.get("role")}
        for a in data["actors"][:_FEW]
    ]
    for name, key in rule.union_by.items():
        if isinstance(data.get(name), list):
            data[name] = [{**b, key: b[key][:_SHORT]} for b in data[name][:_FEW]]
    for name in rule.union:
        if isinstance(data.get(name), list):
            data[name] = [t[:_SHORT] for t in data[name][:_FEW]]


def _collapse_counts(data: dict[str, Any], limit: int, budget: Budget, rule: MergeRule) -> None:
    data["omitted_mentions"] = {OTHER_SOURCES: sum(data["omitted_mentions"].values())}
