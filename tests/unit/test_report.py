"""Problems as GitHub Actions workflow commands and as JSON."""

from __future__ import annotations

import json

from corner.errors import Problem
from corner.report import as_json, github_command


def test_a_located_error_becomes_an_error_command_with_file_line_and_column():
    problem = Problem("content/resources/x.json", 12, 5, "$.title", "expected text")
    assert (
        github_command(problem)
        == "::error file=content/resources/x.json,line=12,col=5::$.title: expected text"
    )


def test_a_warning_without_a_place_names_only_the_file():
    problem = Problem("content/resources", 0, 0, "$", "no resources found", "warning")
    assert github_command(problem) == "::warning file=content/resources::$: no resources found"


def test_percent_and_line_breaks_are_escaped_in_the_message_and_colon_and_comma_in_properties():
    # As @actions/core escapes them: otherwise "a,b" would end the file property and a line break
    # the command.
    problem = Problem("content/a,b:c%.json", 1, 2, "$.body[0]", "100% sure,\r\nreally: yes")
    assert (
        github_command(problem)
        == "::error file=content/a%2Cb%3Ac%25.json,line=1,col=2::$.body[0]: 100%25 "
        "sure,%0D%0Areally: yes"
    )


def test_json_gives_each_field_and_null_where_the_place_is_unknown():
    problems = [
        Problem("a.json", 3, 4, "$.id", 'id "x" is wrong'),
        Problem("b.json", message="missing", severity="warning"),
    ]
    assert json.loads(as_json(problems)) == [
        {
            "file": "a.json",
            "line": 3,
            "column": 4,
            "path": "$.id",
            "message": 'id "x" is wrong',
            "severity": "error",
        },
        {
            "file": "b.json",
            "line": None,
            "column": None,
            "path": "$",
            "message": "missing",
            "severity": "warning",
        },
    ]
