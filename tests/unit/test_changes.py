"""What changed between builds, as the update prompt and the What's new page tell it."""

from __future__ import annotations

import copy
import datetime
import json

import pytest

from corner.content import load_content
from corner.content.known import fingerprint
from corner.site.changes import CONTENT_MANIFEST, HISTORY_LENGTH, edition, read_previous
from support import DEFAULT_CONTENT


@pytest.fixture(scope="module")
def content():
    loaded, _ = load_content(DEFAULT_CONTENT, datetime.date(2026, 11, 28))
    return loaded


def previous_of(result) -> dict:
    return json.loads(result.content_manifest)


def test_a_first_build_is_dated_and_counts_what_it_published(content):
    first = edition(content, None, "2026-11-01")
    assert first.date == "2026-11-01"
    assert first.history == [{"date": "2026-11-01", "content": first.content, "published": 20}]


def test_unchanged_content_keeps_its_date_history_and_bytes(content):
    first = edition(content, None, "2026-11-01")
    again = edition(content, previous_of(first), "2026-11-28")
    assert (again.date, again.history, again.content_manifest) == (
        first.date,
        first.history,
        first.content_manifest,
    )


def test_changes_name_resources_added_updated_and_removed_by_title(content):
    first = edition(content, None, "2026-11-01")
    changed = copy.deepcopy(content)
    changed.resources["hsi-tip-line"]["title"] = "HSI Tip Line (new)"
    changed.resources["foia-library"]["summary"] += " More."
    del changed.resources["tool-kit-for-prosecutors"]
    changed.resources["new-entry"] = {
        **content.resources["human-trafficking"],
        "id": "new-entry",
        "title": "A New Entry",
    }
    second = edition(changed, previous_of(first), "2026-11-28")
    entry = second.history[0]
    assert second.date == "2026-11-28" and second.history[1:] == first.history
    assert entry["added"] == [{"id": "new-entry", "title": "A New Entry"}]
    assert entry["updated"] == [
        {"id": "foia-library", "title": "FOIA Library"},
        {"id": "hsi-tip-line", "title": "HSI Tip Line (new)"},
    ]
    assert entry["removed"] == [
        {"id": "tool-kit-for-prosecutors", "title": "Tool Kit for Prosecutors"}
    ]
    assert entry["other"] is False


def test_site_or_section_changes_are_noted_and_history_is_kept_short(content):
    result = edition(content, None, "2026-01-01")
    changed = copy.deepcopy(content)
    for day in range(1, HISTORY_LENGTH + 3):
        changed.site["description"] = f"Edition {day}"
        result = edition(changed, previous_of(result), f"2026-02-{day:02d}")
    assert len(result.history) == HISTORY_LENGTH
    assert result.history[0] == {
        "date": f"2026-02-{HISTORY_LENGTH + 2:02d}",
        "content": result.content,
        "added": [],
        "updated": [],
        "removed": [],
        "other": True,
    }


def test_field_office_and_synonym_changes_are_named_apart(content):
    first = edition(content, None, "2026-11-01")
    offices = copy.deepcopy(content)
    offices.field_offices["offices"][0]["name"] = "Atlanta (moved)"
    second = edition(offices, previous_of(first), "2026-11-02")
    assert second.content != first.content
    assert {key: second.history[0][key] for key in ("other", "finder")} == {
        "other": False,
        "finder": True,
    }
    assert "words" not in second.history[0]
    words = copy.deepcopy(offices)
    words.synonyms["groups"].append(["warrant", "detainer"])
    third = edition(words, previous_of(second), "2026-11-03")
    assert third.history[0]["words"] is True and "finder" not in third.history[0]


def test_a_manifest_from_before_those_parts_were_fingerprinted_reads_as_unchanged(content):
    older = previous_of(edition(content, None, "2026-11-01"))
    for key in ("finder", "words"):
        del older[key]
    # Its digest was made of what it held.
    older["content"] = older["history"][0]["content"] = fingerprint(
        {"resources": older["resources"], "other": older["other"]}
    )
    again = edition(content, older, "2026-11-28")
    assert (again.date, again.content, again.history) == (
        "2026-11-01",
        older["content"],
        older["history"],
    )
    assert {"finder", "words"} <= previous_of(again).keys()  # compared from now on


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        '{"version": 99, "resources": {}, "history": []}',
        '{"version": 1, "resources": {"x": 1}, "history": []}',
        '{"version": 1, "resources": {}, "history": ["x"]}',
    ],
)
def test_an_unreadable_previous_manifest_is_treated_as_a_first_build(tmp_path, text):
    (tmp_path / CONTENT_MANIFEST).write_text(text)
    assert read_previous(tmp_path) is None
    assert read_previous(tmp_path / "missing") is None
