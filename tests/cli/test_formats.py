"""validate --format github|json: the same problems, for a GitHub Actions workflow and for tools."""

from __future__ import annotations

import json

import pytest

from support import edit_json, write_content
from support import run_cli as run

TIP_LINE = "content/resources/tip-line.json"
PHONE_MESSAGE = (
    '"123" is not valid here. Expected: A phone number in international form: +, country code, a '
    "space, then digit groups separated by hyphens, e.g. +1 802-872-6000."
)
UNLISTED = (
    'resource "tip-form" is in no section, so only search finds it; list it in a '
    "content/sections/*.json file"
)


@pytest.fixture
def content(tmp_path, monkeypatch):
    """SMALL_CONTENT in ./content with one error (a phone number) and one warning (an entry in no
    section)."""
    monkeypatch.chdir(tmp_path)
    root = write_content(tmp_path / "content")
    edit_json(root / "resources/tip-line.json", lambda d: d["contacts"][0].update(phone="123"))
    edit_json(root / "sections/tips.json", lambda d: d["resources"].remove("tip-form"))
    return root


def test_github_prints_a_workflow_command_per_problem_on_stdout(content):
    result = run("validate", "--content", "content", "--format", "github")
    assert result.stdout.splitlines() == [
        f"::warning file=content/resources/tip-form.json,line=3,col=9::$.id: {UNLISTED}",
        f"::error file={TIP_LINE},line=26,col=16::$.contacts[0].phone: {PHONE_MESSAGE}",
    ]
    assert result.stderr == "Error: 1 error(s), 1 warning(s)\n"
    assert result.exit_code == 1


def test_json_prints_one_list_on_stdout_and_the_summary_on_stderr(content):
    result = run("validate", "--content", "content", "--format", "json")
    assert json.loads(result.stdout) == [
        {
            "file": "content/resources/tip-form.json",
            "line": 3,
            "column": 9,
            "path": "$.id",
            "message": UNLISTED,
            "severity": "warning",
        },
        {
            "file": TIP_LINE,
            "line": 26,
            "column": 16,
            "path": "$.contacts[0].phone",
            "message": PHONE_MESSAGE,
            "severity": "error",
        },
    ]
    assert result.stderr == "Error: 1 error(s), 1 warning(s)\n"
    assert result.exit_code == 1


def test_warnings_alone_pass_unless_strict_in_every_format(content):
    edit_json(
        content / "resources/tip-line.json",
        lambda d: d["contacts"][0].update(phone="+1 866-347-2423"),
    )
    github = run("validate", "--content", "content", "--format", "github")
    assert (github.exit_code, github.stdout) == (
        0,
        f"::warning file=content/resources/tip-form.json,line=3,col=9::$.id: {UNLISTED}\n"
        "2 resources in 1 sections: content is valid.\n",
    )
    as_json = run("validate", "--content", "content", "--format", "json")
    assert as_json.exit_code == 0 and [p["severity"] for p in json.loads(as_json.stdout)] == [
        "warning"
    ]
    assert as_json.stderr == "2 resources in 1 sections: content is valid.\n"
    assert run("validate", "--content", "content", "--format", "json", "--strict").exit_code == 1


def test_valid_content_is_an_empty_list_in_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_content(tmp_path / "content")
    result = run("validate", "--content", "content", "--format", "json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_an_unknown_format_is_a_usage_error(content):
    result = run("validate", "--content", "content", "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of 'text', 'github', 'json'" in result.output
