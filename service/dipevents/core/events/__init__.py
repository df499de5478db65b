"""The built-in event types: every module of this package declares one `EVENT_TYPE` (see registry).

Adding a type is adding a module here (and its lexicon file); nothing else names it. docs/extending.md walks
through it.
"""

from __future__ import annotations

import importlib
import pkgutil

from dipevents.core.registry import EventType, EventTypes


def builtin_types() -> EventTypes:
    """A fresh registry of the built-in types, in the order of their module names."""
    types: list[EventType] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        declared = getattr(module, "EVENT_TYPE", None)
        if not isinstance(declared, EventType):
            raise TypeError(f"{module.__name__} declares no EVENT_TYPE (an EventType)")
        types.append(declared)
    return EventTypes(types)
