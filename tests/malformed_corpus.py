"""The malformed-content corpus: every mistake an editor can make in a content file, and the exact
lines `build.py` must answer it with.

Each case breaks one file of a small valid content folder (tests/support.py SMALL_CONTENT); files
are written pretty-printed, as edit_json writes them, so a line number here is the line of that
file. tests/cli/test_malformed.py runs `validate` and `build --strict` on each case;
tests/unit/test_fast_validation.py has both schema validators judge each broken file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from support import SMALL_CONTENT, edit_json

TODAY_EPOCH = "1795824000"  # 2026-11-28, what the build takes as today (SOURCE_DATE_EPOCH)
PHONE = (
    "A phone number in international form: +, country code, a space, then digit groups "
    "separated by hyphens, e.g. +1 802-872-6000."
)
EMAIL = "An email address, e.g. name@agency.gov."
URL = "An absolute http or https address."
ID = (
    "A stable, URL-safe identifier: lower-case letters, digits and single hyphens, starting with "
    "a letter or digit. It becomes part of the page URL, so changing it breaks bookmarks."
)
AS_OF = (
    "When this fact was last confirmed against its source: a full date (2025-09-30), a month "
    "(2025-09) or a year (2014) when the source is dated no more precisely."
)
RESOURCE_FIELDS = (
    "$schema, id, title, summary, body, kind, aliases, source, contacts, availability, "
    "related, links_to"
)
CONTACT_FIELDS = (
    "label, phone, phone_letters, email, address, hours, around_the_clock, note, source"
)
LINE = "A short single line of plain text."
KINDS = "program, form, tool, contact, statistics, information-system, library, initiative, topic"

SITE = "content/site.json"
TIPS = "content/sections/tips.json"
TIP_LINE = "content/resources/tip-line.json"
TIP_FORM = "content/resources/tip-form.json"
SYNONYMS = "content/synonyms.json"
WORD = (
    "One search word, as search reads it: lower-case letters a-z and digits only, without "
    "spaces, hyphens or accents (e.g. deport, 287g)."
)
ONE_GROUP = "a word belongs to one group only: merge the two groups, or keep the word in one"


# How a case breaks its file: each takes the file's path.
def raw(data: bytes | str) -> Callable:
    """Replace the file with exactly these bytes (or this text, as UTF-8)."""
    return lambda path: path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def edit(change) -> Callable:
    """Change the parsed JSON (change mutates it); the file is written back pretty-printed."""
    return lambda path: edit_json(path, change)


def replace(old: str, new: str) -> Callable:
    """Change the file's text: for mistakes the JSON parser must see as they were typed."""

    def change(path):
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} is not in {path.name}"
        path.write_text(text.replace(old, new, 1), "utf-8")

    return change


def copy_of(relative: str, **changes) -> Callable:
    """A new file: a copy of another file of SMALL_CONTENT, with some fields changed."""
    data = {**SMALL_CONTENT[relative], **changes}
    return lambda path: path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")


def cut_after(lines: int) -> Callable:
    """Keep only the first lines of the file, as when a save or a paste was cut short."""
    return lambda path: path.write_text(
        "".join(path.read_text("utf-8").splitlines(keepends=True)[:lines]), "utf-8"
    )


def remove(path) -> None:
    path.unlink()


def with_fields(**fields) -> Callable:
    """Set fields of the file's top-level object."""
    return edit(lambda data: data.update(fields))


def contact(**fields) -> Callable:
    """Set fields of the resource's first contact."""
    return edit(lambda data: data["contacts"][0].update(fields))


def synonyms(groups: list, **fields) -> Callable:
    """Write content/synonyms.json (optional, so not in SMALL_CONTENT) with these groups and
    fields."""
    data = {"$schema": "../schema/synonyms.schema.json", "groups": groups, **fields}
    return lambda path: path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")


def source(**fields) -> Callable:
    """Set fields of the resource's source."""
    return edit(lambda data: data["source"].update(fields))


def phone_only_and_misspelled(data) -> None:
    """The first contact keeps only its phone number, under a misspelled name."""
    first = data["contacts"][0]
    del first["email"], first["address"]
    first["phon"] = first.pop("phone")


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable
    expected: list[str]  # the exact lines before the summary
    file: str = "resources/tip-line.json"  # relative to the content folder


def refused(name: str, change: Callable, values: list, where: str, expected: str) -> list[Case]:
    """One case per value, each refused at the same place: `where` "value" is not valid here.
    Expected: …"""
    return [
        Case(
            f"{name} {value!r}",
            change(value),
            [f"{where} {json.dumps(value)} is not valid here. Expected: {expected}"],
        )
        for value in values
    ]


CORPUS = [
    # Files that are not readable JSON: line and column where the parser stopped.
    Case(
        "missing comma",
        replace('"Tip Line",', '"Tip Line"'),
        [f"{TIP_LINE}:5:3: $: invalid JSON: Expecting ',' delimiter"],
    ),
    Case(
        "trailing comma",
        replace('"tip-form"\n', '"tip-form",\n'),
        [f"{TIP_LINE}:37:15: $: invalid JSON: a comma before the closing bracket; remove it"],
    ),
    Case(
        "unquoted key",
        replace('"kind":', "kind:"),
        [f"{TIP_LINE}:15:3: $: invalid JSON: Expecting property name enclosed in double quotes"],
    ),
    Case(
        "single quotes",
        replace('"contact"', "'contact'"),
        [f"{TIP_LINE}:15:11: $: invalid JSON: Expecting value"],
    ),
    Case(
        "comment",
        replace('  "kind"', '  // what it is\n  "kind"'),
        [f"{TIP_LINE}:15:3: $: invalid JSON: Expecting property name enclosed in double quotes"],
    ),
    Case(
        "unterminated text",
        replace('"Tip Line",', '"Tip Line,'),
        [
            f"{TIP_LINE}:4:22: $: invalid JSON: a line break or other control character inside "
            'text in quotes (is a closing " missing?)'
        ],
    ),
    Case(
        "cut short",
        cut_after(5),
        [
            f"{TIP_LINE}:6:1: $: invalid JSON: the file ends before the JSON is complete (was it "
            "cut short?)"
        ],
    ),
    Case(
        "two objects in one file",
        replace("}\n", "}\n{}\n"),
        [f"{TIPS}:10:1: $: invalid JSON: more text after the end of the JSON value"],
        "sections/tips.json",
    ),
    Case(
        "byte-order mark",
        raw(b'\xef\xbb\xbf{"id": "tip-line"}'),
        [
            f"{TIP_LINE}:1:1: $: file starts with a byte-order mark (BOM); save it as UTF-8 "
            "without BOM"
        ],
    ),
    Case(
        "not UTF-8",
        raw(b'{\n  "title": "Caf\xe9"\n}\n'),
        [f"{TIP_LINE}:2:16: $: file is not UTF-8 text (byte 0xe9); save it as UTF-8"],
    ),
    Case("empty file", raw(b""), [f"{TIP_LINE}: $: file is empty; expected a JSON object"]),
    Case(
        "only blank lines",
        raw("\n  \n"),
        [f"{TIPS}: $: file is empty; expected a JSON object"],
        "sections/tips.json",
    ),
    Case(
        "NaN",
        replace('"offline"', "NaN"),
        [f"{TIP_LINE}:35:19: $: invalid JSON: NaN is not a JSON value"],
    ),
    Case(
        "Infinity",
        replace('"Corner",\n  "short', '-Infinity,\n  "short'),
        [f"{SITE}:3:12: $: invalid JSON: -Infinity is not a JSON value"],
        "site.json",
    ),
    Case(
        "number too long",
        replace('"offline"', "9" * 5000),
        [f"{TIP_LINE}:35:19: $: invalid JSON: a number with more digits than any content needs"],
    ),
    Case(
        "unpaired surrogate",
        replace('"Tip Line",', '"Tip \\ud83d",'),
        [
            f"{TIP_LINE}:4:12: $.title: contains an unpaired surrogate escape (\\ud800-\\udfff); "
            "remove it"
        ],
    ),
    Case(
        "duplicate key",
        replace('"label": "Tip Line",', '"label": "Tip Line",\n      "label": "Tips",'),
        [
            f'{TIP_LINE}:26:7: $.contacts[0].label: duplicate key "label": the first value would '
            "be silently lost"
        ],
    ),
    Case(
        "deep nesting",
        replace('"tip-form"\n', "[" * 600 + "]" * 600 + "\n"),
        [f"{TIP_LINE}:37:35: $: invalid JSON: nested more than 32 levels deep"],
    ),
    Case(
        "nested beyond the parser",
        raw("[" * 100_000),
        [f"{TIP_LINE}:1:33: $: invalid JSON: nested more than 32 levels deep"],
    ),
    Case(
        "far larger than any entry",
        with_fields(aliases=[f"alias {i}" for i in range(30_000)]),
        [f"{TIP_LINE}: $: file is 559,650 bytes, more than the 262,144 allowed for one entry"],
    ),
    Case(
        "a list, not an object",
        raw("[]\n"),
        [f"{TIP_LINE}:1:1: $: expected an object in {{ }}, not a list ([])"],
    ),
    Case(
        "text, not an object",
        raw('"Tips"\n'),
        [f'{TIPS}:1:1: $: expected an object in {{ }}, not text ("Tips")'],
        "sections/tips.json",
    ),
    Case(
        "a folder, not a file",
        lambda path: path.mkdir(),
        ["content/resources/stray.json: $: cannot read the file: Is a directory"],
        "resources/stray.json",
    ),
    # Fields the schema does not allow.
    Case(
        "missing required field",
        edit(lambda d: d.pop("title")),
        [f"{TIP_LINE}:1:1: $: 'title' is a required property"],
    ),
    Case(
        "number for text",
        with_fields(title=42),
        [f"{TIP_LINE}:4:12: $.title: expected text in quotes, not a number (42)"],
    ),
    Case(
        "text for a list",
        with_fields(aliases="tipline"),
        [f'{TIP_LINE}:16:14: $.aliases: expected a list in [ ], not text ("tipline")'],
    ),
    Case(
        "text for true/false",
        contact(around_the_clock="yes"),
        [
            f"{TIP_LINE}:33:27: $.contacts[0].around_the_clock: expected true or false, not text "
            '("yes")'
        ],
    ),
    Case(
        "unknown field",
        with_fields(titel="Tip Line"),
        [f'{TIP_LINE}:39:3: $.titel: unknown field "titel"; allowed fields: {RESOURCE_FIELDS}'],
    ),
    Case(
        "misspelled field",
        replace('"summary":', '"summry":'),
        [f'{TIP_LINE}:5:3: $.summry: unknown field "summry"; did you mean "summary"?'],
    ),
    Case(
        "misspelled field in capitals",
        replace('"title":', '"Title":'),
        [f'{TIP_LINE}:4:3: $.Title: unknown field "Title"; did you mean "title"?'],
    ),
    Case(
        "misspelled optional field",
        replace('"aliases":', '"alias":'),
        [f'{TIP_LINE}:16:3: $.alias: unknown field "alias"; did you mean "aliases"?'],
    ),
    Case(
        "misspelled field of a source",
        replace('"as_of": "2026-11-28"', '"as-of": "2026-11-28"'),
        [f'{TIP_LINE}:21:5: $.source["as-of"]: unknown field "as-of"; did you mean "as_of"?'],
    ),
    Case(
        "misspelled only way to reach a contact",
        edit(phone_only_and_misspelled),
        [f'{TIP_LINE}:30:7: $.contacts[0].phon: unknown field "phon"; did you mean "phone"?'],
    ),
    Case(
        "unknown field in a contact",
        contact(fax="+1 866-347-2424"),
        [
            f'{TIP_LINE}:33:7: $.contacts[0].fax: unknown field "fax"; allowed fields: '
            f"{CONTACT_FIELDS}"
        ],
    ),
    Case(
        "kind not in the list",
        with_fields(kind="gadget"),
        [f'{TIP_LINE}:15:11: $.kind: "gadget" is not one of: {KINDS}'],
    ),
    *refused(
        "title",
        lambda title: with_fields(title=title),
        ["", "Tip\nLine"],
        f"{TIP_LINE}:4:12: $.title:",
        LINE,
    ),
    Case(
        "summary too long",
        with_fields(summary="x" * 4001),
        [f"{TIP_LINE}:5:14: $.summary: text is 4,001 characters, more than the 4,000 allowed"],
    ),
    Case(
        "colour by name",
        with_fields(theme_color="navy"),
        [f'{SITE}:7:18: $.theme_color: "navy" is not valid here. Expected: A colour as #rrggbb.'],
        "site.json",
    ),
    Case(
        "home-screen name too long",
        with_fields(short_name="Law Enforcement Corner"),
        [f"{SITE}:4:17: $.short_name: text is 22 characters, more than the 12 allowed"],
        "site.json",
    ),
    Case(
        "contact with no way to reach it",
        edit(lambda d: [d["contacts"][0].pop(field) for field in ("phone", "email", "address")]),
        [
            f"{TIP_LINE}:24:5: $.contacts[0]: needs at least one of these fields: phone, email, "
            "address"
        ],
    ),
    # Ids: safe slugs, one file each, references that resolve.
    *refused(
        "id",
        lambda id: with_fields(id=id),
        ["../x", "tip line", "Tip-Line", ""],
        f"{TIP_LINE}:3:9: $.id:",
        ID,
    ),
    Case(
        "id not the file name",
        with_fields(id="tip-lines"),
        [
            f'{TIP_LINE}:3:9: $.id: id "tip-lines" does not match the file name tip-line.json; '
            "rename one of them"
        ],
    ),
    Case(
        "two files claim one id",
        copy_of("resources/tip-line.json"),
        [
            'content/resources/tip-line-copy.json:3:9: $.id: id "tip-line" does not match the '
            "file name tip-line-copy.json; rename one of them",
            'content/resources/tip-line-copy.json:3:9: $.id: warning: resource "tip-line-copy" is '
            "in no section, so only search finds it; list it in a content/sections/*.json file",
        ],
        "resources/tip-line-copy.json",
    ),
    Case(
        "section lists a missing resource",
        edit(lambda d: d["resources"].append("ghost")),
        [
            f'{TIPS}:8:5: $.resources[2]: resource "ghost" does not exist: expected a file '
            "resources/ghost.json"
        ],
        "sections/tips.json",
    ),
    Case(
        "section lists an unsafe id",
        edit(lambda d: d["resources"].append("../site")),
        [f'{TIPS}:8:5: $.resources[2]: "../site" is not valid here. Expected: {ID}'],
        "sections/tips.json",
    ),
    Case(
        "related resource missing",
        with_fields(related=["tip-forms"]),
        [
            f'{TIP_LINE}:37:5: $.related[0]: resource "tip-forms" does not exist: expected a file '
            "resources/tip-forms.json"
        ],
    ),
    Case(
        "related to itself",
        with_fields(related=["tip-line"]),
        [f'{TIP_LINE}:37:5: $.related[0]: "tip-line" refers to this resource itself'],
    ),
    Case(
        "site lists a missing section",
        edit(lambda d: d["sections"].append("more-tips")),
        [
            f'{SITE}:21:5: $.sections[1]: section "more-tips" does not exist: expected a file '
            "sections/more-tips.json"
        ],
        "site.json",
    ),
    Case(
        "site.json missing",
        remove,
        [f"{SITE}: $: missing: every content folder needs a site.json"],
        "site.json",
    ),
    Case(
        "no resources",
        lambda path: [p.unlink() for p in path.parent.iterdir()],
        [
            "content/resources: $: no resources found: add content/resources/<id>.json files",
            f'{TIPS}:6:5: $.resources[0]: resource "tip-line" does not exist: expected a file '
            "resources/tip-line.json",
            f'{TIPS}:7:5: $.resources[1]: resource "tip-form" does not exist: expected a file '
            "resources/tip-form.json",
        ],
    ),
    # Addresses: absolute http(s) only, so no link can run script or open a local file.
    *refused(
        "address",
        lambda url: source(url=url),
        [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "/tipline",
            "www.ice.gov/tipline",
        ],
        f"{TIP_LINE}:20:12: $.source.url:",
        URL,
    ),
    Case(
        "javascript: URL in site.json",
        edit(lambda d: d["publisher"].update(url="JavaScript:alert(1)")),
        [
            f'{SITE}:14:12: $.publisher.url: "JavaScript:alert(1)" is not valid here. Expected: '
            f"{URL}"
        ],
        "site.json",
    ),
    # Dates: real ones, and none later than today.
    Case(
        "date in the future",
        source(as_of="2026-11-29"),
        [
            f"{TIP_LINE}:21:14: $.source.as_of: date 2026-11-29 is in the future (today is "
            "2026-11-28)"
        ],
    ),
    Case(
        "month in the future",
        edit(lambda d: d["body"][0]["source"].update(as_of="2026-12")),
        [
            f"{TIP_LINE}:11:18: $.body[0].source.as_of: date 2026-12 is in the future (today is "
            "2026-11-28)"
        ],
    ),
    *refused(
        "date",
        lambda as_of: source(as_of=as_of),
        ["2025-02-30", "2025-13", "September 2025", "0000-05"],
        f"{TIP_LINE}:21:14: $.source.as_of:",
        AS_OF,
    ),
    Case(
        "year as a number",
        source(as_of=2014),
        [f"{TIP_LINE}:21:14: $.source.as_of: expected text in quotes, not a number (2014)"],
    ),
    # Phone numbers and email addresses.
    *refused(
        "phone",
        lambda phone: contact(phone=phone),
        ["123", "866-347-2423", "+1 (866) 347-2423", "+1 866-DHS-2ICE"],
        f"{TIP_LINE}:26:16: $.contacts[0].phone:",
        PHONE,
    ),
    *refused(
        "email",
        lambda email: contact(email=email),
        ["tips at ice.dhs.gov", "tips@ice", "tips@ice@dhs.gov"],
        f"{TIP_LINE}:27:16: $.contacts[0].email:",
        EMAIL,
    ),
    # content/synonyms.json: one search word each, each in one group, groups of two or more.
    Case(
        "word in two groups",
        synonyms([["deport", "removal"], ["removal", "ouster"]]),
        [f'{SYNONYMS}:9:7: $.groups[1][0]: "removal" is already in $.groups[0][1]; {ONE_GROUP}'],
        "synonyms.json",
    ),
    Case(
        "a form of a word in another group",
        synonyms([["deport", "removal"], ["ouster", "removals"]]),
        [
            f'{SYNONYMS}:10:7: $.groups[1][1]: "removals" is a form of "removal", already in '
            f"$.groups[0][1]; {ONE_GROUP}"
        ],
        "synonyms.json",
    ),
    Case(
        "empty group",
        synonyms([["deport", "removal"], []]),
        [
            f"{SYNONYMS}:8:5: $.groups[1]: an empty group: list at least two words for the same "
            "thing, or remove it"
        ],
        "synonyms.json",
    ),
    Case(
        "group of one",
        synonyms([["deport"]]),
        [
            (
                f'{SYNONYMS}:4:5: $.groups[0]: a group of one word ("deport") joins nothing: '
                "add the words people use for the same thing, or remove it"
            )
        ],
        "synonyms.json",
    ),
    *[
        Case(
            f"synonym {word!r}",
            synonyms([["deport", word]]),
            [
                f"{SYNONYMS}:6:7: $.groups[0][1]: {json.dumps(word, ensure_ascii=False)} is not "
                f"valid here. Expected: {WORD}"
            ],
            "synonyms.json",
        )
        for word in ["removal order", "Removal", "re-moval", "rémoval", ""]
    ],
    Case(
        "stop word in a group",
        synonyms([["who", "whom"]]),
        [
            f'{SYNONYMS}:5:7: $.groups[0][0]: "who" is a stop word, which search leaves out of '
            "every query; remove it"
        ],
        "synonyms.json",
    ),
    Case(
        "word with equals and closest words",
        synonyms([["deport", "removal"]], closest=[{"word": "removal", "words": ["fugitive"]}]),
        [
            (
                f'{SYNONYMS}:11:15: $.closest[0].word: "removal" has words for the same thing in '
                "$.groups[0]: search it there, or here with the closest words, not both"
            )
        ],
        "synonyms.json",
    ),
    Case(
        "closest to itself",
        synonyms(
            [["deport", "removal"]],
            closest=[{"word": "warrant", "words": ["detainer", "warrants"]}],
        ),
        [
            f'{SYNONYMS}:14:9: $.closest[0].words[1]: "warrants" is "warrant" itself (or a form of '
            "it); list other words"
        ],
        "synonyms.json",
    ),
    Case(
        "closest twice",
        synonyms(
            [["deport", "removal"]],
            closest=[
                {"word": "warrant", "words": ["detainer"]},
                {"word": "warrants", "words": ["fugitive"]},
            ],
        ),
        [
            (
                f'{SYNONYMS}:17:15: $.closest[1].word: "warrants" is a form of "warrant", already '
                "at $.closest[0].word; list its closest words there"
            )
        ],
        "synonyms.json",
    ),
    Case(
        "closest to nothing",
        synonyms([["deport", "removal"]], closest=[{"word": "warrant", "words": []}]),
        [
            f"{SYNONYMS}:12:16: $.closest[0].words: no words: list the words whose entries come "
            "closest, or remove this entry"
        ],
        "synonyms.json",
    ),
    Case(
        "closest words as text",
        synonyms([["deport", "removal"]], closest=[{"word": "warrant", "words": "detainer"}]),
        [f'{SYNONYMS}:12:16: $.closest[0].words: expected a list in [ ], not text ("detainer")'],
        "synonyms.json",
    ),
    Case(
        "unknown field in synonyms",
        synonyms([["deport", "removal"]], synonym=["jail", "inmate"]),
        [
            f'{SYNONYMS}:9:3: $.synonym: unknown field "synonym"; allowed fields: $schema, groups, '
            "closest"
        ],
        "synonyms.json",
    ),
    Case(
        "synonyms without groups",
        lambda path: path.write_text('{"$schema": "../schema/synonyms.schema.json"}\n', "utf-8"),
        [f"{SYNONYMS}:1:1: $: 'groups' is a required property"],
        "synonyms.json",
    ),
    # Warnings: the content still builds, unless --strict.
    Case(
        "resource in no section",
        edit(lambda d: d["resources"].remove("tip-form")),
        [
            f'{TIP_FORM}:3:9: $.id: warning: resource "tip-form" is in no section, so only search '
            "finds it; list it in a content/sections/*.json file"
        ],
        "sections/tips.json",
    ),
    Case(
        "section not in site.json",
        copy_of("sections/tips.json", id="more-tips"),
        [
            'content/sections/more-tips.json:3:9: $.id: warning: section "more-tips" is not '
            'listed in site.json "sections", so it is never shown'
        ],
        "sections/more-tips.json",
    ),
]
