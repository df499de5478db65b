"""Month and weekday words come from one data file (data/calendar.json): dates, hygiene and syndication read it."""

from __future__ import annotations

from datetime import date

import pytest
from dipevents.core.calendar_words import MONTH_FORMS, WEEKDAY_NAMES
from dipevents.core.dates import find_dates
from dipevents.core.normalize import normalize

REF = date(2021, 6, 30)


@pytest.mark.parametrize(("number", "forms"), list(enumerate(MONTH_FORMS, start=1)))
def test_every_month_form_in_the_file_is_read_as_its_month(number: int, forms: tuple[str, ...]) -> None:
    """Each name and abbreviation listed for a month resolves a written date to that month."""
    for form in forms:
        (found,) = [d for d in find_dates(f"The envoys signed it on {form} 9, 2019.", REF) if d.precision == "day"]
        assert found.value == date(2019, number, 9), form


def test_every_weekday_in_the_file_is_read() -> None:
    """The seven weekday names of the file, Monday first, resolve to the last such day before publication."""
    assert len(WEEKDAY_NAMES) == 7
    for i, name in enumerate(WEEKDAY_NAMES):
        (found,) = find_dates(f"The ministers spoke on {name}.", REF)
        assert found.value is not None and found.value.weekday() == i


def test_a_month_abbreviation_does_not_end_a_sentence() -> None:
    """Hygiene reads the file's abbreviations: 'Sept. 9' stays inside its sentence."""
    clean = normalize("The envoys met on Sept. 9 in Vienna. They agreed on a date.")
    assert [s.text for s in clean.sentences] == ["The envoys met on Sept. 9 in Vienna.", "They agreed on a date."]
