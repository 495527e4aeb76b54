"""The one error root: expected failures print a clean message, never a traceback."""
from __future__ import annotations

from dataclasses import dataclass

import click


class CornerError(click.ClickException):
    """An expected failure the user can fix (bad content, bad option, busy port)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can."""

    file: str
    line: int = 0
    column: int = 0
    json_path: str = "$"
    message: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        label = "warning: " if self.severity == "warning" else ""
        return f"{where}: {self.json_path}: {label}{self.message}"


class ContentError(CornerError):
    """The content has problems; carries every one of them, sorted by file and line."""

    def __init__(self, problems: list[Problem], consequence: str = ""):
        self.problems = sorted(problems)
        errors = sum(p.severity == "error" for p in self.problems)
        warnings = len(self.problems) - errors
        summary = f"{errors} error(s), {warnings} warning(s)"
        if consequence:
            summary += f"; {consequence}"
        super().__init__(summary)

    def show(self, file=None) -> None:
        """Print each problem on its own line (file:line:col: path: message), then the summary."""
        for problem in self.problems:
            click.echo(str(problem), err=True)
        super().show(file)
