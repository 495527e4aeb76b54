"""Load content/*.json and check it: JSON syntax, schema/, then across files."""
from __future__ import annotations

import codecs
import datetime
import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Iterator

import json_source_map
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .errors import Problem

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
# Real entries are a few kilobytes; anything this big is a mistake (a pasted export, a binary).
MAX_FILE_BYTES = 256 * 1024
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class Document:
    """One parsed content file, with a map from JSON pointers to source positions."""

    display: str
    data: Any
    source_map: dict = field(repr=False)

    def problem(self, parts, message: str, *, key: bool = False, severity: str = "error") -> Problem:
        """A problem at the value (or, with key=True, the key) that parts point to."""
        pointer = "".join(f"/{part}" for part in parts)
        entry = self.source_map.get(pointer)
        line = column = 0
        if entry is not None:
            location = entry.key_start if key and entry.key_start else entry.value_start
            line, column = location.line + 1, location.column + 1
        return Problem(self.display, line, column, json_path(parts), message, severity)


@dataclass
class Content:
    """Everything the renderer needs, checked and cross-referenced."""

    site: dict
    sections: list[dict]
    resources: dict[str, dict]
    sections_of: dict[str, list[dict]]


def json_path(parts) -> str:
    """Render a path like $.contacts[0].phone."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif IDENTIFIER.match(part):
            out += f".{part}"
        else:
            out += "[" + json.dumps(part) + "]"
    return out


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


class _NotJSON(ValueError):
    """NaN and Infinity: Python's json accepts them, JSON (and browsers) do not."""


def _no_constants(name):
    raise _NotJSON(name)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_document(path: Path) -> Document | Problem:
    """Parse one file, or say exactly why it cannot be parsed."""
    display = display_path(path)
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return Problem(display, message=f"file is {len(raw):,} bytes, more than the {MAX_FILE_BYTES:,} allowed for one entry")
    if raw.startswith(codecs.BOM_UTF8):
        return Problem(display, 1, 1, message="file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", "replace")
        line, column = _position(before, len(before))
        return Problem(display, line, column, message=f"file is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8")
    if not text.strip():
        return Problem(display, message="file is empty; expected a JSON object")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        return Problem(display, error.lineno, error.colno, message=f"invalid JSON: {error.msg}")
    except _DuplicateKey as error:
        return _duplicate_key_problem(display, text, error.key)
    except _NotJSON as error:
        found = re.search(r"[:\[,]\s*(-?" + str(error) + ")", text)
        line, column = _position(text, found.start(1)) if found else (0, 0)
        return Problem(display, line, column, message=f"invalid JSON: {error} is not a JSON value")
    return Document(display, data, json_source_map.calculate(text))


def _duplicate_key_problem(display: str, text: str, key: str) -> Problem:
    """Point at the second occurrence of the key: the one that would silently win."""
    matches = list(re.finditer(re.escape(json.dumps(key)) + r"\s*:", text))
    line, column = _position(text, matches[1].start()) if len(matches) > 1 else (0, 0)
    return Problem(display, line, column, message=f"duplicate key {json.dumps(key)}: the first value would be silently lost")


@cache
def _validator(schema_name: str) -> Draft202012Validator:
    schemas = {path.name: json.loads(path.read_text("utf-8")) for path in SCHEMA_DIR.glob("*.schema.json")}
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in schemas.items())
    return Draft202012Validator(schemas[schema_name], registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def schema_problems(document: Document, schema_name: str) -> Iterator[Problem]:
    """Every way the document breaks its schema, in words an editor understands."""
    for error in _validator(schema_name).iter_errors(document.data):
        parts = list(error.absolute_path)
        if error.validator == "additionalProperties":
            allowed = ", ".join(error.schema.get("properties", {}))
            for name in sorted(set(error.instance) - set(error.schema.get("properties", {}))):
                yield document.problem([*parts, name], f"unknown field {json.dumps(name)}; allowed fields: {allowed}", key=True)
            continue
        yield document.problem(parts, _message(error))


def _message(error) -> str:
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator == "enum":
        return f"{_short(error.instance)} is not one of: " + ", ".join(map(str, error.validator_value))
    if error.validator in {"pattern", "anyOf", "oneOf", "format"} and description:
        return f"{_short(error.instance)} is not valid here. Expected: {description}"
    if error.validator == "maxLength":
        return f"text is {len(error.instance):,} characters, more than the {error.validator_value:,} allowed"
    return error.message


def walk(value: Any, parts: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Yield (path, value) for every value in a JSON tree."""
    yield parts, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from walk(child, (*parts, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from walk(child, (*parts, index))


def future_dates(document: Document, today: datetime.date) -> Iterator[Problem]:
    """An as_of date later than today is a typo (or a clock problem): say so."""
    for parts, value in walk(document.data):
        if parts and parts[-1] == "as_of" and isinstance(value, str) and value[:4].isdigit():
            padded = (value + "-01-01")[:10] if len(value) < 10 else value
            try:
                when = datetime.date.fromisoformat(padded)
            except ValueError:
                continue  # the schema already reports malformed dates
            if when > today:
                yield document.problem(parts, f"date {value} is in the future (today is {today.isoformat()})")


def _load_folder(folder: Path, schema_name: str, problems: list[Problem], today) -> dict[str, Document]:
    """Parse and schema-check every *.json in a folder, keyed by file stem, sorted."""
    documents = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        document = _load_file(path, schema_name, problems, today)
        if document is not None:
            documents[path.stem] = document
    return documents


def _load_file(path: Path, schema_name: str, problems: list[Problem], today) -> Document | None:
    """Parse and schema-check one file; None (and problems recorded) when it is unusable."""
    document = read_document(path)
    if isinstance(document, Problem):
        problems.append(document)
        return None
    # One mistake can break two rules (format and pattern); say it once.
    found = list(dict.fromkeys([*schema_problems(document, schema_name), *future_dates(document, today)]))
    problems.extend(found)
    if found:
        return None
    if path.name != "site.json" and document.data["id"] != path.stem:
        problems.append(document.problem(["id"], f'id "{document.data["id"]}" does not match the file name {path.name}; rename one of them'))
        return None
    return document


def load_content(root: Path, today: datetime.date) -> tuple[Content | None, list[Problem]]:
    """Load and check a content folder; return the content (None if any error) and all problems."""
    problems: list[Problem] = []
    site_path = root / "site.json"
    if not site_path.is_file():
        return None, [Problem(display_path(site_path), message="missing: every content folder needs a site.json")]
    site = _load_file(site_path, "site.schema.json", problems, today)
    sections = _load_folder(root / "sections", "section.schema.json", problems, today)
    resources = _load_folder(root / "resources", "resource.schema.json", problems, today)
    present_sections = {p.stem for p in (root / "sections").glob("*.json")}
    present_resources = {p.stem for p in (root / "resources").glob("*.json")}
    if not present_resources:
        problems.append(Problem(display_path(root / "resources"), message="no resources found: add content/resources/<id>.json files"))
    if site:
        problems += _check_site_sections(site, sections, present_sections)
    for section in sections.values():
        problems += _check_references(section, "resources", present_resources)
    for resource in resources.values():
        problems += _check_references(resource, "related", present_resources - {resource.data["id"]}, own_id=resource.data["id"])
    listed = {rid for section in sections.values() for rid in section.data["resources"]}
    for rid, resource in resources.items():
        if rid not in listed:
            problems.append(resource.problem(["id"], f'resource "{rid}" is in no section, so only search finds it; list it in a content/sections/*.json file', severity="warning"))
    problems.sort()
    if any(p.severity == "error" for p in problems):
        return None, problems
    return _assemble(site, sections, resources), problems


def _check_site_sections(site: Document, sections: dict[str, Document], present: set[str]) -> Iterator[Problem]:
    listed = site.data["sections"]
    for index, section_id in enumerate(listed):
        if section_id not in present:
            yield site.problem(["sections", index], f'section "{section_id}" does not exist: expected a file sections/{section_id}.json')
    for section_id, section in sections.items():
        if section_id not in listed:
            yield section.problem(["id"], f'section "{section_id}" is not listed in site.json "sections", so it is never shown', severity="warning")


def _check_references(document: Document, key: str, known: set[str], own_id: str = "") -> Iterator[Problem]:
    for index, target in enumerate(document.data.get(key, [])):
        if target == own_id:
            yield document.problem([key, index], f'"{target}" refers to this resource itself')
        elif target not in known:
            yield document.problem([key, index], f'resource "{target}" does not exist: expected a file resources/{target}.json')


def _assemble(site: Document, sections: dict[str, Document], resources: dict[str, Document]) -> Content:
    ordered = [sections[section_id].data for section_id in site.data["sections"]]
    resource_data = {rid: document.data for rid, document in resources.items()}
    sections_of: dict[str, list[dict]] = {rid: [] for rid in resource_data}
    for section in ordered:
        for rid in section["resources"]:
            sections_of[rid].append(section)
    return Content(site.data, ordered, resource_data, sections_of)
