"""The validate command: every problem of the content, in the format; exit status 1 on any error.

Step 1 of the build alone (content/): nothing is made or written.
"""

from __future__ import annotations

from pathlib import Path

from .. import report


def validate(content_dir: Path, strict: bool, fmt: str) -> None:
    """The validate command: every problem of the content, in the format; exit status 1 on any
    error (with strict, on any warning too)."""
    content, warnings = report.checked_content(content_dir, fmt, strict)
    report.show(
        warnings,
        fmt,
        f"{len(content.resources)} resources in {len(content.sections)} "
        "sections: content is valid.",
    )
