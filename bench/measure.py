"""What a run measures about itself: CPU and wall time of a block, peak memory, the machine, the commit.

Rates are per CPU-second of the measuring process first (every side is single-threaded here, so a CPU-second is
a core-second, and the figure barely moves when other work shares the machine); wall-clock rates ride along.
"""

from __future__ import annotations

import os
import platform
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from bench.paths import REPO


@dataclass
class Timing:
    wall: float = 0.0
    cpu: float = 0.0


@contextmanager
def timed() -> Iterator[Timing]:
    """Wall and process CPU seconds of the block (CPU: every thread of this process)."""
    t = Timing()
    w0, c0 = time.perf_counter(), time.process_time()
    try:
        yield t
    finally:
        t.wall, t.cpu = time.perf_counter() - w0, time.process_time() - c0


def word_count(text: str) -> int:
    return len(text.split())


def rates(articles: Sequence[dict[str, Any]], t: Timing) -> dict[str, Any]:
    words = sum(word_count(a["body"]) for a in articles)
    cpu, wall = max(t.cpu, 1e-9), max(t.wall, 1e-9)
    return {
        "articles": len(articles),
        "words": words,
        "seconds": round(wall, 3),
        "cpu_seconds": round(cpu, 3),
        "articles_per_s": round(len(articles) / wall, 2),
        "articles_per_cpu_s": round(len(articles) / cpu, 2),
        "words_per_cpu_s": round(words / cpu, 1),
    }


def percentiles(values: Sequence[float], ps: Sequence[int] = (50, 95, 99)) -> dict[str, float | None]:
    """Nearest-rank percentiles (no interpolation between samples), rounded to 0.1 ms."""
    if not values:
        return {f"p{p}": None for p in ps}
    s = sorted(values)
    return {f"p{p}": round(s[min(len(s) - 1, max(0, -(-p * len(s) // 100) - 1))], 4) for p in ps}


def memory_mb() -> dict[str, float]:
    """Peak (VmHWM) and current (VmRSS) resident memory of this process, MB."""
    out: dict[str, float] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    out[key] = round(int(rest.split()[0]) / 1024, 1)
    except OSError:  # no /proc: ru_maxrss is the peak (KB on Linux)
        import resource

        out["VmHWM"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return {"peak_mb": out.get("VmHWM", 0.0), "current_mb": out.get("VmRSS", 0.0)}


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    ram_gb = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), cpu)
        with open("/proc/meminfo", encoding="ascii") as f:
            kb = next(int(ln.split()[1]) for ln in f if ln.startswith("MemTotal:"))
            ram_gb = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration):
        pass
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": cpu,
        "ram_gb": ram_gb,
        "python": platform.python_version(),
    }


def git_rev() -> str:
    """Short commit, with "+dirty" when service/ or bench/ differ from it (what the numbers describe)."""
    try:
        rev = _git("rev-parse", "--short", "HEAD")
        dirty = _git("status", "--porcelain", "--untracked-files=no", "service", "bench")
        return rev + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()


def loadavg() -> float:
    return round(os.getloadavg()[0], 2)
