"""Cross-source deduplication of events: one real-world event, one event id, every source and mention.

Events that may be the same share a blocking key (type + sorted states). Within a key and the window, an
event merges into the cluster it scores best with (dipevents.core.merge_score: date distance weighed by how each date
was found, place compatibility, shared credited wires, similarity of mention sentences; one threshold). Two
meetings of the same states a few days apart, or on one day in two cities, stay two events. Only held events
are ever extracted, so an announced meeting has nothing to merge into a held one.

Late bridges: when the cluster a report joined now also scores as one event with another cluster of its key
(the report brought the missing date, place or wording), the two become one. The cluster first seen survives
with every source and mention; the other id is retired with a revision saying `merged_into`.

The store is a port: an in-memory dict here and in the CLI, a changelog-backed faust table in the worker. Its
layout keeps every record small whatever arrives, so N reports cost O(N) (issue 14):

    "<blocking key>|<event id>"  ->  the cluster of one event (a Cluster, bounded by core.bounds.Budget)
    "<blocking key>@<YYYY-MM-DD>" ->  the index of one key and anchor day: [{"id", "place", "country"}, ...]

A new report reads the index records of the days within the window around its anchor, scores the clusters they
name, and writes the one it joins back (and the index when a cluster is new, moved day or place, or was bridged). Both
kinds of key start with the blocking key: the worker keeps them on the partition of the candidates they came from.
Event time, not wall-clock time, decides what is still a candidate, so replays of old news behave the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, Protocol

from dipevents.core.bounds import Budget, fit, json_size, mention_total
from dipevents.core.clusters import Cluster, ParsedCluster, remember_articles, seniority
from dipevents.core.ids import blocking_key, event_id
from dipevents.core.merge_reports import merge_events
from dipevents.core.merge_score import Dating, dating, score, union_datings
from dipevents.core.models import BUILTIN_TYPES, Event, EventRevision
from dipevents.core.registry import EventTypes

Outcome = Literal["new", "updated", "unchanged"]
CLUSTER_SEP, INDEX_SEP = "|", "@"
MAX_INDEX_ENTRIES = 500  # events of one key anchored on one day (distinct places); past it the oldest is unindexed
# Late-bridge passes over the window per report: each pass scores every other cluster once, so a report costs
# O(passes x clusters), never O(clusters^2). A longer chain of clusters each needing the previous one is bridged
# further by the next report of any of them.
MAX_BRIDGE_PASSES = 3


@dataclass(frozen=True)
class DedupResult:
    outcome: Outcome
    event: Event
    revision: int
    record: EventRevision
    merged: bool  # the event joined an existing cluster (a duplicate report)
    writes: tuple[tuple[str, Any], ...] = ()  # store key -> new value (None: delete), for commit()
    retired: tuple[EventRevision, ...] = ()  # late bridges: revisions of absorbed ids saying merged_into


class Store(Protocol):
    """The dedup store port: JSON-able values by string key."""

    def get(self, key: str, default: Any = None, /) -> Any: ...
    def __setitem__(self, key: str, value: Any, /) -> None: ...
    def __delitem__(self, key: str, /) -> None: ...
    def keys(self) -> Any: ...


def cluster_key(block: str, eid: str) -> str:
    return f"{block}{CLUSTER_SEP}{eid}"


def index_key(block: str, day: date) -> str:
    return f"{block}{INDEX_SEP}{day.isoformat()}"


def block_of(store_key: str) -> str:
    """The blocking key a store key belongs to (what the worker partitions the table by)."""
    return store_key.split(CLUSTER_SEP, 1)[0].split(INDEX_SEP, 1)[0]


def shift(day: date, days: int) -> date | None:
    """`day` moved by `days`, or None past the calendar's ends (year 1 or 9999): never an OverflowError."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


class Deduplicator:
    def __init__(
        self,
        store: Store,
        *,
        window_days: int = 7,
        date_tolerance_days: int = 1,
        budget: Budget | None = None,
        types: EventTypes = BUILTIN_TYPES,
        expire_after_days: float | None = None,
    ) -> None:
        # The window is scanned day by day through the day indexes: whole days only.
        if not isinstance(window_days, int) or window_days < 1:
            raise ValueError(f"window_days must be a whole number of days >= 1, got {window_days!r}")
        self.store = store
        self.types = types
        self.window = timedelta(days=window_days)
        # how long a cluster stays in the store after its last report (processing time): the window by default
        self.keep = timedelta(days=window_days if expire_after_days is None else expire_after_days)
        self.tolerance = timedelta(days=date_tolerance_days)
        self.budget = budget or Budget()
        self._size: int | None = None  # clusters in the store, counted once then kept up to date

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
        for key, value in result.writes:
            if value is not None:
                self.store[key] = value
            elif self.store.get(key) is not None:
                del self.store[key]
        if self._size is not None:
            self._size += (result.outcome == "new") - len(result.retired)

    def plan(
        self, event: Event, article_id: str, published_at: datetime | None, now: datetime | None = None
    ) -> DedupResult:
        """What observing this event would do, without writing to the store."""
        now = now or datetime.now(UTC)
        anchor = event.event_date or (published_at or now).date()
        block = blocking_key(event.event_type, event.countries)
        article_ids = list(dict.fromkeys([article_id, *(m.article_id for m in event.mentions)]))
        window = self._window(block, anchor)
        match = self._match(event, window)
        if match is None:
            return self._new(event, block, anchor, article_ids, now)
        return self._merge(match, event, block, article_ids, now, window=window)

    # -- a new cluster -----------------------------------------------------------------------------------

    def _new(self, event: Event, block: str, anchor: date, article_ids: list[str], now: datetime) -> DedupResult:
        # article_ids[0] is the reporting article: the first report of the new cluster names it
        event = event.model_copy(update={"event_id": self._new_id(event, block, article_ids[0])})
        ids = remember_articles([], article_ids, self.budget)
        cluster = Cluster(
            event=fit(event, self.budget, self._event_bytes(ids), self.types).model_dump(mode="json"),
            revision=1,
            anchor=anchor,
            first_seen_at=now,
            updated_at=now,
            article_ids=ids,
            article_count=len(article_ids),
            dates=[d.as_json() for d in dating(event)],
        )
        index = _IndexEdits(self, block)
        index.put(event.event_id, None, cluster)
        writes = [(cluster_key(block, event.event_id), cluster.model_dump(mode="json")), *index.writes()]
        return self._result("new", cluster, cluster.typed(self.types), merged=False, writes=writes)

    def _new_id(self, event: Event, block: str, article_id: str) -> str:
        """The id of a new cluster: type + states + day, salted with its first report (the article id and where its
        first mention starts). Type + states + day alone is shared by every undated event of a pair, by two meetings
        of one day, and by a later event of a day whose cluster expired or was merged away; the first report is
        never shared by two clusters, and a replay of it names the cluster the same way."""
        starts = [m.start for m in event.mentions if m.article_id == article_id]
        salt = f"{article_id}|{min(starts) if starts else ''}"
        eid = event_id(event.event_type, event.countries, event.event_date, salt=salt)
        n = 1
        while self.store.get(cluster_key(block, eid)) is not None:  # that report's cluster exists yet did not match
            n += 1
            eid = event_id(event.event_type, event.countries, event.event_date, salt=f"{salt}|{n}")
        return eid

    # -- a report of a known event -----------------------------------------------------------------------

    def _merge(
        self,
        found: ParsedCluster,
        event: Event,
        block: str,
        article_ids: list[str],
        now: datetime,
        *,
        window: list[ParsedCluster],
    ) -> DedupResult:
        match, base = found.cluster, found.event
        unseen = [a for a in article_ids if a not in match.article_ids]
        # An article the cluster remembers was merged already: a replay adds nothing to the counts.
        merged_event = merge_events(base, event, self.types, self.budget, count_mentions=bool(unseen))
        merged_dates = union_datings(found.dates, dating(event))
        parsed = [found, *self._bridged(merged_event, merged_dates, found, window)]
        group = [p.cluster for p in parsed]
        all_dates = union_datings(merged_dates, *(p.dates for p in parsed))
        if len(group) == 1:
            survivor, absorbed, rest = match, [], []
            ids = remember_articles(match.article_ids, unseen, self.budget)
            folded = fit(merged_event, self.budget, self._event_bytes(ids), self.types)
            unchanged = folded.model_dump(mode="json") == match.event and not unseen
            if unchanged and all_dates == found.dates:
                return self._result("unchanged", match, base, merged=True, writes=[])
        else:
            # The cluster first seen keeps its id; every other one of the group is folded into it and retired.
            first = min(parsed, key=lambda p: seniority(p.cluster))
            rest = sorted((p for p in parsed if p is not first), key=lambda p: seniority(p.cluster))
            survivor, absorbed = first.cluster, [p.cluster for p in rest]
            ids = survivor.article_ids
            for c in absorbed:
                ids = remember_articles(ids, c.article_ids, self.budget)
            unseen = [a for a in article_ids if a not in ids]
            ids = remember_articles(ids, unseen, self.budget)
            limit = self._event_bytes(ids)
            folded = first.event
            for p in rest:
                folded = merge_events(folded, p.event, self.types, self.budget, max_bytes=limit)
            folded = merge_events(folded, event, self.types, self.budget, count_mentions=bool(unseen), max_bytes=limit)
        updated = Cluster(
            event=folded.model_dump(mode="json"),
            revision=survivor.revision + 1,
            anchor=folded.event_date or survivor.anchor,
            first_seen_at=survivor.first_seen_at,
            updated_at=now,
            article_ids=ids,
            article_count=sum(c.articles for c in group) + len(unseen),
            dates=[d.as_json() for d in all_dates],
        )
        eid = survivor.event["event_id"]
        index = _IndexEdits(self, block)
        writes: list[tuple[str, Any]] = [(cluster_key(block, eid), updated.model_dump(mode="json"))]
        for c in absorbed:
            writes.append((cluster_key(block, c.event["event_id"]), None))
            index.drop(c.event["event_id"], c.anchor)
        index.put(eid, survivor, updated)
        retired = tuple(self._retired(p, updated, now) for p in rest)
        return self._result("updated", updated, folded, merged=True, writes=[*writes, *index.writes()], retired=retired)

    # -- matching through the index ----------------------------------------------------------------------

    def _window(self, block: str, anchor: date) -> list[ParsedCluster]:
        """The key's clusters anchored within the window either side of `anchor`, through the day indexes: what
        a report may score as the same event (a cluster further away cannot, whatever else agrees). Each is parsed
        once here, first seen first."""
        out: dict[str, ParsedCluster] = {}
        # Later anchors too, as far as the score could still call two dates one event (tolerance, the day of
        # publication's slack, day-only times and a little more for strong place and wording).
        for delta in range(-self.window.days, max(self.window.days, self.tolerance.days + 5) + 1):
            day = shift(anchor, delta)
            if day is None:
                continue
            for entry in self._index(block, day):
                if entry["id"] in out:
                    continue
                stored = self.store.get(cluster_key(block, entry["id"]))
                if stored is not None:  # an entry outlives its cluster only until the next expire()
                    out[entry["id"]] = ParsedCluster.of(stored, self.types)
        return sorted(out.values(), key=lambda p: seniority(p.cluster))

    def _match(self, event: Event, window: list[ParsedCluster]) -> ParsedCluster | None:
        """The cluster this report scores best with, if any scores as the same event."""
        best: tuple[float, ParsedCluster] | None = None
        for p in window:
            s = score(event, p.event, self.tolerance.days, b_dates=p.dates, types=self.types)
            if s.same_event and (best is None or s.total > best[0]):
                best = (s.total, p)
        return best[1] if best else None

    def _bridged(
        self, merged: Event, dates: list[Dating], joined: ParsedCluster, window: list[ParsedCluster]
    ) -> list[ParsedCluster]:
        """Clusters that the one a report joined now scores as the same event with (a late bridge)."""
        out: list[ParsedCluster] = []
        rest = [p for p in window if p is not joined]
        for _ in range(MAX_BRIDGE_PASSES):  # one absorbed may bring what the next one needs; bounded (see above)
            joined_now = []
            for p in rest:
                if score(
                    merged, p.event, self.tolerance.days, a_dates=dates, b_dates=p.dates, types=self.types
                ).same_event:
                    joined_now.append(p)
                    merged = merge_events(merged, p.event, self.types, self.budget)
                    dates = union_datings(dates, p.dates)
            if not joined_now:
                break
            out += joined_now
            taken = {id(p) for p in joined_now}
            rest = [p for p in rest if id(p) not in taken]
        return out

    def _retired(self, p: ParsedCluster, survivor: Cluster, now: datetime) -> EventRevision:
        """The last revision of an absorbed cluster: its own event, saying where it went."""
        c = p.cluster
        return self._revision(c, p.event, c.revision + 1, now, merged_into=survivor.event["event_id"])

    def _revision(
        self, c: Cluster, ev: Event, revision: int, updated_at: datetime, merged_into: str | None = None
    ) -> EventRevision:
        """The state-topic record of cluster `c` holding `ev`."""
        return self.types.revision_model(
            event_id=ev.event_id,
            revision=revision,
            first_seen_at=c.first_seen_at,
            updated_at=updated_at,
            source_count=len(ev.sources),
            mention_count=mention_total(ev),
            article_ids=sorted(c.article_ids),
            article_count=c.articles,
            event=ev,
            merged_into=merged_into,
        )

    def _index(self, block: str, day: date) -> list[dict[str, Any]]:
        return list(self.store.get(index_key(block, day)) or [])

    def _event_bytes(self, article_ids: list[str]) -> int:
        """What the event may take of the cluster's budget once its article ids and times are in."""
        return self.budget.max_bytes - json_size(article_ids) - 1024

    # -- results, expiry, reading ------------------------------------------------------------------------

    def _result(
        self,
        outcome: Outcome,
        c: Cluster,
        ev: Event,
        *,
        merged: bool,
        writes: list[tuple[str, Any]],
        retired: tuple[EventRevision, ...] = (),
    ) -> DedupResult:
        record = self._revision(c, ev, c.revision, c.updated_at)
        return DedupResult(outcome, ev, c.revision, record, merged, tuple(writes), retired)

    def expire(self, now: datetime) -> int:
        """Drop clusters not updated for `expire_after_days` (processing time; the window by default) and their
        index entries; returns how many clusters went."""
        oldest = now - self.keep
        gone: dict[str, set[str]] = {}  # index key -> ids of expired clusters
        for key in list(self.store.keys()):
            if CLUSTER_SEP not in key:
                continue
            stored = self.store.get(key)
            if stored is None or datetime.fromisoformat(stored["updated_at"]) >= oldest:
                continue
            del self.store[key]
            block = block_of(key)
            gone.setdefault(index_key(block, date.fromisoformat(stored["anchor"])), set()).add(
                stored["event"]["event_id"]
            )
        for ikey, ids in gone.items():
            rest = [e for e in (self.store.get(ikey) or []) if e["id"] not in ids]
            if rest:
                self.store[ikey] = rest
            elif self.store.get(ikey) is not None:
                del self.store[ikey]
        dropped = sum(len(ids) for ids in gone.values())
        if self._size is not None:
            self._size -= dropped
        return dropped

    def clusters(self) -> Iterator[Cluster]:
        """Every stored cluster, by blocking key and then in the order first seen."""
        keys = list(self.store.keys())
        found = [Cluster.model_validate(v) for k in keys if CLUSTER_SEP in k and (v := self.store.get(k))]
        yield from sorted(
            found, key=lambda c: (blocking_key(c.event["event_type"], c.event["countries"]), c.first_seen_at)
        )

    def events(self) -> Iterator[Event]:
        for c in self.clusters():
            yield c.typed(self.types)

    def size(self) -> int:
        """Clusters in the store: counted once, then kept up to date by commit() and expire()."""
        if self._size is None:
            keys = list(self.store.keys())
            self._size = sum(1 for k in keys if CLUSTER_SEP in k)
        return self._size

    def recount(self) -> int:
        """Count again after the store changed underneath (the worker's table after a rebalance)."""
        self._size = None
        return self.size()


class _IndexEdits:
    """Changes to a key's day indexes, gathered so that several edits of one day give one write."""

    def __init__(self, dedup: Deduplicator, block: str) -> None:
        self._dedup, self._block = dedup, block
        self._days: dict[date, list[dict[str, Any]]] = {}

    def _day(self, day: date) -> list[dict[str, Any]]:
        if day not in self._days:
            self._days[day] = self._dedup._index(self._block, day)
        return self._days[day]

    def drop(self, eid: str, day: date) -> None:
        self._days[day] = [e for e in self._day(day) if e["id"] != eid]

    def put(self, eid: str, old: Cluster | None, new: Cluster) -> None:
        """Index a cluster that is new, or whose anchor day or place changed."""
        entry = _entry(eid, new.event.get("location"))
        if old is not None and old.anchor == new.anchor and _entry(eid, old.event.get("location")) == entry:
            return
        if old is not None:
            self.drop(eid, old.anchor)
        entries = [e for e in self._day(new.anchor) if e["id"] != eid]
        self._days[new.anchor] = [*entries[-(MAX_INDEX_ENTRIES - 1) :], entry]

    def writes(self) -> list[tuple[str, Any]]:
        return [(index_key(self._block, day), entries or None) for day, entries in sorted(self._days.items())]


def _entry(eid: str, location: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "id": eid,
        "place": location["name"] if location else None,
        "country": location["country"] if location else None,
    }
