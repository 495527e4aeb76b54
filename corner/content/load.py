"""Step 1, loading: read content/ into Content, checking each file and the files against each other.

Every file is parsed (jsonfile.py) and checked against its schema (schema.py); then what no schema
can see: references between files (references.py), ids that match file names, dates in the future,
and the optional files' own cross-checks (field_offices.py, synonyms.py). Every problem is
collected, so validate can report them all at once; the content is returned only if none is an
error.
"""

from __future__ import annotations

import datetime
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem
from . import known
from .field_offices import office_problems
from .jsonfile import Document, display_path, read_document
from .references import reference_problems, unlisted_problems
from .schema import schema_problems
from .synonyms import synonym_problems

# An as_of text as JSON without escapes writes it.
AS_OF_IN_TEXT = re.compile(r'"as_of"\s*:\s*"([^"]*)"')
# The last time zone to leave a date: a fact dated "today" anywhere on Earth is not in the future.
LATEST_TIME_ZONE = datetime.timezone(datetime.timedelta(hours=14))


def source_date() -> datetime.date | None:
    """The day SOURCE_DATE_EPOCH names, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not (epoch and epoch.isdigit()):
        return None
    return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()


def today() -> datetime.date:
    """Today's latest date anywhere (or SOURCE_DATE_EPOCH's): no fact dated today is in the
    future."""
    return source_date() or datetime.datetime.now(LATEST_TIME_ZONE).date()


@dataclass
class Content:
    """Everything the renderer needs, checked and cross-referenced."""

    site: dict
    sections: list[dict]
    resources: dict[str, dict]
    sections_of: dict[str, list[dict]]
    field_offices: dict | None = None  # content/field-offices.json, when the folder has one
    synonyms: dict | None = None  # content/synonyms.json, when the folder has one
    # Every file as read, for commands that point back into them (check-links, review).
    documents: list[Document] = field(default_factory=list)


def future_dates(document: Document, today: datetime.date) -> Iterator[Problem]:
    """An as_of date later than today is a typo (or a clock problem): say so."""
    # Without escapes every as_of text stands in the file as it is: finding it there is far
    # quicker than walking the data.
    text = document.text
    if "\\" not in text and not any(_later(value, today) for value in AS_OF_IN_TEXT.findall(text)):
        return
    for parts, value in _fields_named("as_of", document.data):
        if isinstance(value, str) and _later(value, today):
            yield document.problem(
                parts, f"date {value} is in the future (today is {today.isoformat()})"
            )


def _later(as_of: str, today: datetime.date) -> bool:
    """Whether a date (2025-09-30), month (2025-09) or year (2014) is later than today; False if
    it is none of them."""
    if not as_of[:4].isdigit():
        return False
    padded = (as_of + "-01-01")[:10] if len(as_of) < 10 else as_of
    try:
        return datetime.date.fromisoformat(padded) > today
    except ValueError:
        return False  # the schema already reports malformed dates


def _fields_named(name: str, value: Any, parts: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, value) of every field with this name, in walk() order; only lists and objects are
    visited, for speed."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key == name:
                yield (*parts, key), child
            if isinstance(child, (dict, list)):
                yield from _fields_named(name, child, (*parts, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            if isinstance(child, (dict, list)):
                yield from _fields_named(name, child, (*parts, index))


def _load_folder(
    folder: Path, schema_name: str, problems: list[Problem], today
) -> tuple[dict[str, Document], bool]:
    """Parse and check every *.json in a folder: documents keyed by file stem, and whether all
    were valid."""
    documents, all_valid = {}, True
    paths = sorted(folder.glob("*.json"), key=lambda path: path.name) if folder.is_dir() else []
    for path in paths:
        document, valid = _load_file(path, schema_name, problems, today, check_id=True)
        all_valid &= valid
        if document is not None:
            documents[path.stem] = document
    return documents, all_valid


def _read_checked(path: Path, schema_name: str) -> tuple[Document | None, list[Problem]]:
    """read_document and schema_problems, or, for the same bytes found valid before, what was
    found then."""
    stat = known.stat_of(path)
    recalled = known.recall(path, stat)
    if recalled is not None:
        key, text = recalled
        data, has_infinity = known.seen(key)
        return Document(path, data, text, has_infinity), []
    read_at = time.time_ns()
    try:
        raw = path.read_bytes()
    except OSError:
        raw = b""  # read_document says why
    key = known.key_of(schema_name, raw)
    if key in known.KNOWN:
        data, has_infinity = known.seen(key)
        text = raw.decode("utf-8")
        known.remember(path, stat, read_at, key, text)
        return Document(path, data, text, has_infinity), []
    document, found = read_document(path)
    if document is not None:
        found += schema_problems(document, schema_name)
        if not found:  # the bytes parsed, not those read above: the file may have been saved since
            known.found_valid(
                known.key_of(schema_name, document.text.encode("utf-8")),
                (document.data, document.has_infinity),
            )
    return document, found


def _load_file(
    path: Path, schema_name: str, problems: list[Problem], today, check_id: bool = False
) -> tuple[Document | None, bool]:
    """Parse and check one file: the document if it is a JSON object, and whether it had no
    errors."""
    document, found = _read_checked(path, schema_name)
    if document is not None:
        found += future_dates(document, today)
        document_id = document.data.get("id") if isinstance(document.data, dict) else None
        id_is_valid = not any(p.json_path == "$.id" for p in found)
        if check_id and id_is_valid and isinstance(document_id, str) and document_id != path.stem:
            found.append(
                document.problem(
                    ["id"],
                    f'id "{document_id}" does not match the file '
                    f"name {path.name}; rename one of them",
                )
            )
    # One mistake can break two rules (format and pattern); say it once.
    problems.extend(dict.fromkeys(found))
    usable = document if document is not None and isinstance(document.data, dict) else None
    return usable, not found


NO_SITE = "missing: every content folder needs a site.json"
NO_RESOURCES = "no resources found: add content/resources/<id>.json files"


def load_content(root: Path, today: datetime.date) -> tuple[Content | None, list[Problem]]:
    """Load and check a content folder; return the content (None if any error) and all
    problems, sorted."""
    problems: list[Problem] = []
    known.begin_load()
    try:
        return _load_checked(root, today, problems)
    finally:
        known.end_load()


def _load_checked(
    root: Path, today: datetime.date, problems: list[Problem]
) -> tuple[Content | None, list[Problem]]:
    site_path = root / "site.json"
    if not site_path.is_file():
        return None, [Problem(display_path(site_path), message=NO_SITE)]
    site, _ = _load_file(site_path, "site.schema.json", problems, today)
    sections, sections_valid = _load_folder(
        root / "sections", "section.schema.json", problems, today
    )
    resources, _ = _load_folder(root / "resources", "resource.schema.json", problems, today)
    field_offices = _load_optional(
        root / "field-offices.json", "field-offices.schema.json", office_problems, problems, today
    )
    synonyms = _load_optional(
        root / "synonyms.json", "synonyms.schema.json", synonym_problems, problems, today
    )
    if not any((root / "resources").glob("*.json")):
        problems.append(Problem(display_path(root / "resources"), message=NO_RESOURCES))
    # An id the schema already rejects (../x) needs no second message saying its file is missing.
    reported = {(p.file, p.json_path) for p in problems}
    references = reference_problems(root, site, sections, resources)
    problems += [p for p in references if (p.file, p.json_path) not in reported]
    if sections_valid:  # a broken section would make its resources look unlisted
        problems += unlisted_problems(sections, resources)
    problems.sort()
    if any(p.severity == "error" for p in problems):
        return None, problems
    return _assemble(site, sections, resources, field_offices, synonyms), problems


def _load_optional(
    path: Path, schema_name: str, cross_checks, problems: list[Problem], today
) -> Document | None:
    """An optional file (field-offices.json, synonyms.json): checked against its schema, then
    across its parts."""
    if not path.exists():
        return None
    document, valid = _load_file(path, schema_name, problems, today)
    if document is not None and valid:  # the cross-checks rely on the shape the schema guarantees
        problems.extend(cross_checks(document))
    return document


def _assemble(
    site: Document,
    sections: dict[str, Document],
    resources: dict[str, Document],
    field_offices: Document | None,
    synonyms: Document | None,
) -> Content:
    ordered = [sections[section_id].data for section_id in site.data["sections"]]
    resource_data = {rid: document.data for rid, document in resources.items()}
    sections_of: dict[str, list[dict]] = {rid: [] for rid in resource_data}
    for section in ordered:
        for rid in section["resources"]:
            sections_of[rid].append(section)
    optional = [document for document in (field_offices, synonyms) if document]
    documents = [site, *sections.values(), *resources.values(), *optional]
    return Content(
        site.data,
        ordered,
        resource_data,
        sections_of,
        field_offices.data if field_offices else None,
        synonyms.data if synonyms else None,
        documents,
    )
