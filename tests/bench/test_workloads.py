"""Where the bench finds real copy (bench.paths, bench.workloads), and what it falls back to."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import paths, realcopy, synthetic, workloads


def _clone_with_worktree(tmp_path: Path) -> tuple[Path, Path]:
    """A clone at tmp/work/main with shared/ beside it, and a worktree of it at tmp/elsewhere/wt."""
    main = tmp_path / "work" / "main"
    gitdir = main / ".git" / "worktrees" / "wt"
    gitdir.mkdir(parents=True)
    (gitdir / "commondir").write_text("../..\n", encoding="utf-8")
    (tmp_path / "work" / "shared" / "data" / "real").mkdir(parents=True)
    wt = tmp_path / "elsewhere" / "wt"
    wt.mkdir(parents=True)
    (wt / ".git").write_text(f"gitdir: {gitdir}\n", encoding="utf-8")
    return main, wt


def test_shared_data_is_found_beside_the_clone_a_worktree_belongs_to(tmp_path: Path) -> None:
    """A worktree created away from its clone still finds the clone's ../shared/data/<name>."""
    main, wt = _clone_with_worktree(tmp_path)
    expected = tmp_path / "work" / "shared" / "data" / "real"
    assert paths.shared_data("real", main) == expected
    assert paths.shared_data("real", wt) == expected
    assert paths.shared_data("plover-gsr", wt) is None


def test_without_real_copy_the_mixed_stream_is_the_synthetic_mix() -> None:
    """With no real-copy folder the mixed workload is the seeded synthetic mix, labelled as such."""
    assert realcopy.real_dir("none") is None
    w = workloads.mixed(10, seed=4, real=None)
    assert w.source == "synthetic" and "synthetic" in w.label
    assert w.articles == synthetic.build("mixed", 10, seed=4)


def test_a_folder_without_the_converter_is_refused(tmp_path: Path) -> None:
    """Naming a folder that is not the shared real-copy folder is an error, not a silent fallback."""
    with pytest.raises(FileNotFoundError, match=r"to_articles\.py"):
        realcopy.real_dir(str(tmp_path))


def test_real_stream_is_a_seeded_sample_of_reuters_stories() -> None:
    """With the shared folder present, the mixed stream is Reuters stories as valid Articles, the same sample
    for the same seed."""
    from dipevents.core.models import Article

    real = realcopy.real_dir()
    if real is None:
        pytest.skip("../shared/data/real is absent")
    a = workloads.mixed(15, seed=2, real=real, pool=300)
    assert a.source == "reuters21578" and len(a.articles) == 15
    assert all(x["article_id"].startswith("r87-") for x in a.articles)
    for art in a.articles:
        Article.model_validate(art)
    assert a.articles == workloads.mixed(15, seed=2, real=real, pool=300).articles
    assert a.articles != workloads.mixed(15, seed=3, real=real, pool=300).articles
