"""Every mistake an editor can make in a content file, and the exact message `build.py` gives for
it.

Each case of the corpus (tests/malformed_corpus.py) breaks one file of a small valid content
folder (tests/support.py SMALL_CONTENT); this runs `validate` and `build --strict` as an editor
would, and expects exactly the case's lines (then the summary), exit status 1, and nothing written.
"""

from __future__ import annotations

import pytest

from malformed_corpus import (
    CORPUS,
    KINDS,
    PHONE,
    RESOURCE_FIELDS,
    SITE,
    TIP_FORM,
    TIP_LINE,
    TIPS,
    TODAY_EPOCH,
    contact,
    copy_of,
    edit,
    with_fields,
)
from support import run_cli as run
from support import write_content

VALID = "2 resources in 1 sections: content is valid."


def summary(expected: list[str]) -> str:
    warnings = sum(": warning: " in line for line in expected)
    return f"Error: {len(expected) - warnings} error(s), {warnings} warning(s)"


@pytest.fixture
def content(tmp_path, monkeypatch):
    """SMALL_CONTENT in ./content, so messages name files as an editor in this folder types them."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    return write_content(tmp_path / "content")


def test_the_small_content_is_valid(content):
    result = run("validate", "--strict", "--content", "content")
    assert (result.exit_code, result.output) == (0, VALID + "\n")


@pytest.mark.parametrize("case", CORPUS, ids=[case.name for case in CORPUS])
def test_each_mistake_gets_its_exact_message_and_nothing_is_written(content, case):
    case.change(content / case.file)
    assert case.expected and all(line.startswith("content/") for line in case.expected)
    only_warnings = all(": warning: " in line for line in case.expected)

    checked = run("validate", "--content", "content")
    assert checked.output.splitlines() == [
        *case.expected,
        VALID if only_warnings else summary(case.expected),
    ]
    assert checked.exit_code == (0 if only_warnings else 1)

    built = run("build", "--strict", "--content", "content", "--out", "site")
    assert built.output.splitlines() == [
        *case.expected,
        summary(case.expected) + "; nothing was written to site",
    ]
    assert built.exit_code == 1
    assert not (content.parent / "site").exists()


def test_every_problem_in_every_file_is_reported_in_one_run_sorted_by_file_and_line(content):
    mistakes = [
        ("site.json", with_fields(theme_color="navy")),
        ("sections/tips.json", edit(lambda d: d["resources"].append("ghost"))),
        ("sections/more-tips.json", copy_of("sections/tips.json", id="more-tips")),
        ("resources/tip-line.json", contact(phone="123")),
        ("resources/tip-line.json", with_fields(titel="Tip Line")),
        ("resources/tip-form.json", with_fields(kind="gadget")),
    ]
    for relative, change in mistakes:
        change(content / relative)
    result = run("build", "--content", "content", "--out", "site")
    assert result.output.splitlines() == [
        f'{TIP_FORM}:6:11: $.kind: "gadget" is not one of: {KINDS}',
        f'{TIP_LINE}:26:16: $.contacts[0].phone: "123" is not valid here. Expected: {PHONE}',
        f'{TIP_LINE}:39:3: $.titel: unknown field "titel"; allowed fields: {RESOURCE_FIELDS}',
        'content/sections/more-tips.json:3:9: $.id: warning: section "more-tips" is not listed in '
        'site.json "sections", so it is never shown',
        f'{TIPS}:8:5: $.resources[2]: resource "ghost" does not exist: expected a file '
        "resources/ghost.json",
        f'{SITE}:7:18: $.theme_color: "navy" is not valid here. Expected: A colour as #rrggbb.',
        "Error: 5 error(s), 1 warning(s); nothing was written to site",
    ]
    assert result.exit_code == 1 and not (content.parent / "site").exists()
