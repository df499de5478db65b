"""One readable line per event, for people at a terminal (`dipevents consume`, `make run`)."""

from __future__ import annotations

from dipevents.core.models import BUILTIN_TYPES, Event


def describe(event: Event) -> str:
    """Type, states, place, date, sources and id on one line."""
    loc = getattr(event, "location", None)
    place = f"{loc.name} ({loc.country})" if loc and loc.country else (loc.name if loc else "-")
    extra = BUILTIN_TYPES.get(event.event_type).display(event)  # the type's own detail, e.g. a meeting's format
    return (
        f"{event.event_type:<23} {','.join(event.countries):<12} {place:<22} "
        f"{event.event_date.isoformat() if event.event_date else '-':<10} "
        f"sources: {', '.join(event.sources)}{extra}  {event.event_id}"
    )
