"""The worker's composition around the stream shell: the lag exporter builds its settings through the composition
root without loading spaCy (review finding 20), and the ledger's counts are named, not set by attribute name."""

from __future__ import annotations

import subprocess
import sys

import pytest
from dipevents.stream.ledger import LedgerStats


def test_the_composition_root_imports_no_nlp_until_it_builds_it() -> None:
    """Importing dipevents.main and building settings (what the lag exporter does) leaves spaCy unloaded."""
    code = (
        "import sys; from dipevents.main import build_settings; build_settings(); "
        "import dipevents.stream.lag_exporter; print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "False"


def test_ledger_stats_count_only_their_three_kinds() -> None:
    """redelivered, recovered and quarantined add up; any other name is an error, not a new attribute."""
    stats = LedgerStats()
    for kind in ("redelivered", "recovered", "recovered", "quarantined"):
        stats.add(kind, 2)
    assert (stats.redelivered, stats.recovered, stats.quarantined) == (2, 4, 2)
    with pytest.raises(ValueError, match="unknown ledger count"):
        stats.add("lost", 1)
