"""review: every as_of older than the limit, oldest first, located, saying what the fact is and how
old."""

from __future__ import annotations

import json

import pytest

from support import edit_json, write_content
from support import run_cli as run

TODAY_EPOCH = "1795824000"  # 2026-11-28
TIP_LINE = "content/resources/tip-line.json"


@pytest.fixture
def content(tmp_path, monkeypatch):
    """SMALL_CONTENT in ./content, today 2026-11-28, with one fact 12 years old and one a year and a
    day old."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    root = write_content(tmp_path / "content")

    def date(data):
        data["source"]["as_of"] = "2025-11-27"  # 366 days ago
        data["body"][0]["source"]["as_of"] = (
            "2025-11"  # counts as 2025-11-30, 363 days ago: not due
        )
        data["contacts"][0]["source"]["as_of"] = "2014"

    edit_json(root / "resources/tip-line.json", date)
    return root


OLDEST = (
    f"{TIP_LINE}:31:18: $.contacts[0].source.as_of: warning: 2014, 11 years old: Tip Line, "
    'contact "Tip Line"'
)
A_YEAR_AND_A_DAY = (
    f"{TIP_LINE}:21:14: $.source.as_of: warning: 2025-11-27, 12 months old: Tip Line, entry source"
)


def test_lists_what_is_older_than_365_days_oldest_first_and_exits_0(content):
    result = run("review", "--content", "content")
    assert result.output.splitlines() == [
        OLDEST,
        A_YEAR_AND_A_DAY,
        "2 of 3 as_of dates are due for review: older than 365 days (before 2025-11-28).",
    ]
    assert result.exit_code == 0


def test_a_month_counts_from_its_last_day(content):
    result = run("review", "--content", "content", "--older-than", "362d")
    assert (
        f"{TIP_LINE}:11:18: $.body[0].source.as_of: warning: 2025-11, 11 months old: "
        'Tip Line, fact "Open all day."' in result.output.splitlines()
    )
    assert (
        result.output.splitlines()[-1]
        == "3 of 3 as_of dates are due for review: older than 362 days (before 2025-12-01)."
    )
    # 2025-11-30 is 363 days ago: not older than 363 days, though the month's first day is.
    assert (
        run("review", "--content", "content", "--older-than", "363d").output.splitlines()[-1]
        == "2 of 3 as_of dates are due for review: older than 363 days (before 2025-11-30)."
    )


def test_site_json_sets_the_limit_and_the_option_overrides_it(content):
    edit_json(content / "site.json", lambda d: d.update(review_after_days=3650))
    assert run("review", "--content", "content").output.splitlines() == [
        OLDEST,
        "1 of 3 as_of dates are due for review: older than 3650 days (before 2016-11-30).",
    ]
    assert (
        run("review", "--content", "content", "--older-than", "12m").output.splitlines()[-1]
        == "2 of 3 as_of dates are due for review: older than 12 months (before 2025-11-28)."
    )
    assert run("review", "--content", "content", "--older-than", "13y").output.splitlines() == [
        "Nothing is due for review: all 3 as_of dates are at most 13 years old (on or after "
        "2013-11-28)."
    ]


def test_strict_exits_1_when_anything_is_due(content):
    result = run("review", "--content", "content", "--strict")
    assert result.output.splitlines() == [
        OLDEST,
        A_YEAR_AND_A_DAY,
        "Error: 2 of 3 as_of dates are due for review: older than 365 days (before 2025-11-28).",
    ]
    assert result.exit_code == 1
    assert run("review", "--content", "content", "--strict", "--older-than", "20y").exit_code == 0


def test_github_annotates_each_fact_as_a_warning(content):
    result = run("review", "--content", "content", "--format", "github")
    assert result.output.splitlines()[:2] == [
        f"::warning file={TIP_LINE},line=31,col=18::$.contacts[0].source.as_of: 2014, 11 years "
        'old: Tip Line, contact "Tip Line"',
        f"::warning file={TIP_LINE},line=21,col=14::$.source.as_of: 2025-11-27, 12 months old: Tip "
        "Line, entry source",
    ]


def test_json_lists_each_fact(content):
    result = run("review", "--content", "content", "--format", "json")
    report = json.loads(result.stdout)
    assert report[0] == {
        "file": TIP_LINE,
        "line": 31,
        "column": 18,
        "path": "$.contacts[0].source.as_of",
        "message": '2014, 11 years old: Tip Line, contact "Tip Line"',
        "severity": "warning",
    }
    assert [item["path"] for item in report] == ["$.contacts[0].source.as_of", "$.source.as_of"]
    assert (
        result.stderr
        == "2 of 3 as_of dates are due for review: older than 365 days (before 2025-11-28).\n"
    )


def test_content_with_errors_is_not_reviewed(content):
    edit_json(content / "resources/tip-form.json", lambda d: d.update(kind="gadget"))
    result = run("review", "--content", "content")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "Error: 1 error(s), 0 warning(s); nothing was reviewed"


@pytest.mark.parametrize("age", ["12", "0d", "1w", "-3m", "lots"])
def test_an_age_that_is_not_days_months_or_years_is_a_usage_error(content, age):
    result = run("review", "--content", "content", "--older-than", age)
    assert result.exit_code == 2
    assert "is not an age such as 365d (days), 12m (months) or 1y (years)" in result.output
