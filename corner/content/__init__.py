"""Step 1 of the build: load content/ and check it, before anything is made or written.

    jsonfile.py       read one JSON file; lines and columns for its problems
    schema.py         check a file against its schema in schema/, in an editor's words
    field_offices.py  field-offices.json: the places it knows, checks across the offices
    synonyms.py       synonyms.json: checks across its groups
    references.py     what no schema sees across files: missing files and pages, unlisted entries
    load.py           read the whole folder into Content; ids and file names, dates
    known.py          what a load keeps for the next: files found valid, entries' fingerprints

Every command starts here: check_content gives the content, or raises ContentError with every
problem found, so nothing is built from content with an error.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, CornerError, Problem
from .load import Content, load_content, today

__all__ = ["Content", "check_content", "load_content", "today"]


def check_content(
    content_dir: Path, strict: bool = False, consequence: str = ""
) -> tuple[Content, list[Problem]]:
    """Load and check the content; raise ContentError listing every problem if it cannot be
    built (with strict, if it has warnings too). The content and its warnings otherwise."""
    if not content_dir.is_dir():
        raise CornerError(f"content folder not found: {content_dir}")
    content, problems = load_content(content_dir, today())
    warnings = [p for p in problems if p.severity == "warning"]
    if content is None or (strict and warnings):
        raise ContentError(problems, consequence)
    return content, warnings
