"""Shared by the commands: print located problems for a person (text), for GitHub Actions
(workflow commands) or for tools (JSON).

text    content/resources/x.json:12:5: $.contacts[0].phone: message   (on stderr, as ever)
github  ::error file=content/resources/x.json,line=12,col=5::$.contacts[0].phone: message
json    [{"file": …, "line": 12, "column": 5, "path": "$.contacts[0].phone", "message": …,
          "severity": "error"}]

The machine formats go to stdout, so a workflow or a tool reads them alone; in json the summary goes
to stderr, keeping stdout one JSON document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

import click

from .content import Content, check_content
from .errors import ContentError, CornerError, Problem

FORMATS = ("text", "github", "json")


def _escape_data(text: str) -> str:
    """A workflow command's message, escaped as @actions/core's command.ts escapeData does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property value (file=…), escaped as command.ts escapeProperty does."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(problem: Problem) -> str:
    """The problem as a GitHub Actions workflow command, which the pull request shows beside the
    line."""
    properties = [f"file={_escape_property(problem.file)}"]
    if problem.line:
        properties += [f"line={problem.line}", f"col={problem.column}"]
    command = "warning" if problem.severity == "warning" else "error"
    message = _escape_data(f"{problem.json_path}: {problem.message}")
    return f"::{command} {','.join(properties)}::{message}"


def as_json(problems: list[Problem]) -> str:
    """The problems as a JSON list; line and column are null where the place in the file is
    unknown."""
    return json.dumps(
        [
            {
                "file": problem.file,
                "line": problem.line or None,
                "column": problem.column or None,
                "path": problem.json_path,
                "message": problem.message,
                "severity": problem.severity,
            }
            for problem in problems
        ],
        indent=2,
        ensure_ascii=False,
    )


def print_problems(problems: list[Problem], fmt: str) -> None:
    """Print every problem in the format."""
    if fmt == "text":
        for problem in problems:
            click.echo(str(problem), err=True)
    elif fmt == "github":
        for problem in problems:
            click.echo(github_command(problem))
    else:
        click.echo(as_json(problems))


def show(problems: list[Problem], fmt: str, summary: str) -> None:
    """Print every problem in the format, then the summary line."""
    print_problems(problems, fmt)
    click.echo(summary, err=fmt == "json")


def fail(problems: list[Problem], fmt: str, summary: str) -> NoReturn:
    """Print every problem in the format, then end with the summary as an error (exit status 1)."""
    print_problems(problems, fmt)
    raise CornerError(summary)


def checked_content(
    content_dir: Path, fmt: str, strict: bool = False, consequence: str = ""
) -> tuple[Content, list[Problem]]:
    """The content and its warnings; if it cannot be used, its problems in the format and exit
    status 1."""
    try:
        return check_content(content_dir, strict, consequence)
    except ContentError as error:
        fail(error.problems, fmt, error.message)
