"""The review command: every as_of date older than a limit, oldest first, saying what the fact is
and how old. Step 1 of the build (content/) first.

A date can be a day (2025-09-30), a month (2025-09) or a year (2014). A month or year counts from
its last day (2025-09-30, 2014-12-31): the fact was confirmed some time within it, so it is due
only once even its latest possible day is older than the limit. (content/load.py future_dates, the
other way round, calls a month future only once its first day is.)
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import click

from .. import report
from ..content import Content, today
from ..content.jsonfile import Document, walk
from ..errors import Problem

DEFAULT_DAYS = 365
LIMIT = re.compile(r"^([1-9][0-9]{0,4})\s*([dmy])$")
UNITS = {"d": "day", "m": "month", "y": "year"}


@dataclass(frozen=True)
class Limit:
    """How old a fact may get before it is due: a number of days, months or years."""

    count: int
    unit: str  # d, m or y

    def cutoff(self, today: datetime.date) -> datetime.date:
        """The earliest date not yet due: today, that many days, months or years back."""
        if self.unit == "d":
            return today - datetime.timedelta(days=self.count)
        months = today.year * 12 + today.month - 1 - self.count * (12 if self.unit == "y" else 1)
        year, month = divmod(months, 12)
        # 31 March less one month is 28 or 29 February.
        day = min(today.day, calendar.monthrange(year, month + 1)[1])
        return datetime.date(year, month + 1, day)

    def __str__(self) -> str:
        return f"{self.count} {UNITS[self.unit]}{'s' if self.count != 1 else ''}"


class LimitType(click.ParamType):
    """--older-than: 365d, 12m or 1y."""

    name = "AGE"

    def convert(self, value, param, ctx) -> Limit:
        if isinstance(value, Limit):
            return value
        match = LIMIT.match(str(value).strip().lower())
        if not match:
            self.fail(
                f"{value!r} is not an age such as 365d (days), 12m (months) or 1y (years)",
                param,
                ctx,
            )
        return Limit(int(match[1]), match[2])


def last_day(as_of: str) -> datetime.date:
    """The latest day a date, month or year can mean: 2025-09-30 for 2025-09, 2014-12-31 for
    2014."""
    if len(as_of) == 4:
        return datetime.date(int(as_of), 12, 31)
    if len(as_of) == 7:
        year, month = int(as_of[:4]), int(as_of[5:])
        return datetime.date(year, month, calendar.monthrange(year, month)[1])
    return datetime.date.fromisoformat(as_of)


def age(day: datetime.date, today: datetime.date) -> str:
    """How long ago a day was, as an editor says it: '45 days', '14 months', '12 years' (whole
    ones, rounded down)."""
    days = (today - day).days
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    if days < 60:
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{months} months" if months < 24 else f"{months // 12} years"


def _shortened(text: str, length: int = 50) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def describe(document: Document, parts: tuple) -> str:
    """What the fact dated at parts is, in an editor's words: 'Tip Line, contact "HSI Tip Line"'."""
    data, owner = document.data, parts[:-2]  # the as_of's source, and what that source belongs to
    if document.path.name == "site.json":
        if owner == ("introduction_source",):
            return "site introduction source"
        return f"site.json {'.'.join(map(str, parts))}"
    if document.path.name == "field-offices.json":
        return "field-office list source"
    title = data.get("title", document.path.stem)
    if owner == ():
        return f"{title}, entry source"
    if len(owner) == 2 and owner[0] == "contacts":
        return f'{title}, contact "{data["contacts"][owner[1]].get("label", owner[1] + 1)}"'
    if len(owner) == 2 and owner[0] == "body":
        return f'{title}, fact "{_shortened(data["body"][owner[1]].get("text", ""))}"'
    return f"{title}, {'.'.join(map(str, parts))}"


def dated_facts(content: Content) -> list[tuple[datetime.date, Document, tuple, str]]:
    """(last day it can mean, document, path, as_of) of every as_of in the content."""
    return [
        (last_day(value), document, parts, value)
        for document in content.documents
        for parts, value in walk(document.data)
        if parts and parts[-1] == "as_of" and isinstance(value, str)
    ]


def due(content: Content, limit: Limit, today: datetime.date) -> list[Problem]:
    """A warning at each as_of older than the limit, oldest first (then by file and line)."""
    cutoff = limit.cutoff(today)
    found = sorted(
        (
            day,
            document.problem(
                parts,
                f"{value}, {age(day, today)} old: {describe(document, parts)}",
                severity="warning",
            ),
        )
        for day, document, parts, value in dated_facts(content)
        if day < cutoff
    )
    return [problem for _, problem in found]


def review(content_dir: Path, older_than: Limit | None, strict: bool, fmt: str) -> None:
    """The review command: list what is due for re-checking; with strict, exit status 1 if
    anything is."""
    content, _ = report.checked_content(content_dir, fmt, consequence="nothing was reviewed")
    limit = older_than or Limit(content.site.get("review_after_days", DEFAULT_DAYS), "d")
    day = today()
    problems = due(content, limit, day)
    total = len(dated_facts(content))
    cutoff = limit.cutoff(day).isoformat()
    if not problems:
        report.show(
            [],
            fmt,
            f"Nothing is due for review: all {total} as_of dates are at most "
            f"{limit} old (on or after {cutoff}).",
        )
        return
    summary = (
        f"{len(problems)} of {total} as_of dates are due for review: older than {limit} "
        f"(before {cutoff})."
    )
    if strict:
        report.fail(problems, fmt, summary)
    report.show(problems, fmt, summary)
