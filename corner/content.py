"""Check content/*.json against schema/ and across files, and assemble what the pages need."""
from __future__ import annotations

import datetime
import difflib
import json
import re
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any, Iterator

import jsonschema_rs
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .errors import Problem
from .field_offices import office_problems
from .jsonfile import Document, display_path, read_document
from .synonyms import synonym_problems

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
TYPE_WORDS = {
    "string": "text in quotes", "array": "a list in [ ]", "object": "an object in { }",
    "boolean": "true or false", "integer": "a whole number", "number": "a number", "null": "null",
}
FORMAT_CHECKER = Draft202012Validator.FORMAT_CHECKER
# Escapes of what jsonschema-rs could accept where python-jsonschema refuses (tests/unit/test_fast_validation.py):
# U+001C-U+001F and U+0085 are whitespace to Python's \s but not to jsonschema-rs's, so "\S" lets them pass there;
# and an unpaired surrogate (\ud800-\udfff) it cannot take at all.
UNSURE_ESCAPE = re.compile(r"\\u(?:00(?:1[c-fC-F]|85)|[dD][89a-fA-F])")
AS_OF_IN_TEXT = re.compile(r'"as_of"\s*:\s*"([^"]*)"')  # an as_of text as JSON without escapes writes it


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


@cache
def _schemas() -> dict[str, dict]:
    """Every schema in schema/, by file name."""
    return {path.name: json.loads(path.read_text("utf-8")) for path in SCHEMA_DIR.glob("*.schema.json")}


@cache
def _validator(schema_name: str) -> Draft202012Validator:
    """python-jsonschema: slow, but its errors are what the messages are made of."""
    schemas = _schemas()
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in schemas.items())
    return Draft202012Validator(schemas[schema_name], registry=registry, format_checker=FORMAT_CHECKER)


@cache
def _fast_validator(schema_name: str) -> jsonschema_rs.Validator:
    """jsonschema-rs, for the yes-or-no answer, with python-jsonschema's own format checks so both judge formats alike."""
    schemas = _schemas()
    uri = {name: (SCHEMA_DIR / name).as_uri() for name in schemas}  # "common.schema.json#/..." resolves beside the file
    registry = jsonschema_rs.Registry([(uri[name], schema) for name, schema in schemas.items()])
    # Dates repeat from file to file, so remembering each answer saves calls back into Python.
    formats = {name: cache(partial(FORMAT_CHECKER.conforms, format=name)) for name in FORMAT_CHECKER.checkers}
    return jsonschema_rs.Draft202012Validator(schemas[schema_name], registry=registry, base_uri=uri[schema_name],
                                              formats=formats, validate_formats=True, offline=True)


def _rust_can_judge(document: Document) -> bool:
    """False for the few documents where jsonschema-rs could accept what python-jsonschema refuses."""
    text = document.text
    # U+001C-U+001F cannot stand unescaped in JSON text; U+0085 can. Infinity (1e400 to Python) passes "maximum" there.
    return not (document.has_infinity or "\x85" in text or ("\\u" in text and UNSURE_ESCAPE.search(text)))


def _surely_valid(document: Document, schema_name: str) -> bool:
    """Whether jsonschema-rs finds the document valid, where its answer can stand for python-jsonschema's."""
    if not _rust_can_judge(document):
        return False
    try:
        return _fast_validator(schema_name).is_valid(document.data)
    except Exception:  # whatever it cannot judge, python-jsonschema judges as it always has
        return False


def _short(value: Any) -> str:
    """The value as JSON, cut short, with invisible and control characters escaped (they could hide or break the line)."""
    text = "".join(c if c.isprintable() else json.dumps(c)[1:-1] for c in json.dumps(value, ensure_ascii=False))
    return text if len(text) <= 60 else text[:57] + "..."


def schema_problems(document: Document, schema_name: str) -> Iterator[Problem]:
    """Every way the document breaks its schema, in words an editor understands."""
    if _surely_valid(document, schema_name):  # most files: spare them the slow validator
        return
    errors = list(_validator(schema_name).iter_errors(document.data))
    # An empty line breaks both minLength and the pattern that asks for text: say it once.
    patterned = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    # A misspelled field is one mistake: "did you mean", and not also that the field it stands for is missing.
    meant = {key: known for e in errors if e.validator == "additionalProperties" for key, known in _misspellings(e).items()}
    for error in errors:
        parts = list(error.absolute_path)
        if error.validator == "minLength" and tuple(parts) in patterned:
            continue
        if error.validator == "additionalProperties":
            allowed = ", ".join(error.schema.get("properties", {}))
            for name in sorted(set(error.instance) - set(error.schema.get("properties", {}))):
                known = meant.get((*parts, name))
                hint = f"did you mean {json.dumps(known)}?" if known else f"allowed fields: {allowed}"
                yield document.problem([*parts, name], f"unknown field {json.dumps(name)}; {hint}", key=True)
            continue
        if _missing(error) & {(key[:-1], known) for key, known in meant.items()}:
            continue
        yield document.problem(parts, _message(error))


def _misspellings(error) -> dict[tuple, str]:
    """(path of an unknown field, the known field it is close to) for each unknown field of the object that has one.

    Only fields the object lacks are candidates: "titel" beside a "title" is not a misspelling of it."""
    known = [name for name in error.schema.get("properties", {}) if name not in error.instance]
    by_lower = {name.lower(): name for name in known}
    found = {}
    for name in set(error.instance) - set(error.schema.get("properties", {})):
        close = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=0.6)
        if close:
            found[(*error.absolute_path, name)] = by_lower[close[0]]
    return found


def _missing(error) -> set[tuple[tuple, str]]:
    """(object path, field) for each field a "required" error (or an anyOf of them) says the object lacks."""
    path = tuple(error.absolute_path)
    if error.validator == "required":
        return {(path, name) for name in error.validator_value
                if name not in error.instance and error.message == f"{name!r} is a required property"}
    if error.validator == "anyOf" and error.context and all(e.validator == "required" for e in error.context):
        return {(path, name) for e in error.context for name in e.validator_value}
    return set()


def _json_type(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list", dict: "an object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _message(error) -> str:
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    wrong_type = error.validator == "type" or (
        error.validator in {"anyOf", "oneOf"} and error.context and all(e.validator == "type" for e in error.context))
    if wrong_type:
        expected = error.validator_value if error.validator == "type" else error.context[0].validator_value
        return f"expected {TYPE_WORDS.get(expected, expected)}, not {_json_type(error.instance)} ({_short(error.instance)})"
    if error.validator == "anyOf" and error.context and all(e.validator == "required" for e in error.context):
        return "needs at least one of these fields: " + ", ".join(dict.fromkeys(n for e in error.context for n in e.validator_value))
    if error.validator == "enum":
        return f"{_short(error.instance)} is not one of: " + ", ".join(map(str, error.validator_value))
    if error.validator in {"pattern", "anyOf", "oneOf", "format"} and description:
        return f"{_short(error.instance)} is not valid here. Expected: {description}"
    if error.validator == "maxLength":
        return f"text is {len(error.instance):,} characters, more than the {error.validator_value:,} allowed"
    return error.message


def future_dates(document: Document, today: datetime.date) -> Iterator[Problem]:
    """An as_of date later than today is a typo (or a clock problem): say so."""
    # Without escapes every as_of text stands in the file as it is: finding it there is far quicker than walking the data.
    if "\\" not in document.text and not any(_later(value, today) for value in AS_OF_IN_TEXT.findall(document.text)):
        return
    for parts, value in _fields_named("as_of", document.data):
        if isinstance(value, str) and _later(value, today):
            yield document.problem(parts, f"date {value} is in the future (today is {today.isoformat()})")


def _later(as_of: str, today: datetime.date) -> bool:
    """Whether a date (2025-09-30), month (2025-09) or year (2014) is later than today; False if it is none of them."""
    if not as_of[:4].isdigit():
        return False
    padded = (as_of + "-01-01")[:10] if len(as_of) < 10 else as_of
    try:
        return datetime.date.fromisoformat(padded) > today
    except ValueError:
        return False  # the schema already reports malformed dates


def _fields_named(name: str, value: Any, parts: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, value) of every field with this name, in walk() order; only lists and objects are visited, for speed."""
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


def _load_folder(folder: Path, schema_name: str, problems: list[Problem], today) -> tuple[dict[str, Document], bool]:
    """Parse and check every *.json in a folder: documents keyed by file stem, and whether all were valid."""
    documents, all_valid = {}, True
    for path in sorted(folder.glob("*.json"), key=lambda path: path.name) if folder.is_dir() else []:
        document, valid = _load_file(path, schema_name, problems, today, check_id=True)
        all_valid &= valid
        if document is not None:
            documents[path.stem] = document
    return documents, all_valid


def _load_file(path: Path, schema_name: str, problems: list[Problem], today, check_id: bool = False) -> tuple[Document | None, bool]:
    """Parse and check one file: the document if it is a JSON object, and whether it had no errors."""
    document, found = read_document(path)
    if document is not None:
        found += schema_problems(document, schema_name)
        found += future_dates(document, today)
        document_id = document.data.get("id") if isinstance(document.data, dict) else None
        id_is_valid = not any(p.json_path == "$.id" for p in found)
        if check_id and id_is_valid and isinstance(document_id, str) and document_id != path.stem:
            found.append(document.problem(["id"], f'id "{document_id}" does not match the file name {path.name}; rename one of them'))
    # One mistake can break two rules (format and pattern); say it once.
    problems.extend(dict.fromkeys(found))
    usable = document if document is not None and isinstance(document.data, dict) else None
    return usable, not found


def _ids(document: Document | None, key: str) -> list[tuple[int, str]]:
    """(index, id) for each string in the document's list field; nothing if the field is malformed."""
    value = document.data.get(key) if document is not None else None
    return [(i, item) for i, item in enumerate(value) if isinstance(item, str)] if isinstance(value, list) else []


def load_content(root: Path, today: datetime.date) -> tuple[Content | None, list[Problem]]:
    """Load and check a content folder; return the content (None if any error) and all problems, sorted."""
    problems: list[Problem] = []
    site_path = root / "site.json"
    if not site_path.is_file():
        return None, [Problem(display_path(site_path), message="missing: every content folder needs a site.json")]
    site, _ = _load_file(site_path, "site.schema.json", problems, today)
    sections, sections_valid = _load_folder(root / "sections", "section.schema.json", problems, today)
    resources, _ = _load_folder(root / "resources", "resource.schema.json", problems, today)
    field_offices = _load_optional(root / "field-offices.json", "field-offices.schema.json", office_problems, problems, today)
    synonyms = _load_optional(root / "synonyms.json", "synonyms.schema.json", synonym_problems, problems, today)
    present_sections = {p.stem for p in (root / "sections").glob("*.json")}
    present_resources = {p.stem for p in (root / "resources").glob("*.json")}
    if not present_resources:
        problems.append(Problem(display_path(root / "resources"), message="no resources found: add content/resources/<id>.json files"))
    references = list(_check_site_sections(site, sections, present_sections))
    for section in sections.values():
        references += _check_references(section, "resources", present_resources)
    for rid, resource in resources.items():
        references += _check_references(resource, "related", present_resources, own_id=rid)
    # An id the schema already rejects (../x) needs no second message saying its file is missing.
    reported = {(p.file, p.json_path) for p in problems}
    problems += [p for p in references if (p.file, p.json_path) not in reported]
    if sections_valid:  # a broken section would make its resources look unlisted
        listed = {rid for section in sections.values() for _, rid in _ids(section, "resources")}
        for rid in sorted(set(resources) - listed):
            problems.append(resources[rid].problem(["id"], f'resource "{rid}" is in no section, so only search finds it; list it in a content/sections/*.json file', severity="warning"))
    problems.sort()
    if any(p.severity == "error" for p in problems):
        return None, problems
    return _assemble(site, sections, resources, field_offices, synonyms), problems


def _load_optional(path: Path, schema_name: str, cross_checks, problems: list[Problem], today) -> Document | None:
    """An optional file (field-offices.json, synonyms.json): checked against its schema, then across its parts."""
    if not path.exists():
        return None
    document, valid = _load_file(path, schema_name, problems, today)
    if document is not None and valid:  # the cross-checks rely on the shape the schema guarantees
        problems.extend(cross_checks(document))
    return document


def _check_site_sections(site: Document | None, sections: dict[str, Document], present: set[str]) -> Iterator[Problem]:
    listed = _ids(site, "sections")
    for index, section_id in listed:
        if section_id not in present:
            yield site.problem(["sections", index], f'section "{section_id}" does not exist: expected a file sections/{section_id}.json')
    if site is None or not isinstance(site.data.get("sections"), list):
        return
    for section_id, section in sections.items():
        if section_id not in {sid for _, sid in listed}:
            yield section.problem(["id"], f'section "{section_id}" is not listed in site.json "sections", so it is never shown', severity="warning")


def _check_references(document: Document, key: str, known: set[str], own_id: str = "") -> Iterator[Problem]:
    for index, target in _ids(document, key):
        if target == own_id:
            yield document.problem([key, index], f'"{target}" refers to this resource itself')
        elif target not in known:
            yield document.problem([key, index], f'resource "{target}" does not exist: expected a file resources/{target}.json')


def _assemble(site: Document, sections: dict[str, Document], resources: dict[str, Document],
              field_offices: Document | None, synonyms: Document | None) -> Content:
    ordered = [sections[section_id].data for section_id in site.data["sections"]]
    resource_data = {rid: document.data for rid, document in resources.items()}
    sections_of: dict[str, list[dict]] = {rid: [] for rid in resource_data}
    for section in ordered:
        for rid in section["resources"]:
            sections_of[rid].append(section)
    optional = [document for document in (field_offices, synonyms) if document]
    documents = [site, *sections.values(), *resources.values(), *optional]
    return Content(site.data, ordered, resource_data, sections_of, field_offices.data if field_offices else None,
                   synonyms.data if synonyms else None, documents)
