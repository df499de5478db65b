"""Cross-source deduplication of events: one real-world event, one event id, every source and mention.

Events that may be the same share a blocking key (type + sorted states). Within a key and the window, an
event merges into the cluster it scores best with (dipevents.core.merge: date distance weighed by how each date
was found, place compatibility, shared credited wires, similarity of mention sentences; one threshold). Two
meetings of the same states a few days apart, or on one day in two cities, stay two events. Only held events
are ever extracted, so an announced meeting has nothing to merge into a held one.

Late bridges: when the cluster a report joined now also scores as one event with another cluster of its key
(the report brought the missing date, place or wording), the two become one. The cluster first seen survives
with every source and mention; the other id is retired with a revision saying `merged_into`.

The store is a port: an in-memory dict here and in the CLI, a changelog-backed faust table in the worker.
Event time, not wall-clock time, decides what is still a candidate, so replays of old news behave the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict

from dipevents.core.ids import blocking_key, event_id
from dipevents.core.merge import Dating, dating, score, union_datings
from dipevents.core.models import BUILTIN_TYPES, Event, EventRevision
from dipevents.core.registry import EventTypes

Outcome = Literal["new", "updated", "unchanged"]


class Cluster(BaseModel):
    """The merged state of one event, as kept in the dedup store (JSON-serialisable)."""

    model_config = ConfigDict(frozen=True)

    event: dict[str, Any]
    revision: int
    anchor: date  # event date, or the publication day of the first report when undated
    first_seen_at: datetime
    updated_at: datetime
    article_ids: list[str]
    dates: list[list[Any]] = []  # every report's date and how it was found (merge.Dating), strongest first

    def datings(self, types: EventTypes = BUILTIN_TYPES) -> list[Dating]:
        return [Dating.from_json(d) for d in self.dates] if self.dates else dating(self.typed(types))

    def typed(self, types: EventTypes = BUILTIN_TYPES) -> Event:
        return types.adapter.validate_python(self.event)


@dataclass(frozen=True)
class DedupResult:
    outcome: Outcome
    event: Event
    revision: int
    record: EventRevision
    merged: bool  # the event joined an existing cluster (a duplicate report)
    key: str = ""
    clusters: tuple[dict[str, Any], ...] = ()  # the key's clusters after this observation, to be committed
    retired: tuple[EventRevision, ...] = ()  # late bridges: revisions of absorbed ids saying merged_into


class Store(Protocol):
    """The dedup store port: clusters (JSON-able dicts) by blocking key."""

    def get(self, key: str, default: Any = None, /) -> Any: ...
    def __setitem__(self, key: str, value: list[dict[str, Any]], /) -> None: ...
    def __getitem__(self, key: str, /) -> list[dict[str, Any]]: ...
    def __delitem__(self, key: str, /) -> None: ...
    def keys(self) -> Any: ...
    def values(self) -> Any: ...


class Deduplicator:
    def __init__(
        self,
        store: Store,
        *,
        window_days: float = 7.0,
        date_tolerance_days: int = 1,
        types: EventTypes = BUILTIN_TYPES,
    ) -> None:
        self.store = store
        self.types = types
        self.window = timedelta(days=window_days)
        self.tolerance = timedelta(days=date_tolerance_days)

    def observe(
        self, event: Event, article_id: str, published_at: datetime | None, now: datetime | None = None
    ) -> DedupResult:
        """Merge one extracted event (reported by one article) into the store; say what changed."""
        result = self.plan(event, article_id, published_at, now)
        self.commit(result)
        return result

    def commit(self, result: DedupResult) -> None:
        """Record a planned observation. The worker calls it only after a first sighting was acknowledged,
        so a crash in between re-publishes (same id) rather than loses the event."""
        self.store[result.key] = list(result.clusters)

    def plan(
        self, event: Event, article_id: str, published_at: datetime | None, now: datetime | None = None
    ) -> DedupResult:
        """What observing this event would do, without writing to the store."""
        now = now or datetime.now(UTC)
        anchor = event.event_date or (published_at or now).date()
        key = blocking_key(event.event_type, event.countries)
        clusters = [Cluster.model_validate(c) for c in self.store.get(key, [])]
        # Event time decides what may merge; what stays stored is expire()'s business (processing time). Dropping
        # the older clusters here made a replayed or late report of such an event a "new" first sighting again.
        window = [c for c in clusters if c.anchor >= anchor - self.window]
        match = self._match(event, window)
        article_ids = sorted({article_id, *(m.article_id for m in event.mentions)})
        if match is None:
            taken = {c.event.get("event_id") for c in clusters}
            if event.event_date is None or event.event_id in taken:
                # The id is type + states + day: every undated event of these states would be "undated", and a
                # meeting the same day elsewhere would repeat an id. Name the new cluster after its anchor day
                # (and place), so that two events never share an id on the events topic or the compacted state.
                place = getattr(event, "location", None)
                salt = f"{anchor.isoformat()}|{place.name if place else ''}"
                event = event.model_copy(
                    update={"event_id": event_id(event.event_type, event.countries, event.event_date, salt=salt)}
                )
            cluster = Cluster(
                event=event.model_dump(mode="json"),
                revision=1,
                anchor=anchor,
                first_seen_at=now,
                updated_at=now,
                article_ids=article_ids,
                dates=[d.as_json() for d in dating(event)],
            )
            clusters.append(cluster)
            return self._result("new", cluster, merged=False, key=key, clusters=clusters)
        merged_event = merge_events(match.typed(self.types), event, self.types)
        new_articles = sorted(set(match.article_ids) | set(article_ids))
        merged_dates = union_datings(match.datings(self.types), dating(event))
        group = [match, *self._bridged(merged_event, merged_dates, match, window)]
        all_dates = union_datings(merged_dates, *(c.datings(self.types) for c in group))
        unchanged = merged_event == match.typed(self.types) and new_articles == match.article_ids
        if len(group) == 1 and unchanged and all_dates == match.datings(self.types):
            return self._result("unchanged", match, merged=True, key=key, clusters=clusters)
        # The cluster first seen keeps its id; every other one of the group is folded into it and retired.
        survivor = min(group, key=_seniority)
        absorbed = sorted((c for c in group if c is not survivor), key=_seniority)
        folded = survivor.typed(self.types)
        for c in absorbed:
            folded = merge_events(folded, c.typed(self.types), self.types)
        folded = merge_events(folded, event, self.types)
        updated = Cluster(
            event=folded.model_dump(mode="json"),
            revision=survivor.revision + 1,
            anchor=folded.event_date or survivor.anchor,
            first_seen_at=survivor.first_seen_at,
            updated_at=now,
            article_ids=sorted(set(new_articles).union(*(c.article_ids for c in group))),
            dates=[d.as_json() for d in all_dates],
        )
        gone = {id(c) for c in group}
        clusters = [updated if c is survivor else c for c in clusters if c is survivor or id(c) not in gone]
        retired = tuple(self._retired(c, updated, now) for c in absorbed)
        return self._result("updated", updated, merged=True, key=key, clusters=clusters, retired=retired)

    def _match(self, event: Event, clusters: list[Cluster]) -> Cluster | None:
        """The cluster this report scores best with, if any scores as the same event."""
        best: tuple[float, Cluster] | None = None
        for c in sorted(clusters, key=_seniority):
            s = score(event, c.typed(self.types), self.tolerance.days, b_dates=c.datings(self.types), types=self.types)
            if s.same_event and (best is None or s.total > best[0]):
                best = (s.total, c)
        return best[1] if best else None

    def _bridged(self, merged: Event, dates: list[Dating], joined: Cluster, clusters: list[Cluster]) -> list[Cluster]:
        """Clusters that the one a report joined now scores as the same event with (a late bridge)."""
        out: list[Cluster] = []
        grew = True
        while grew:  # until no other cluster joins: one absorbed may bring what the next one needs
            grew = False
            for c in sorted(clusters, key=_seniority):
                if c is joined or c in out:
                    continue
                theirs = c.datings(self.types)
                if score(
                    merged, c.typed(self.types), self.tolerance.days, a_dates=dates, b_dates=theirs, types=self.types
                ).same_event:
                    out.append(c)
                    merged = merge_events(merged, c.typed(self.types), self.types)
                    dates = union_datings(dates, theirs)
                    grew = True
        return out

    def _retired(self, c: Cluster, survivor: Cluster, now: datetime) -> EventRevision:
        ev = c.typed(self.types)
        return self.types.revision_model(
            event_id=ev.event_id,
            revision=c.revision + 1,
            first_seen_at=c.first_seen_at,
            updated_at=now,
            source_count=len(ev.sources),
            mention_count=len(ev.mentions),
            article_ids=c.article_ids,
            event=ev,
            merged_into=survivor.event["event_id"],
        )

    def _result(
        self,
        outcome: Outcome,
        c: Cluster,
        *,
        merged: bool,
        key: str,
        clusters: list[Cluster],
        retired: tuple[EventRevision, ...] = (),
    ) -> DedupResult:
        ev = c.typed(self.types)
        record = self.types.revision_model(
            event_id=ev.event_id,
            revision=c.revision,
            first_seen_at=c.first_seen_at,
            updated_at=c.updated_at,
            source_count=len(ev.sources),
            mention_count=len(ev.mentions),
            article_ids=c.article_ids,
            event=ev,
        )
        dumped = tuple(x.model_dump(mode="json") for x in clusters)
        return DedupResult(outcome, ev, c.revision, record, merged, key, dumped, retired)

    def expire(self, now: datetime) -> int:
        """Drop clusters not updated within the window (processing time); returns how many went."""
        dropped = 0
        for key in list(self.store.keys()):
            kept = [c for c in self.store[key] if Cluster.model_validate(c).updated_at >= now - self.window]
            dropped += len(self.store[key]) - len(kept)
            if kept:
                if len(kept) != len(self.store[key]):
                    self.store[key] = kept
            else:
                del self.store[key]
        return dropped

    def events(self) -> Iterator[Event]:
        for key in sorted(self.store.keys()):
            for c in self.store[key]:
                yield Cluster.model_validate(c).typed(self.types)

    def size(self) -> int:
        return sum(len(v) for v in self.store.values())


def _seniority(c: Cluster) -> tuple[datetime, str]:
    """The cluster first seen comes first (its id survives a bridge); the id breaks a tie the same way always."""
    return (c.first_seen_at, str(c.event.get("event_id", "")))


_DATE_RANK = {"explicit": 0, "relative": 1, "dateline": 2, "publication": 3}
_PLACE_RANK = {"venue": 0, "dateline": 1, "mention": 2}


def merge_events(base: Event, new: Event, types: EventTypes = BUILTIN_TYPES) -> Event:
    """The union of two reports of one event; the base keeps its id and its first-seen facts. Beyond the fields
    every event has, the event type's merge rule says which of its own fields merge and how."""
    rule = types.get(base.event_type).merge
    mentions = {(m.article_id, m.start, m.end): m for m in base.mentions}
    for m in new.mentions:
        mentions.setdefault((m.article_id, m.start, m.end), m)
    actors = {(a.country, a.name): a for a in base.actors}
    for a in new.actors:
        if not any(x.country == a.country and (x.name == a.name or x.role == a.role) for x in actors.values()):
            actors[(a.country, a.name)] = a
    data = base.model_dump()
    nd = new.model_dump()
    data["mentions"] = sorted(mentions.values(), key=lambda m: (m.article_id, m.start))
    data["actors"] = sorted(actors.values(), key=lambda a: (a.country or "", a.name))
    data["sources"] = sorted(set(base.sources) | set(new.sources))
    n_sources = len(data["sources"])
    data["confidence"] = round(min(0.99, max(base.confidence, new.confidence) + 0.02 * (n_sources - 1)), 3)
    # The date and the place are the best found by any report: a written date beats a weekday, a weekday the day of
    # publication; a venue beats a dateline city, which beats a city only mentioned (the first report keeps a tie).
    if _DATE_RANK.get(nd.get("date_source") or "", 9) < _DATE_RANK.get(data.get("date_source") or "", 9):
        for k in ("event_date", "date_source", "date_confidence"):
            data[k] = nd[k]
    new_place, old_place = nd.get("location"), data.get("location")
    if new_place and (
        not old_place
        or _PLACE_RANK.get(new_place.get("source") or "venue", 9)
        < _PLACE_RANK.get(old_place.get("source") or "venue", 9)
    ):
        data["location"] = new_place
    for k in ("event_date", "location", *rule.fill):
        if data[k] is None and nd.get(k) is not None:
            data[k] = nd[k]
    for k in rule.union:
        data[k] = sorted(set(data[k]) | set(nd.get(k, [])))
    for k, key in rule.union_by.items():
        by_key = {item[key]: item for item in data[k]}
        for item in nd.get(k, []):
            by_key.setdefault(item[key], item)
        data[k] = [by_key[n] for n in sorted(by_key)]
    return types.adapter.validate_python(data)
