"""Read one JSON file and remember where every value stands, for errors an editor can find."""
from __future__ import annotations

import codecs
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import json_source_map

from .errors import Problem

# Real entries are a few kilobytes; anything this big is a mistake (a pasted export, a binary).
MAX_FILE_BYTES = 256 * 1024
# Real entries nest five levels at most; far deeper would exhaust Python's stack further on.
MAX_DEPTH = 32
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class Document:
    """One parsed content file, with a map from JSON pointers to source positions."""

    path: Path
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


def walk(value: Any, parts: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Yield (path, value) for every value in a JSON tree."""
    yield parts, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from walk(child, (*parts, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from walk(child, (*parts, index))


class _NotJSON(ValueError):
    """NaN and Infinity: Python's json accepts them, JSON (and browsers) do not."""


def _no_constants(name):
    raise _NotJSON(name)


def _position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _decode(path: Path, display: str) -> str | Problem:
    """The file's text, or why it is not a readable UTF-8 text file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return Problem(display, message=f"cannot read the file: {error.strerror}")
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
    return text


def _parse(text: str, display: str) -> tuple[Any, list] | Problem:
    """The JSON value and the (object, key) pairs whose key came twice, or a syntax problem."""
    repeated: list[tuple[dict, str]] = []

    def keep_pairs(pairs):
        obj: dict = {}
        for key, value in pairs:
            if key in obj:
                repeated.append((obj, key))
            obj[key] = value
        return obj

    try:
        data = json.loads(text, object_pairs_hook=keep_pairs, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        offset, message = _syntax_error(text, error)
        return Problem(display, *_position(text, offset), message=f"invalid JSON: {message}")
    except _NotJSON as error:
        found = re.search(r"[:\[,]\s*(-?" + str(error) + ")", text)
        line, column = _position(text, found.start(1)) if found else (0, 0)
        return Problem(display, line, column, message=f"invalid JSON: {error} is not a JSON value")
    except RecursionError:  # deeper than Python's parser goes
        return _too_deep(text, display) or Problem(display, message=f"invalid JSON: nested more than {MAX_DEPTH} levels deep")
    except ValueError:  # an integer with more digits than Python will convert
        found = re.search(r"\d{%d,}" % (sys.get_int_max_str_digits() + 1), text)
        line, column = _position(text, found.start()) if found else (0, 0)
        return Problem(display, line, column, message="invalid JSON: a number with more digits than any content needs")
    return _too_deep(text, display) or (data, repeated)


# Python's wording where it says too little for someone editing the file by hand.
SYNTAX_WORDS = {
    "Invalid control character at": 'a line break or other control character inside text in quotes (is a closing " missing?)',
    "Unterminated string starting at": 'text in quotes is never closed with "',
    "Extra data": "more text after the end of the JSON value",
}


def _syntax_error(text: str, error: json.JSONDecodeError) -> tuple[int, str]:
    """Where the file stops being JSON, and why in words an editor understands."""
    before = text[: error.pos].rstrip()
    if error.msg.startswith("Illegal trailing comma"):  # Python 3.13+ says so itself, at the comma
        return error.pos, "a comma before the closing bracket; remove it"
    if before.endswith(",") and text[error.pos: error.pos + 1] in ("]", "}"):
        return len(before) - 1, "a comma before the closing bracket; remove it"
    if not text[error.pos:].strip() and error.msg != "Unterminated string starting at":
        return error.pos, "the file ends before the JSON is complete (was it cut short?)"
    return error.pos, SYNTAX_WORDS.get(error.msg, error.msg)


def _too_deep(text: str, display: str) -> Problem | None:
    """Where a bracket is first nested more than MAX_DEPTH deep, if anywhere."""
    depth = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _position(text, token.start())
                return Problem(display, line, column, message=f"invalid JSON: nested more than {MAX_DEPTH} levels deep")
        elif bracket in "]}":
            depth -= 1
    return None


def read_document(path: Path) -> tuple[Document | None, list[Problem]]:
    """Parse one file: the document (None if unusable) and every problem found on the way."""
    display = display_path(path)
    text = _decode(path, display)
    if isinstance(text, Problem):
        return None, [text]
    parsed = _parse(text, display)
    if isinstance(parsed, Problem):
        return None, [parsed]
    data, repeated = parsed
    document = Document(path, display, data, json_source_map.calculate(text))
    problems = []
    for parts, value in walk(data):
        if isinstance(value, dict):
            for key in [key for obj, key in repeated if obj is value]:
                problems.append(document.problem([*parts, key], f"duplicate key {json.dumps(key)}: the first value would be silently lost", key=True))
        if isinstance(value, str) and not _encodable(value):
            problems.append(document.problem(parts, "contains an unpaired surrogate escape (\\ud800-\\udfff); remove it"))
    return document, problems


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
