"""review's dates: how a month or year compares, how far back a limit reaches, how an age reads."""

from __future__ import annotations

import datetime

import pytest

from corner.commands.review import Limit, age, last_day

D = datetime.date


@pytest.mark.parametrize(
    ("as_of", "day"),
    [
        ("2025-09-30", D(2025, 9, 30)),
        ("2025-09", D(2025, 9, 30)),
        ("2024-02", D(2024, 2, 29)),
        ("2023-02", D(2023, 2, 28)),
        ("2014", D(2014, 12, 31)),
    ],
)
def test_a_month_or_year_means_its_last_day(as_of, day):
    assert last_day(as_of) == day


@pytest.mark.parametrize(
    ("limit", "today", "cutoff"),
    [
        (Limit(365, "d"), D(2026, 11, 28), D(2025, 11, 28)),
        (Limit(12, "m"), D(2026, 11, 28), D(2025, 11, 28)),
        (Limit(1, "m"), D(2026, 3, 31), D(2026, 2, 28)),  # no 31 February: its last day
        (Limit(1, "y"), D(2024, 2, 29), D(2023, 2, 28)),
        (Limit(14, "m"), D(2026, 1, 15), D(2024, 11, 15)),
    ],
)
def test_a_limit_reaches_back_whole_days_months_or_years(limit, today, cutoff):
    assert limit.cutoff(today) == cutoff


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (D(2026, 11, 27), "1 day"),
        (D(2026, 9, 30), "59 days"),
        (D(2026, 9, 28), "2 months"),
        (D(2025, 11, 29), "11 months"),
        (D(2024, 11, 29), "23 months"),
        (D(2024, 11, 28), "2 years"),
        (D(2013, 12, 31), "12 years"),
    ],
)
def test_an_age_reads_in_days_then_months_then_years(day, words):
    assert age(day, D(2026, 11, 28)) == words
