"""Merging two reports of one event into one: sources, mentions (bounded, the rest counted), actors, the best
date and place found, and the fields the event type's merge rule names. dipevents.core.merge_score decides whether
two reports are one event; this module builds the one event.
"""

from __future__ import annotations

from dipevents.core.bounds import Budget, count_mention, fit_data
from dipevents.core.models import BUILTIN_TYPES, Event
from dipevents.core.provenance import date_rank, place_rank
from dipevents.core.registry import EventTypes


def merge_events(
    base: Event,
    new: Event,
    types: EventTypes = BUILTIN_TYPES,
    budget: Budget | None = None,
    *,
    count_mentions: bool = True,
    max_bytes: int | None = None,
) -> Event:
    """The union of two reports of one event; the base keeps its id and its first-seen facts. Beyond the fields
    every event has, the event type's merge rule says which of its own fields merge and how. The result is within
    the budget (core.bounds.fit, `max_bytes` of JSON); mentions past the cap are counted by source, not when
    `count_mentions` is off (a replay of an article merged already)."""
    budget = budget or Budget()
    rule = types.get(base.event_type).merge
    data = base.model_dump(mode="json")
    nd = new.model_dump(mode="json")
    kept = {(m["article_id"], m["start"], m["end"]): m for m in data["mentions"]}
    omitted = data["omitted_mentions"]
    sources = list(data["sources"])
    for s in nd["sources"]:
        if s not in sources and len(sources) < budget.max_sources:
            sources.append(s)
    for m in nd["mentions"]:
        mkey = (m["article_id"], m["start"], m["end"])
        if mkey in kept:
            continue
        if len(kept) < budget.max_mentions and m["source"] in sources:
            kept[mkey] = m
        elif count_mentions:
            count_mention(omitted, sources, m["source"])
    if count_mentions:
        for source, n in nd["omitted_mentions"].items():
            count_mention(omitted, sources, source, n)
    actors = {(a["country"], a["name"]): a for a in data["actors"]}
    for a in nd["actors"]:
        if len(actors) >= budget.max_items:
            break
        same = (x for x in actors.values() if x["country"] == a["country"])
        if not any(x["name"] == a["name"] or x["role"] == a["role"] for x in same):
            actors[(a["country"], a["name"])] = a
    data["mentions"] = sorted(kept.values(), key=lambda m: (m["article_id"], m["start"]))
    data["actors"] = sorted(actors.values(), key=lambda a: (a["country"] or "", a["name"]))
    data["sources"] = sorted(sources)
    n_sources = len(data["sources"])
    data["confidence"] = round(min(0.99, max(base.confidence, new.confidence) + 0.02 * (n_sources - 1)), 3)
    # The date and the place are the best found by any report: a written date beats a weekday, a weekday the day of
    # publication; a venue beats a dateline city, which beats a city only mentioned (the first report keeps a tie).
    if date_rank(nd.get("date_source")) < date_rank(data.get("date_source")):
        for k in ("event_date", "date_source", "date_confidence"):
            data[k] = nd[k]
    new_place, old_place = nd.get("location"), data.get("location")
    if new_place and (not old_place or place_rank(new_place.get("source")) < place_rank(old_place.get("source"))):
        data["location"] = new_place
    for k in ("event_date", "location", "occasion", *rule.fill):
        if data[k] is None and nd.get(k) is not None:
            data[k] = nd[k]
    for k in rule.union:
        data[k] = sorted(set(data[k]) | set(nd.get(k, [])))[: budget.max_items]
    for k, key in rule.union_by.items():
        by_key = {item[key]: item for item in data[k]}
        for item in nd.get(k, []):
            if len(by_key) < budget.max_items:
                by_key.setdefault(item[key], item)
        data[k] = [by_key[n] for n in sorted(by_key)]
    fit_data(data, budget, max_bytes, types)
    return types.adapter.validate_python(data)
