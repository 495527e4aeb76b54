"""Step 1, reading: parse one content file into a Document, or say why it is not JSON.

Line and column of a value are worked out only when a problem there must be shown (schema.py and
load.py ask Document.problem for them).
"""

from __future__ import annotations

import codecs
import json
import math
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import json_source_map

from ..errors import Problem

# Real entries are a few kilobytes; anything this big is a mistake (a pasted export, a binary).
MAX_FILE_BYTES = 256 * 1024
# Real entries nest five levels at most; far deeper would exhaust Python's stack further on.
MAX_DEPTH = 32
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Valid UTF-8 cannot hold a surrogate, so a parsed string can only get one from an escape like
# \ud83d.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")

NOT_UTF8 = "file is not UTF-8 text (byte 0x{:02x}); save it as UTF-8"
BOM = "file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"
TOO_DEEP = f"invalid JSON: nested more than {MAX_DEPTH} levels deep"
TOO_MANY_DIGITS = "invalid JSON: a number with more digits than any content needs"
UNPAIRED_SURROGATE = "contains an unpaired surrogate escape (\\ud800-\\udfff); remove it"


@dataclass
class Document:
    """One parsed content file, and its text for locating problems in it."""

    path: Path
    data: Any
    text: str = field(repr=False)
    # A number too large for a float (1e400), which Python reads as infinity.
    has_infinity: bool = False

    # Where a problem stands is worked out only when there is one: most files have none, and
    # mapping a file costs more than parsing it.
    @cached_property
    def display(self) -> str:
        return display_path(self.path)

    @cached_property
    def source_map(self) -> dict:
        """JSON pointer → source positions."""
        return json_source_map.calculate(self.text)

    def problem(
        self, parts, message: str, *, key: bool = False, severity: str = "error"
    ) -> Problem:
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


def _file_problem(path: Path, line: int = 0, column: int = 0, *, message: str) -> Problem:
    """A problem that makes the file unusable: at a place in its text, or (line 0) with the file
    as a whole."""
    return Problem(display_path(path), line, column, message=message)


def _decode(path: Path) -> str | Problem:
    """The file's text, or why it is not a readable UTF-8 text file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return _file_problem(path, message=f"cannot read the file: {error.strerror}")
    if len(raw) > MAX_FILE_BYTES:
        return _file_problem(
            path,
            message=f"file is {len(raw):,} bytes, more than the "
            f"{MAX_FILE_BYTES:,} allowed for one entry",
        )
    if raw.startswith(codecs.BOM_UTF8):
        return _file_problem(path, 1, 1, message=BOM)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", "replace")
        line, column = _position(before, len(before))
        return _file_problem(path, line, column, message=NOT_UTF8.format(raw[error.start]))
    if not text.strip():
        return _file_problem(path, message="file is empty; expected a JSON object")
    return text


def _parse(text: str, path: Path) -> tuple[Any, list, bool] | Problem:
    """The JSON value, the (object, key) pairs whose key came twice and whether a number
    overflowed; or a syntax problem."""
    repeated: list[tuple[dict, str]] = []
    overflowed: list[str] = []

    def keep_float(literal: str) -> float:
        value = float(literal)
        if math.isinf(value):
            overflowed.append(literal)
        return value

    def keep_pairs(pairs):
        obj = dict(pairs)
        if len(obj) < len(pairs):  # some key came twice: note every repeat
            seen = set()
            for key, _ in pairs:
                if key in seen:
                    repeated.append((obj, key))
                seen.add(key)
        return obj

    try:
        data = json.loads(
            text, object_pairs_hook=keep_pairs, parse_float=keep_float, parse_constant=_no_constants
        )
    except json.JSONDecodeError as error:
        offset, message = _syntax_error(text, error)
        return _file_problem(path, *_position(text, offset), message=f"invalid JSON: {message}")
    except _NotJSON as error:
        found = re.search(r"[:\[,]\s*(-?" + str(error) + ")", text)
        line, column = _position(text, found.start(1)) if found else (0, 0)
        return _file_problem(
            path, line, column, message=f"invalid JSON: {error} is not a JSON value"
        )
    except RecursionError:  # deeper than Python's parser goes
        return _too_deep(text, path) or _file_problem(path, message=TOO_DEEP)
    except ValueError:  # an integer with more digits than Python will convert
        digits = sys.get_int_max_str_digits() + 1
        found = re.search(rf"\d{{{digits},}}", text)
        line, column = _position(text, found.start()) if found else (0, 0)
        return _file_problem(path, line, column, message=TOO_MANY_DIGITS)
    # Nesting deeper than MAX_DEPTH takes more brackets than that: most files need no closer look.
    too_deep = text.count("[") + text.count("{") > MAX_DEPTH and _too_deep(text, path)
    return too_deep or (data, repeated, bool(overflowed))


# Python's wording where it says too little for someone editing the file by hand.
SYNTAX_WORDS = {
    "Invalid control character at": (
        'a line break or other control character inside text in quotes (is a closing " missing?)'
    ),
    "Unterminated string starting at": 'text in quotes is never closed with "',
    "Extra data": "more text after the end of the JSON value",
}


def _syntax_error(text: str, error: json.JSONDecodeError) -> tuple[int, str]:
    """Where the file stops being JSON, and why in words an editor understands."""
    before = text[: error.pos].rstrip()
    if error.msg.startswith("Illegal trailing comma"):  # Python 3.13+ says so itself, at the comma
        return error.pos, "a comma before the closing bracket; remove it"
    if before.endswith(",") and text[error.pos : error.pos + 1] in ("]", "}"):
        return len(before) - 1, "a comma before the closing bracket; remove it"
    if not text[error.pos :].strip() and error.msg != "Unterminated string starting at":
        return error.pos, "the file ends before the JSON is complete (was it cut short?)"
    return error.pos, SYNTAX_WORDS.get(error.msg, error.msg)


def _too_deep(text: str, path: Path) -> Problem | None:
    """Where a bracket is first nested more than MAX_DEPTH deep, if anywhere."""
    depth = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _position(text, token.start())
                return _file_problem(path, line, column, message=TOO_DEEP)
        elif bracket in "]}":
            depth -= 1
    return None


def read_document(path: Path) -> tuple[Document | None, list[Problem]]:
    """Parse one file: the document (None if unusable) and every problem found on the way."""
    text = _decode(path)
    if isinstance(text, Problem):
        return None, [text]
    parsed = _parse(text, path)
    if isinstance(parsed, Problem):
        return None, [parsed]
    data, repeated, has_infinity = parsed
    document = Document(path, data, text, has_infinity)
    if not repeated and not SURROGATE_ESCAPE.search(text):
        return document, []  # the usual case: nothing in the tree to look for
    return document, list(_tree_problems(document, repeated))


def _tree_problems(document: Document, repeated: list[tuple[dict, str]]) -> Iterator[Problem]:
    """Keys given twice and unpaired surrogates, in the order they stand in the file."""
    for parts, value in walk(document.data):
        if isinstance(value, dict):
            for key in [key for obj, key in repeated if obj is value]:
                message = f"duplicate key {json.dumps(key)}: the first value would be silently lost"
                yield document.problem([*parts, key], message, key=True)
        if isinstance(value, str) and not _encodable(value):
            yield document.problem(parts, UNPAIRED_SURROGATE)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
