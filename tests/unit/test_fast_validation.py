"""jsonschema-rs never passes a file that python-jsonschema refuses.

validation.schema_problems asks jsonschema-rs whether a file is valid, and runs python-jsonschema
(whose errors the messages are made of) only on the files it refuses: a file jsonschema-rs wrongly
passed would lose its messages. So both judge the same files here: the default content, every file
of the malformed corpus, and Hypothesis' variants of valid files. Where the two engines do read a
rule differently, validation._rust_can_judge must send the file to python-jsonschema alone. Last,
future_dates' own shortcut (reading as_of in the text) must find what walking the data finds.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import jsonschema_rs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from content_strategies import json_values, replaced
from corner.content import load
from corner.content import schema as validation
from corner.content.jsonfile import read_document, walk
from malformed_corpus import CORPUS
from support import DEFAULT_CONTENT, SMALL_CONTENT, write_content

SCHEMA_FOR_FOLDER = {"sections": "section.schema.json", "resources": "resource.schema.json"}
SCHEMA_FOR_FILE = {
    "site.json": "site.schema.json",
    "field-offices.json": "field-offices.schema.json",
    "synonyms.json": "synonyms.schema.json",
}
# Python's \s matches these, jsonschema-rs's does not: "\S" passes them there, so their files go to
# python-jsonschema.
PYTHON_ONLY_WHITESPACE = {"\x1c", "\x1d", "\x1e", "\x1f", "\x85"}
RUST_ONLY_WHITESPACE = {"\ufeff"}  # the other way round, jsonschema-rs only refuses more


def schema_for(relative: Path) -> str:
    """The schema of a content file, by its path in the content folder."""
    return (
        SCHEMA_FOR_FILE[relative.name]
        if len(relative.parts) == 1
        else SCHEMA_FOR_FOLDER[relative.parts[0]]
    )


def verdicts(document, schema_name: str) -> tuple[bool, bool]:
    """(what the fast check says, what python-jsonschema says): is the document valid?"""
    return validation._surely_valid(document, schema_name), validation._validator(
        schema_name
    ).is_valid(document.data)


def assert_same_verdicts(root) -> int:
    """Both validators judge every readable content file under root alike; how many files they
    judged."""
    judged = 0
    for path in sorted(root.rglob("*.json")):
        document, _ = read_document(path)
        if document is None:
            continue
        fast, python = verdicts(document, schema_for(path.relative_to(root)))
        assert fast <= python, f"{path}: jsonschema-rs passes what python-jsonschema refuses"
        if validation._rust_can_judge(document):
            assert fast == python, f"{path}: jsonschema-rs refuses what python-jsonschema passes"
        judged += 1
    return judged


def test_every_default_content_file_is_valid_to_both():
    paths = sorted(DEFAULT_CONTENT.rglob("*.json"))
    assert len(paths) == 26
    for path in paths:
        assert verdicts(read_document(path)[0], schema_for(path.relative_to(DEFAULT_CONTENT))) == (
            True,
            True,
        ), path


@pytest.mark.parametrize("case", CORPUS, ids=[case.name for case in CORPUS])
def test_both_judge_every_file_of_the_malformed_corpus_alike(tmp_path, case):
    root = write_content(tmp_path / "content")
    case.change(root / case.file)
    assert assert_same_verdicts(root) >= 1


def test_the_whitespace_the_engines_disagree_on_is_known():
    characters = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    python = set(re.findall(r"\s", "".join(characters)))
    rust_validator = jsonschema_rs.validator_for({"items": {"not": {"pattern": "\\s"}}})
    rust = {characters[error.instance_path[0]] for error in rust_validator.iter_errors(characters)}
    assert (python - rust, rust - python) == (PYTHON_ONLY_WHITESPACE, RUST_ONLY_WHITESPACE)


def test_the_schemas_use_only_regular_expression_escapes_both_engines_read_alike():
    # \d and \w are Unicode to Python and ASCII to jsonschema-rs, so \D, \W or \B would pass more
    # there.
    patterns = [
        value
        for schema in validation._schemas().values()
        for parts, value in walk(schema)
        if parts and parts[-1] == "pattern" and isinstance(value, str)
    ]
    assert len(patterns) >= 9
    assert {escape for pattern in patterns for escape in re.findall(r"\\.", pattern)} <= {
        r"\s",
        r"\S",
        r"\n",
        r"\r",
        r"\.",
        r"\+",
    }


def written(tmp_path, data, ascii_only: bool = True):
    """data as a content file, read back."""
    path = tmp_path / "entry.json"
    path.write_text(json.dumps(data, ensure_ascii=ascii_only), "utf-8")
    return read_document(path)[0]


@pytest.mark.parametrize("ascii_only", [True, False], ids=["escaped", "as itself"])
@pytest.mark.parametrize("space", sorted(PYTHON_ONLY_WHITESPACE), ids=lambda c: f"U+{ord(c):04X}")
def test_a_title_of_whitespace_only_python_knows_is_still_refused(tmp_path, space, ascii_only):
    section = dict(SMALL_CONTENT["sections/tips.json"], title=space)
    assert validation._fast_validator("section.schema.json").is_valid(section)  # the disagreement
    document = written(tmp_path, section, ascii_only)
    assert not validation._surely_valid(document, "section.schema.json")
    assert [p.message for p in validation.schema_problems(document, "section.schema.json")] == [
        f"{json.dumps(space)} is not valid here. Expected: A short single line of plain text."
    ]


def test_a_file_with_an_unpaired_surrogate_or_an_infinity_goes_to_python_jsonschema(tmp_path):
    assert jsonschema_rs.validator_for({"maximum": 5}).is_valid(
        float("inf")
    )  # the disagreement on infinity
    surrogate = written(tmp_path, dict(SMALL_CONTENT["sections/tips.json"], title="Tip \ud83d"))
    assert not validation._rust_can_judge(surrogate)
    (tmp_path / "site.json").write_text(
        json.dumps(SMALL_CONTENT["site.json"])[:-1] + ', "stale_after_days": 1e400}'
    )
    infinite = read_document(tmp_path / "site.json")[0]
    assert infinite.data["stale_after_days"] == float("inf") and not validation._rust_can_judge(
        infinite
    )
    assert [p.message for p in validation.schema_problems(infinite, "site.schema.json")] == [
        "expected a whole number, not a number (Infinity)",
        "inf is greater than the maximum of 3650",
    ]


def test_python_jsonschema_judges_dates_jsonschema_rs_would_pass():
    # jsonschema-rs's own "date" format passes year 0000, which Python's datetime (and so the
    # schema) refuses.
    assert jsonschema_rs.validator_for({"format": "date"}, validate_formats=True).is_valid(
        "0000-01-01"
    )
    resource = dict(
        SMALL_CONTENT["resources/tip-line.json"],
        source={"url": "https://www.ice.gov/tipline", "as_of": "0000-01-01"},
    )
    assert not validation._fast_validator("resource.schema.json").is_valid(resource)


@pytest.mark.parametrize(
    "as_of",
    [
        '"as_of": "2026-12"',
        '"as_of" :\n "2026-12"',
        '"as\\u005fof": "2026-12"',
        '"as_of": "2026\\u002d12"',
    ],
)
def test_a_future_date_is_found_however_the_file_writes_it(tmp_path, as_of):
    # future_dates looks for as_of in the text first, and walks the data only when the text may hide
    # one.
    path = tmp_path / "entry.json"
    path.write_text(
        '{"source": {"url": "https://www.ice.gov/tipline", ' + as_of + '}, "title": "Tip"}', "utf-8"
    )
    found = load.future_dates(read_document(path)[0], datetime.date(2026, 11, 28))
    assert [(p.json_path, p.message) for p in found] == [
        ("$.source.as_of", "date 2026-12 is in the future (today is 2026-11-28)")
    ]


BASES = {
    "site.json": dict(SMALL_CONTENT["site.json"], stale_after_days=30),
    "sections/tips.json": SMALL_CONTENT["sections/tips.json"],
    "resources/tip-line.json": SMALL_CONTENT["resources/tip-line.json"],
    "field-offices.json": json.loads((DEFAULT_CONTENT / "field-offices.json").read_text("utf-8")),
    "synonyms.json": json.loads((DEFAULT_CONTENT / "synonyms.json").read_text("utf-8")),
}
PLACES = {name: [parts for parts, _ in walk(data) if parts] for name, data in BASES.items()}
# Pieces of the values the schemas check (dates, addresses, phone numbers, ids), and characters the
# engines may read differently: every kind of whitespace, controls, a byte-order mark, a lone
# surrogate.
PIECES = [
    "https://",
    "http://",
    "javascript:",
    "www.ice.gov",
    "/",
    "%zz",
    "[::1]",
    "|",
    "@",
    ".",
    "-",
    "+1 ",
    "866",
    "2025",
    "-02",
    "-29",
    "-13",
    "0000",
    "tip",
    "TIP",
    "é",
    "😀",
    "\x00",
    "\t",
    "\n",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x1f",
    " ",
    "\x85",
    "\xa0",
    "\u1680",
    "\u2000",
    "\u2028",
    "\u2029",
    "\u200b",
    "\u3000",
    "\ufeff",
    "\ud800",
]
crafted_text = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


# Examples as the Hypothesis profile says (tests/content_strategies.py): 100, or 2000 with
# HYPOTHESIS_PROFILE=thorough.
@given(
    data=st.data(),
    target=st.sampled_from(sorted(BASES)),
    indent=st.sampled_from([None, 2]),
    ascii_only=st.booleans(),
)
def test_no_variant_of_a_valid_file_passes_jsonschema_rs_alone(
    tmp_path_factory, data, target, indent, ascii_only
):
    place = data.draw(st.sampled_from(PLACES[target]))
    new = data.draw(crafted_text | st.text() | json_values | st.floats(allow_nan=False))
    text = json.dumps(
        replaced(BASES[target], list(place), new), indent=indent, ensure_ascii=ascii_only
    )
    path = tmp_path_factory.getbasetemp() / "variant.json"
    # An infinity is written as a number too large for a float, the only way JSON text gets one to
    # Python.
    path.write_text(re.sub(r"\bInfinity\b", "1e400", text), "utf-8", errors="surrogatepass")
    document, _ = read_document(path)
    if document is not None:
        fast, python = verdicts(document, schema_for(Path(target)))
        assert fast <= python, (
            f"jsonschema-rs passes what python-jsonschema refuses: {place} = {new!r}"
        )
