"""The image's dependency locks: complete, pinned, hashed, for CPython 3.11 on linux x86_64, and the versions
the test venv runs (make install installs requirements.lock first), so the tests exercise what ships."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "requirements.lock"
BUILD_LOCK = REPO / "requirements-build.lock"
BUILD_IN = REPO / "requirements-build.in"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\]+)")


def _entries(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of a pip-compile/uv lock file."""
    out: dict[str, tuple[str, list[str]]] = {}
    current: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = ENTRY.match(line)
        if match:
            current = canonicalize_name(match[1])
            assert current not in out, f"{path.name}: {current} twice"
            out[current] = (match[2], [])
        elif line.strip().startswith("--hash=") and current is not None:
            out[current][1].append(line.strip().removesuffix("\\").strip())
        elif line.strip() and not line.lstrip().startswith("#"):
            raise AssertionError(f"{path.name}: unexpected line {line!r}")
    return out


def test_every_locked_requirement_is_pinned_and_hashed() -> None:
    """Each entry of both locks is name==version with at least one sha256 (pip --require-hashes needs it)."""
    for path in (LOCK, BUILD_LOCK):
        entries = _entries(path)
        assert entries, path.name
        for name, (_, hashes) in entries.items():
            assert hashes and all(re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", h) for h in hashes), (path.name, name)


def test_the_lock_satisfies_pyproject_and_leaves_out_installer_tools() -> None:
    """Every runtime dependency of pyproject.toml is locked at a version its range allows; no pip/setuptools."""
    entries = _entries(LOCK)
    for spec in PYPROJECT["project"]["dependencies"]:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in entries, f"{name} is not in requirements.lock: run `make lock`"
        assert req.specifier.contains(entries[name][0], prereleases=True), (name, entries[name][0], str(req))
    assert not {"pip", "setuptools", "wheel"} & set(entries), "installer tools do not belong in the runtime"
    assert entries["faust-streaming"][0] == "0.15.3", "the worker relies on faust-streaming 0.15.3 internals"


def test_locks_are_resolved_for_the_image_platform() -> None:
    """`make lock` resolves for CPython 3.11, manylinux x86_64 (the image), with hashes."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    (flags,) = re.findall(r"^LOCK_FLAGS := (.+)$", makefile, flags=re.MULTILINE)
    assert "--python-version 3.11" in flags and "--python-platform x86_64-manylinux" in flags
    assert "--generate-hashes" in flags
    for path in (LOCK, BUILD_LOCK):
        assert "#    make lock" in path.read_text(encoding="utf-8"), f"{path.name} is not written by `make lock`"


def test_build_lock_is_the_build_system_of_pyproject() -> None:
    """requirements-build.in lists pyproject's [build-system] requires; its lock satisfies them."""
    listed = [ln.strip() for ln in BUILD_IN.read_text(encoding="utf-8").splitlines() if ln.strip() and ln[0] != "#"]
    assert sorted(listed) == sorted(PYPROJECT["build-system"]["requires"])
    entries = _entries(BUILD_LOCK)
    for spec in listed:
        req = Requirement(spec)
        assert req.specifier.contains(entries[canonicalize_name(req.name)][0]), spec


def test_the_test_venv_runs_the_locked_versions() -> None:
    """The venv these tests run in has exactly the locked runtime versions (`make install` installs the lock)."""
    different = {}
    for name, (pinned, _) in _entries(LOCK).items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        if installed != pinned:
            different[name] = (installed, pinned)
    assert not different, f"installed != locked (run `make install`): {different}"


def test_the_dockerfile_installs_only_hash_checked_locks() -> None:
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r requirements-build.lock" in dockerfile
    assert re.search(r"--require-hashes --no-deps\s*\\\s*-r requirements\.lock", dockerfile)
    assert "--no-build-isolation" in dockerfile, "the wheel is built with the locked setuptools, nothing fetched"
