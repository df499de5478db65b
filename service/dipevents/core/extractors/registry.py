"""A registry of extractors by versioned name ("summit.v1"); the version is stamped on each event."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from dipevents.core.extractors.base import Candidate, SentenceView


class Extractor(Protocol):
    name: str  # versioned, e.g. "summit.v1"
    event_type: str

    def extract(self, view: SentenceView) -> Iterable[Candidate]: ...


class UnknownExtractor(KeyError):
    pass


class ExtractorRegistry:
    def __init__(self) -> None:
        self._factories: dict[str, Callable[[], Extractor]] = {}

    def register(self, name: str, factory: Callable[[], Extractor]) -> None:
        if name in self._factories:
            raise ValueError(f"extractor {name!r} is already registered; registered: {sorted(self._factories)}")
        self._factories[name] = factory

    def names(self) -> list[str]:
        return sorted(self._factories)

    def build(self, names: Iterable[str] | None = None) -> list[Extractor]:
        chosen = list(names) if names is not None else self.names()
        unknown = [n for n in chosen if n not in self._factories]
        if unknown:
            raise UnknownExtractor(f"unknown extractor(s) {unknown}; valid: {self.names()}")
        return [self._factories[n]() for n in chosen]


def default_registry() -> ExtractorRegistry:
    from dipevents.core.extractors.consultation import ConsultationExtractor
    from dipevents.core.extractors.instruction import InstructionExtractor
    from dipevents.core.extractors.summit import SummitExtractor

    reg = ExtractorRegistry()
    reg.register(SummitExtractor.name, SummitExtractor)
    reg.register(InstructionExtractor.name, InstructionExtractor)
    reg.register(ConsultationExtractor.name, ConsultationExtractor)
    return reg
