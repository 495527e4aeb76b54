"""Step 1, checking: each content file against its JSON Schema in schema/, in an editor's words.

load.py calls schema_problems for every file it reads. jsonschema-rs answers yes or no quickly;
only a file it does not pass (or cannot judge) goes through python-jsonschema, whose errors the
messages are made of, so both always judge alike (tests/unit/test_fast_validation.py).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Iterator
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from .jsonfile import Document

if TYPE_CHECKING:
    import jsonschema_rs
    from jsonschema import Draft202012Validator
# The validators are imported where first needed (over half a second at start): a build whose
# files were all found valid before (load.py KNOWN) needs neither.

SCHEMA_DIR = Path(__file__).resolve().parent.parent.parent / "schema"
TYPE_WORDS = {
    "string": "text in quotes",
    "array": "a list in [ ]",
    "object": "an object in { }",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "null",
}
# Escapes of what jsonschema-rs could accept where python-jsonschema refuses
# (tests/unit/test_fast_validation.py): U+001C-U+001F and U+0085 are whitespace to Python's \s
# but not to jsonschema-rs's, so "\S" lets them pass there; and an unpaired surrogate
# (\ud800-\udfff) it cannot take at all.
UNSURE_ESCAPE = re.compile(r"\\u(?:00(?:1[c-fC-F]|85)|[dD][89a-fA-F])")


@cache
def _schemas() -> dict[str, dict]:
    """Every schema in schema/, by file name."""
    return {
        path.name: json.loads(path.read_text("utf-8")) for path in SCHEMA_DIR.glob("*.schema.json")
    }


@cache
def schemas_digest() -> bytes:
    """A hash of every schema in schema/: a file found valid stays so while it is the same."""
    return hashlib.blake2b(json.dumps(_schemas(), sort_keys=True).encode(), digest_size=16).digest()


@cache
def _validator(schema_name: str) -> Draft202012Validator:
    """python-jsonschema: slow, but its errors are what the messages are made of."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = _schemas()
    registry = Registry().with_resources(
        (name, Resource.from_contents(s)) for name, s in schemas.items()
    )
    return Draft202012Validator(
        schemas[schema_name], registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@cache
def _fast_validator(schema_name: str) -> jsonschema_rs.Validator:
    """jsonschema-rs, for the yes-or-no answer, with python-jsonschema's own format checks so
    both judge formats alike."""
    import jsonschema_rs
    from jsonschema import Draft202012Validator

    format_checker = Draft202012Validator.FORMAT_CHECKER
    schemas = _schemas()
    # "common.schema.json#/..." resolves beside the file.
    uri = {name: (SCHEMA_DIR / name).as_uri() for name in schemas}
    registry = jsonschema_rs.Registry([(uri[name], schema) for name, schema in schemas.items()])
    # Dates repeat from file to file, so remembering each answer saves calls back into Python.
    formats = {
        name: cache(partial(format_checker.conforms, format=name))
        for name in format_checker.checkers
    }
    return jsonschema_rs.Draft202012Validator(
        schemas[schema_name],
        registry=registry,
        base_uri=uri[schema_name],
        formats=formats,
        validate_formats=True,
        offline=True,
    )


def forget_schemas() -> None:
    """Drop the schemas and validators kept above, so an edited schema/ is read again (the live
    preview calls this when a schema changes)."""
    for value in list(globals().values()):
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def _rust_can_judge(document: Document) -> bool:
    """False for the few documents where jsonschema-rs could accept what python-jsonschema
    refuses."""
    text = document.text
    # U+001C-U+001F cannot stand unescaped in JSON text; U+0085 can. Infinity (1e400 to Python)
    # passes "maximum" there.
    return not (
        document.has_infinity or "\x85" in text or ("\\u" in text and UNSURE_ESCAPE.search(text))
    )


def _surely_valid(document: Document, schema_name: str) -> bool:
    """Whether jsonschema-rs finds the document valid, where its answer can stand for
    python-jsonschema's."""
    if not _rust_can_judge(document):
        return False
    try:
        return _fast_validator(schema_name).is_valid(document.data)
    except Exception:  # whatever it cannot judge, python-jsonschema judges as it always has
        return False


def _short(value: Any) -> str:
    """The value as JSON, cut short, with invisible and control characters escaped (they could
    hide or break the line)."""
    text = "".join(
        c if c.isprintable() else json.dumps(c)[1:-1] for c in json.dumps(value, ensure_ascii=False)
    )
    return text if len(text) <= 60 else text[:57] + "..."


def schema_problems(document: Document, schema_name: str) -> Iterator[Problem]:
    """Every way the document breaks its schema, in words an editor understands."""
    if _surely_valid(document, schema_name):  # most files: spare them the slow validator
        return
    errors = list(_validator(schema_name).iter_errors(document.data))
    # An empty line breaks both minLength and the pattern that asks for text: say it once.
    patterned = {tuple(e.absolute_path) for e in errors if e.validator == "pattern"}
    # A misspelled field is one mistake: "did you mean", and not also that the field it stands
    # for is missing.
    meant = {
        key: known
        for e in errors
        if e.validator == "additionalProperties"
        for key, known in _misspellings(e).items()
    }
    for error in errors:
        parts = list(error.absolute_path)
        if error.validator == "minLength" and tuple(parts) in patterned:
            continue
        if error.validator == "additionalProperties":
            allowed = ", ".join(error.schema.get("properties", {}))
            for name in sorted(set(error.instance) - set(error.schema.get("properties", {}))):
                known = meant.get((*parts, name))
                hint = (
                    f"did you mean {json.dumps(known)}?" if known else f"allowed fields: {allowed}"
                )
                yield document.problem(
                    [*parts, name], f"unknown field {json.dumps(name)}; {hint}", key=True
                )
            continue
        if _missing(error) & {(key[:-1], known) for key, known in meant.items()}:
            continue
        yield document.problem(parts, _message(error))


def _misspellings(error) -> dict[tuple, str]:
    """(path of an unknown field, the known field it is close to) for each unknown field of the
    object that has one.

    Only fields the object lacks are candidates: "titel" beside a "title" is not a misspelling
    of it."""
    known = [name for name in error.schema.get("properties", {}) if name not in error.instance]
    by_lower = {name.lower(): name for name in known}
    found = {}
    for name in set(error.instance) - set(error.schema.get("properties", {})):
        close = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=0.6)
        if close:
            found[(*error.absolute_path, name)] = by_lower[close[0]]
    return found


def _missing(error) -> set[tuple[tuple, str]]:
    """(object path, field) for each field a "required" error (or an anyOf of them) says the
    object lacks."""
    path = tuple(error.absolute_path)
    if error.validator == "required":
        return {
            (path, name)
            for name in error.validator_value
            if name not in error.instance and error.message == f"{name!r} is a required property"
        }
    if _all_required(error):
        return {(path, name) for e in error.context for name in e.validator_value}
    return set()


def _all_required(error) -> bool:
    """Whether the error is an anyOf of "required" rules: the object needs one of some fields."""
    return (
        error.validator == "anyOf"
        and bool(error.context)
        and all(e.validator == "required" for e in error.context)
    )


def _json_type(value: Any) -> str:
    names = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
    }
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _message(error) -> str:
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    wrong_type = error.validator == "type" or (
        error.validator in {"anyOf", "oneOf"}
        and error.context
        and all(e.validator == "type" for e in error.context)
    )
    if wrong_type:
        expected = (
            error.validator_value if error.validator == "type" else error.context[0].validator_value
        )
        return (
            f"expected {TYPE_WORDS.get(expected, expected)}, "
            f"not {_json_type(error.instance)} ({_short(error.instance)})"
        )
    if _all_required(error):
        fields = dict.fromkeys(name for e in error.context for name in e.validator_value)
        return "needs at least one of these fields: " + ", ".join(fields)
    if error.validator == "enum":
        allowed = ", ".join(map(str, error.validator_value))
        return f"{_short(error.instance)} is not one of: {allowed}"
    if error.validator in {"pattern", "anyOf", "oneOf", "format"} and description:
        return f"{_short(error.instance)} is not valid here. Expected: {description}"
    if error.validator == "maxLength":
        return (
            f"text is {len(error.instance):,} characters, "
            f"more than the {error.validator_value:,} allowed"
        )
    return error.message
