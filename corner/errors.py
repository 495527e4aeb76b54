"""Shared by every step: the one error root, and the problems the content checks find.

An expected failure (CornerError) prints a clean message, never a traceback. Anything else is a
bug: InternalError says so in one line, or with -v shows the traceback (build.py).
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass

import click


class CornerError(click.ClickException):
    """An expected failure the user can fix (bad content, bad option, busy port)."""


BUG = "internal error (a bug in Corner, not a mistake in the content or the command)"
HOW_TO_SEE_IT = (
    "Run the same command again with -v (python build.py -v …) to see where it "
    "happened, and include that traceback when you report it."
)


class InternalError(CornerError):
    """An unexpected exception, which only a bug raises: one line naming it and how to see its
    traceback; with verbose (build.py -v), the traceback itself first."""

    def __init__(self, error: Exception, verbose: bool = False):
        self.error, self.verbose = error, verbose
        hint = "" if verbose else " " + HOW_TO_SEE_IT
        super().__init__(f"{BUG}: {type(error).__name__}: {error}.{hint}")

    def show(self, file=None) -> None:
        if self.verbose:
            click.echo("".join(traceback.format_exception(self.error)).rstrip(), err=True)
        super().show(file)


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
