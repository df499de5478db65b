"""One lexicon source: every word list in data/lexicons is read by some module, and every list the code names
exists. (A list nobody reads is a list whose edits change nothing.)"""

from __future__ import annotations

import ast
import functools
import json
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "service" / "dipevents"
LEXICONS = PACKAGE / "data" / "lexicons"
READERS = {"words", "word_map", "pattern"}  # Knowledge methods that take a lexicon path


def lexicon_lists() -> list[tuple[str, str]]:
    """(section, list) for every list of every lexicon file; keys starting with '_' document the others."""
    out = []
    for path in sorted(LEXICONS.glob("*.json")):
        out += [(path.stem, k) for k in json.loads(path.read_text(encoding="utf-8")) if not k.startswith("_")]
    return out


@functools.cache
def modules() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def references(tree: ast.AST, module: Path) -> list[tuple[int, tuple[str, ...]]]:
    """Lexicon paths spelled in calls: kb.words("summit", "verbs"), and in a type's module (whose lexicon section
    is the module's name) Prefilter(triggers=(...), narrow=...) and MainMeeting(mention_words=...)."""
    found: list[tuple[int, tuple[str, ...]]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        strings = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if name in READERS and strings and len(strings) == len(node.args):
            found.append((node.lineno, tuple(strings)))
        elif name == "Prefilter":
            lists = [
                e.value
                for k in node.keywords
                if k.arg in ("triggers", "narrow", "impersonal")
                for e in (k.value.elts if isinstance(k.value, ast.Tuple) else [k.value])
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
            ]
            found += [(node.lineno, (module.stem, w)) for w in lists]
        elif name == "MainMeeting":
            words = [k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)]
            found += [(node.lineno, (module.stem, w)) for w in words]
    return found


@functools.cache
def all_references() -> dict[tuple[str, ...], list[str]]:
    out: dict[tuple[str, ...], list[str]] = {}
    for path, tree in modules().items():
        for line, ref in references(tree, path):
            out.setdefault(ref, []).append(f"{path.relative_to(PACKAGE)}:{line}")
    return out


def test_there_are_lexicon_files_and_no_leftover_word_list_file() -> None:
    """The lexicons are per-type and shared files; the old catch-all triggers.json is gone."""
    names = {p.stem for p in LEXICONS.glob("*.json")}
    assert {"modality", "inflection", "state_bodies"} <= names
    assert "triggers" not in names


@pytest.mark.parametrize(("section", "name"), lexicon_lists(), ids=lambda x: x)
def test_every_lexicon_list_is_read_by_some_module(section: str, name: str) -> None:
    """Some module of the package reads the list (a lexicon call naming it, or a part of it)."""
    readers = [ref for ref in all_references() if ref[:2] == (section, name)]
    assert readers, f"nothing reads lexicons/{section}.json {name!r}: use it or remove it"


def test_every_list_the_code_names_exists() -> None:
    """kb.words/word_map/pattern and trigger_forms calls name lists that are in the data files."""
    data = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in LEXICONS.glob("*.json")}
    dangling = []
    for ref, places in all_references().items():
        node = data
        for part in ref:
            if not isinstance(node, dict) or part not in node:
                dangling.append(f"{places}: {'/'.join(ref)}")
                break
            node = node[part]
    assert dangling == []


def test_the_reference_scan_sees_the_code() -> None:
    """The scan finds the lexicon reads of the type modules (so the test above can fail)."""
    refs = set(all_references())
    assert ("modality", "aux") in refs
    assert any(len(ref) == 2 and ref[1] == "agree_verbs" for ref in refs)
