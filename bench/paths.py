"""Where the bench reads from: this checkout, its labelled fixtures, and the shared real-copy folder beside it.

Real copy (Reuters-21578, Wikinews) is never part of the project: it lives in `shared/data/real` next to the
checkout and is absent on a user's fresh clone, so everything that reads it treats "absent" as a normal case.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
RESULTS = REPO / "bench" / "results"
DOC = REPO / "docs" / "benchmarks.md"
KAFKACTL = REPO / "deploy" / "kafka" / "kafkactl"


def checkout_roots(repo: Path = REPO) -> list[Path]:
    """This checkout and, when it is a `git worktree`, the main checkout it belongs to: `shared/` sits beside
    the clone, and a worktree created elsewhere still belongs to that clone."""
    roots = [repo]
    dot_git = repo / ".git"
    if dot_git.is_file():  # a worktree: ".git" holds "gitdir: <main>/.git/worktrees/<name>"
        text = dot_git.read_text(encoding="utf-8").strip()
        if text.startswith("gitdir:"):
            gitdir = (repo / text.split(":", 1)[1].strip()).resolve()
            common = gitdir / "commondir"
            if common.is_file():
                main_git = (gitdir / common.read_text(encoding="utf-8").strip()).resolve()
                roots.append(main_git.parent)
    return roots


def shared_data(name: str, repo: Path = REPO) -> Path | None:
    """`<checkout>/../shared/data/<name>` if it exists (None otherwise: the caller falls back or skips)."""
    for root in checkout_roots(repo):
        candidate = root.parent / "shared" / "data" / name
        if candidate.is_dir():
            return candidate
    return None
