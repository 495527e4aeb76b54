"""Read one JSON file and remember where every value stands, for errors an editor can find."""
from __future__ import annotations

import codecs
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import json_source_map

from .errors import Problem

# Real entries are a few kilobytes; anything this big is a mistake (a pasted export, a binary).
MAX_FILE_BYTES = 256 * 1024
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
        return json.loads(text, object_pairs_hook=keep_pairs, parse_constant=_no_constants), repeated
    except json.JSONDecodeError as error:
        return Problem(display, error.lineno, error.colno, message=f"invalid JSON: {error.msg}")
    except _NotJSON as error:
        found = re.search(r"[:\[,]\s*(-?" + str(error) + ")", text)
        line, column = _position(text, found.start(1)) if found else (0, 0)
        return Problem(display, line, column, message=f"invalid JSON: {error} is not a JSON value")
    except RecursionError:
        return Problem(display, message="invalid JSON: nested too deeply")
    except ValueError as error:  # e.g. an integer with more digits than Python will convert
        return Problem(display, message=f"invalid JSON: {error}")


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
