"""Event types are a registry concern: every registered type reaches every place derived from the registry, and
no module outside a type's own spells its name."""

from __future__ import annotations

import ast
import functools
import json
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from dipevents.core.actors import ActorMention
from dipevents.core.models import BUILTIN_TYPES
from dipevents.core.registry import EventType, EventTypes

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "service" / "dipevents"
TYPES = list(BUILTIN_TYPES)

# Modules allowed to spell a type's name although they are not its own module, and why. Generated schemas and
# example records (JSON, not modules) spell the names by nature and are not scanned.
EXEMPT: dict[str, str] = {}


def _own_module(t: EventType) -> Path:
    return Path(sys.modules[t.model.__module__].__file__ or "").resolve()


def _squash(name: str) -> str:
    return name.replace("_", "").lower()


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string constants that are docstrings (prose, not code)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


@functools.cache
def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _spellings(path: Path, t: EventType) -> list[str]:
    tree = _parse(path)
    prose = _docstrings(tree)
    word = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(t.event_type)}(?![A-Za-z0-9_])", re.IGNORECASE)
    squashed = _squash(t.event_type)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose:
            if word.search(node.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: string {node.value[:60]!r}")
            continue
        names: list[str] = []
        if isinstance(node, ast.Name):
            names = [node.id]
        elif isinstance(node, ast.Attribute):
            names = [node.attr]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names = [node.name]
        elif isinstance(node, ast.arg):
            names = [node.arg]
        elif isinstance(node, ast.alias):
            names = [node.name, node.asname or ""]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        elif isinstance(node, ast.keyword):
            names = [node.arg or ""]
        found += [
            f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}: name {n}"
            for n in names
            if squashed in _squash(n)
        ]
    return found


@pytest.mark.parametrize("t", TYPES, ids=lambda t: t.name)
def test_no_module_outside_a_types_own_spells_its_name(t: EventType) -> None:
    """Only the type's own module says 'summit' (as a string or in a name); everything else asks the registry."""
    own = _own_module(t)
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.resolve() == own or str(path.relative_to(PACKAGE)) in EXEMPT:
            continue
        offenders += _spellings(path, t)
    assert offenders == []


def test_the_spelling_check_finds_a_spelling() -> None:
    """The scan sees a type's name in a string and in a name (so the test above can fail)."""
    t = TYPES[0]
    assert _spellings(_own_module(t), t)


def _pipeline(kb: Any, types: EventTypes = BUILTIN_TYPES) -> Any:
    import spacy  # a blank pipeline: no model is loaded, none is needed to build the stages
    from dipevents.core.pipeline import Pipeline

    return Pipeline(spacy.blank("en"), kb, types=types)


@pytest.mark.parametrize("t", TYPES, ids=lambda t: t.name)
def test_every_registered_type_reaches_every_derived_place(t: EventType, kb: Any) -> None:
    """Lexicon file, pipeline extractor, prefilter, dedup merge rule, evaluation, schemas, CLI and docs all know
    each registered type."""
    from dipevents.core.prefilter import is_candidate
    from dipevents.display import describe
    from dipevents.evaluation import TYPES as SCORED
    from dipevents.evaluation import Scores

    # lexicon: the type's section is a data file the knowledge base loads
    assert (PACKAGE / "data" / "lexicons" / f"{t.section}.json").is_file() or t.section in kb.lexicon
    assert t.section in kb.lexicon
    # pipeline: one extractor of the type, under its versioned name
    assert (t.name, t.event_type) in {(e.name, e.event_type) for e in _pipeline(kb).extractors}
    # prefilter: its predicate is asked
    asked: list[str] = []
    probe = replace(t, prefilter=replace(t.prefilter, parties=lambda actors: asked.append(actors) or True))
    leader = ActorMention(0, 5, "Putin", "leader", "Vladimir Putin", "president", "RUS")
    assert is_candidate("Putin met Abe and agreed to instruct ministers.", [leader], kb, EventTypes([probe]))
    assert asked
    # dedup: the fields its merge rule names exist on its model
    rule = t.merge
    assert {*rule.fill, *rule.union, *rule.union_by} <= set(t.model.model_fields)
    # evaluation: scored and summarised
    assert t.event_type in SCORED
    assert t.event_type in Scores({}, {}, {}).summary()["per_type_f1"]
    # schemas: the committed contract has the type
    schema = json.loads((ROOT / "schemas" / "event.schema.json").read_text(encoding="utf-8"))
    assert schema["discriminator"]["mapping"][t.event_type] == f"#/$defs/{t.model.__name__}"
    # CLI and consumers: one readable line per event of the type
    event = BUILTIN_TYPES.adapter.validate_python(
        {"event_id": "ev-1", "event_type": t.event_type, "countries": ["JPN"], "confidence": 1, "extractor": t.name}
    )
    assert describe(event).startswith(t.event_type)
    # docs: the definition and the README's table of types
    assert re.search(rf"^## `{t.event_type}`$", (ROOT / "docs" / "events.md").read_text(encoding="utf-8"), re.M)
    assert f"| `{t.event_type}` |" in (ROOT / "README.md").read_text(encoding="utf-8")
