"""Step 1, loading: read content/ into Content, checking each file and the files against each other.

Every file is parsed (jsonfile.py) and checked against its schema (schema.py); then what no schema
can see: references between files (references.py), ids that match file names, dates in the future,
and the optional files' own cross-checks (field_offices.py, synonyms.py). Every problem is
collected, so validate can report them all at once; the content is returned only if none is an
error.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem
from .field_offices import office_problems
from .jsonfile import Document, display_path, read_document
from .references import reference_problems, unlisted_problems
from .schema import schema_problems, schemas_digest
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


def fingerprint(data) -> str:
    """A short hash of JSON data, the same for equal data."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


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


# The last entry_fingerprints, by the identity of each entry's data (held here, so no other object
# takes its id): unchanged files give the same objects again (KNOWN), and content is not modified
# once loaded.
_fingerprints: dict[int, tuple[dict, str]] = {}


def entry_fingerprints(resources: dict[str, dict]) -> dict[str, str]:
    """{id: fingerprint(entry)}, made anew only for entries not fingerprinted last time: the
    build compares entries in several steps, the live preview on every save."""
    made = {}
    for resource in resources.values():
        earlier = _fingerprints.get(id(resource))
        fresh = earlier is not None and earlier[0] is resource
        made[id(resource)] = earlier if fresh else (resource, fingerprint(resource))
    _fingerprints.clear()
    _fingerprints.update(made)
    return {rid: made[id(resource)][1] for rid, resource in resources.items()}


def known_fingerprints() -> dict[bytes, str]:
    """The fingerprints of KNOWN files' data, by KNOWN key: for the build cache."""
    return {
        key: _fingerprints[id(data)][1]
        for key, (data, _) in KNOWN.items()
        if _fingerprints.get(id(data), (None,))[0] is data
    }


def remember_fingerprints(saved: dict[bytes, str]) -> None:
    """Take the fingerprints known_fingerprints gave for KNOWN files' data as made."""
    for key, fingerprint_made in saved.items():
        if key in KNOWN:
            data = KNOWN[key][0]
            _fingerprints[id(data)] = (data, fingerprint_made)


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


# The last load's files found valid (parsed, matching their schema), by a hash of their schema,
# schema/ and their bytes: their data, and whether it holds an infinity. A build reads them from
# its cache (corner/cache.py), the preview keeps them: an unchanged file is not parsed again.
KNOWN: dict[bytes, tuple[Any, bool]] = {}
_seen: dict[bytes, tuple[Any, bool]] = {}  # those of the load under way


def _known_key(schema_name: str, raw: bytes) -> bytes:
    digest = hashlib.blake2b(schema_name.encode() + b"\0" + schemas_digest(), digest_size=16)
    digest.update(raw)
    return digest.digest()


# Files an earlier load in this process found valid, by path: their stat then, their KNOWN key and
# their text. The live preview's rebuilds use it not to read thousands of unchanged files again. A
# file is read again when its size, times or inode differ, when forget() names it, or when it had
# been modified less than RACY_SECONDS before it was read: a second save within the file system's
# time resolution would leave its times as they were.
_files: dict[Path, tuple[tuple, bytes, str]] = {}
RACY_SECONDS = 2


def forget(paths) -> None:
    """Read these files again at the next load (the preview's watcher saw them change)."""
    for path in paths:
        _files.pop(Path(path), None)


def _stat_key(path: Path) -> tuple | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)


def _read_checked(path: Path, schema_name: str) -> tuple[Document | None, list[Problem]]:
    """read_document and schema_problems, or, for the same bytes found valid before, what was
    found then."""
    stat = _stat_key(path)
    remembered = _files.get(path)
    if stat and remembered and remembered[0] == stat and remembered[1] in KNOWN:
        _, key, text = remembered
        _seen[key] = known = KNOWN[key]
        return Document(path, known[0], text, known[1]), []
    read_at = time.time_ns()
    try:
        raw = path.read_bytes()
    except OSError:
        raw = b""  # read_document says why
    known = KNOWN.get(key := _known_key(schema_name, raw))
    if known is not None:
        _seen[key] = known
        text = raw.decode("utf-8")
        if stat and stat[1] < read_at - RACY_SECONDS * 10**9 and stat == _stat_key(path):
            _files[path] = (stat, key, text)
        return Document(path, known[0], text, known[1]), []
    document, found = read_document(path)
    if document is not None:
        found += schema_problems(document, schema_name)
        if not found:  # the bytes parsed, not those read above: the file may have been saved since
            _seen[_known_key(schema_name, document.text.encode("utf-8"))] = (
                document.data,
                document.has_infinity,
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
    _seen.clear()
    try:
        return _load_checked(root, today, problems)
    finally:
        KNOWN.clear()
        KNOWN.update(_seen)


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
