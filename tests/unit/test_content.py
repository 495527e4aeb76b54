"""Loading and checking content: the default content passes, each mistake is located and named."""
from __future__ import annotations

import datetime
import json
import re

import pytest

from support import DATA, DEFAULT_CONTENT, edit_json
from corner.content import load_content
from corner.jsonfile import json_path

TODAY = datetime.date(2026, 11, 28)
EXPECTED_IDS = (
    "foia-library homeland-security-information-network law-enforcement-online 287g-program "
    "criminal-alien-program detention-management immigration-detainer-form ero-field-liaisons "
    "fugitive-operations ice-access law-enforcement-support-center online-detainee-locator "
    "removal-statistics secure-communities tool-kit-for-prosecutors child-exploitation "
    "drug-enforcement-task-forces hsi-tip-line human-trafficking operation-community-shield"
).split()


def load(folder):
    content, problems = load_content(folder, TODAY)
    return content, [str(p) for p in problems]


def test_default_content_is_complete_and_in_source_order():
    content, problems = load(DEFAULT_CONTENT)
    assert problems == []
    assert [s["title"] for s in content.sections] == [
        "Law Enforcement Information Sharing",
        "Immigration Law Enforcement Resources",
        "Criminal Law Enforcement Resources",
    ]
    assert sorted(content.resources) == sorted(EXPECTED_IDS)
    assert [s["title"] for s in content.sections_of["ice-access"]] == [
        "Immigration Law Enforcement Resources", "Criminal Law Enforcement Resources"]


def source_entries():
    """(title, description) pairs in the order of the original page."""
    text = (DATA / "leac-source.txt").read_text("utf-8").replace("triballaw", "tribal law")
    return re.findall(r"^  • (.+)\n    (.+)$", text, flags=re.M)


def test_titles_and_descriptions_are_the_source_text_verbatim_and_in_order():
    content, _ = load(DEFAULT_CONTENT)
    shown = [(content.resources[rid]["title"], content.resources[rid]["summary"])
             for section in content.sections for rid in section["resources"]]
    assert shown == source_entries()


def test_introduction_is_the_source_text_verbatim():
    content, _ = load(DEFAULT_CONTENT)
    source = (DATA / "leac-source.txt").read_text("utf-8")
    assert " ".join(content.site["introduction"]) in source


def all_strings(value):
    if isinstance(value, dict):
        for child in value.values():
            yield from all_strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from all_strings(child)
    elif isinstance(value, str):
        yield value


def test_no_phone_number_or_address_that_the_verified_facts_do_not_contain():
    facts = (DATA / "content-facts.md").read_text("utf-8")
    fact_digits = re.sub(r"[^0-9A-Z]", "", facts)
    for path in sorted(DEFAULT_CONTENT.rglob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        for resource_contact in data.get("contacts", []):
            if "phone_letters" in resource_contact:
                assert re.sub(r"[^0-9A-Z]", "", resource_contact["phone_letters"]) in fact_digits, path
            else:
                digits = re.sub(r"[^0-9]", "", resource_contact["phone"]).removeprefix("1")
                assert digits in re.sub(r"[^0-9]", "", facts), f"{path}: {resource_contact['phone']}"
            if "address" in resource_contact:
                assert resource_contact["address"].split(",")[0] in facts, path


def test_every_link_in_the_content_is_one_the_verified_facts_name():
    facts = (DATA / "content-facts.md").read_text("utf-8")
    for path in sorted(DEFAULT_CONTENT.rglob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        for text in all_strings(data):
            if text.startswith(("http://", "https://")) and "json-schema.org" not in text:
                bare = text.removeprefix("https://").removeprefix("http://").rstrip("/")
                assert bare in facts, f"{path}: {text} is not in the verified facts"


def test_every_resource_carries_a_dated_source_unless_none_is_verified():
    content, _ = load(DEFAULT_CONTENT)
    without = [rid for rid, r in content.resources.items() if "source" not in r]
    assert without == ["tool-kit-for-prosecutors"]
    for resource in content.resources.values():
        for contact in resource.get("contacts", []):
            assert contact["source"]["url"] and contact["source"]["as_of"]


# (file, change, expected message fragment, expected JSON path)
MISTAKES = [
    ("resources/hsi-tip-line.json", lambda d: d.pop("title"), "'title' is a required property", "$"),
    ("resources/hsi-tip-line.json", lambda d: d.update(titel="x"), 'unknown field "titel"', "$.titel"),
    ("resources/hsi-tip-line.json", lambda d: d.update(kind="gadget"), '"gadget" is not one of: program, form', "$.kind"),
    ("resources/hsi-tip-line.json", lambda d: d["contacts"][0].update(phone="866-347-2423"),
     '"866-347-2423" is not valid here. Expected: A phone number in international form', "$.contacts[0].phone"),
    ("resources/hsi-tip-line.json", lambda d: d["contacts"][0].update(email="tips at ice"),
     '"tips at ice" is not valid here. Expected: An email address', "$.contacts[0].email"),
    ("resources/hsi-tip-line.json", lambda d: d["source"].update(url="javascript:alert(1)"),
     '"javascript:alert(1)" is not valid here. Expected: An absolute http or https address', "$.source.url"),
    ("resources/hsi-tip-line.json", lambda d: d["source"].update(as_of="2025-13-01"),
     '"2025-13-01" is not valid here. Expected: When this fact was last confirmed', "$.source.as_of"),
    ("resources/hsi-tip-line.json", lambda d: d["source"].update(as_of="2027-01-01"),
     "date 2027-01-01 is in the future", "$.source.as_of"),
    ("resources/hsi-tip-line.json", lambda d: d.update(related=["no-such-thing"]),
     'resource "no-such-thing" does not exist: expected a file resources/no-such-thing.json', "$.related[0]"),
    ("resources/hsi-tip-line.json", lambda d: d.update(related=["hsi-tip-line"]), "refers to this resource itself", "$.related[0]"),
    ("resources/hsi-tip-line.json", lambda d: d.update(id="tip-line"), "does not match the file name hsi-tip-line.json", "$.id"),
    ("resources/hsi-tip-line.json", lambda d: d.update(id="../x"), '"../x" is not valid here. Expected: A stable, URL-safe identifier', "$.id"),
    ("sections/criminal-law-enforcement-resources.json", lambda d: d["resources"].append("ghost"),
     'resource "ghost" does not exist', "$.resources[6]"),
    ("site.json", lambda d: d["sections"].append("ghost-section"), 'section "ghost-section" does not exist', "$.sections[3]"),
    ("site.json", lambda d: d.update(theme_color="navy"), '"navy" is not valid here. Expected: A colour as #rrggbb.', "$.theme_color"),
    ("site.json", lambda d: d.update(short_name="Law Enforcement Corner"), "text is 22 characters, more than the 12 allowed", "$.short_name"),
]


@pytest.mark.parametrize("relative, change, message, path", MISTAKES, ids=[m[2][:40] for m in MISTAKES])
def test_each_mistake_is_reported_with_file_line_path_and_message(content_dir, relative, change, message, path):
    edit_json(content_dir / relative, change)
    content, problems = load(content_dir)
    assert content is None
    matching = [p for p in problems if message in p]
    assert matching, problems
    located = re.match(r"^(.+?):(\d+):(\d+): (\$\S*): ", matching[0])
    assert located, matching[0]
    assert located[1].endswith(relative) and located[4] == path


def test_every_problem_is_reported_in_one_run_sorted_by_file_and_line(content_dir):
    edit_json(content_dir / "resources/hsi-tip-line.json", lambda d: d.update(kind="gadget", titel="x"))
    edit_json(content_dir / "resources/child-exploitation.json", lambda d: d.pop("summary"))
    _, problems = load(content_dir)
    assert len(problems) == 3
    assert "child-exploitation.json" in problems[0] and "hsi-tip-line.json" in problems[2]
    assert problems[1:] == sorted(problems[1:], key=lambda p: int(p.split(":")[1]))


@pytest.mark.parametrize("raw, message, line, column", [
    (b'{\n  "id": "hsi-tip-line",\n  "title": "HSI"\n  "kind": "contact"\n}\n', "invalid JSON: Expecting ',' delimiter", 4, 3),
    (b"", "file is empty; expected a JSON object", 0, 0),
    (b"\xef\xbb\xbf{}", "byte-order mark (BOM)", 1, 1),
    (b'{\n  "title": "caf\xe9"\n}', "not UTF-8 text (byte 0xe9)", 2, 16),
    (b'{\n  "id": "a",\n  "id": "b"\n}', 'duplicate key "id"', 3, 3),
    (b'{"n": NaN}', "NaN is not a JSON value", 1, 7),
    (b"[" * 100_000, "invalid JSON: nested too deeply", 0, 0),
    (b'{"n": ' + b"9" * 5000 + b"}", "invalid JSON: Exceeds the limit", 0, 0),
    (b'{\n  "title": "Tip \\ud83d"\n}', "unpaired surrogate escape", 2, 12),
])
def test_unreadable_files_name_line_and_column(content_dir, raw, message, line, column):
    (content_dir / "resources/hsi-tip-line.json").write_bytes(raw)
    content, problems = load(content_dir)
    assert content is None
    [problem] = [p for p in problems if message in p]
    assert "hsi-tip-line.json" in problem
    expected_where = f"hsi-tip-line.json:{line}:{column}: " if line else "hsi-tip-line.json: "
    assert expected_where in problem


def test_a_file_far_larger_than_any_entry_is_refused(content_dir):
    edit_json(content_dir / "resources/hsi-tip-line.json", lambda d: d.update(aliases=[f"alias {i}" for i in range(30000)]))
    content, problems = load(content_dir)
    assert content is None and any("more than the 262,144 allowed" in p for p in problems)


def test_a_resource_in_no_section_is_a_warning_not_an_error(content_dir):
    edit_json(content_dir / "sections/criminal-law-enforcement-resources.json", lambda d: d["resources"].remove("hsi-tip-line"))
    content, problems = load(content_dir)
    assert content is not None
    assert len(problems) == 1 and "warning: resource \"hsi-tip-line\" is in no section" in problems[0]


def test_json_path_quotes_keys_that_are_not_identifiers():
    assert json_path(["contacts", 0, "phone"]) == "$.contacts[0].phone"
    assert json_path(["$schema", "a b"]) == '$["$schema"]["a b"]'


def test_a_repeated_key_is_located_where_it_silently_wins(content_dir):
    path = content_dir / "resources/hsi-tip-line.json"
    text = path.read_text().replace('"label": "HSI Tip Line (DHS tip form page)",',
                                    '"label": "HSI Tip Line (DHS tip form page)",\n      "label": "again",')
    path.write_text(text)
    line = text.splitlines().index('      "label": "again",') + 1
    _, problems = load(content_dir)
    assert [p for p in problems if "duplicate key" in p] == [
        f"{path}:{line}:7: $.contacts[1].label: duplicate key \"label\": the first value would be silently lost"]


def test_one_broken_file_hides_no_other_problem_and_invents_no_warning(content_dir):
    edit_json(content_dir / "resources/hsi-tip-line.json",
              lambda d: (d["contacts"][0].update(phone="123"), d.update(related=["nope"], id="tip-line")))
    edit_json(content_dir / "sections/criminal-law-enforcement-resources.json",
              lambda d: (d.update(titel="x"), d["resources"].append("ghost")))
    _, problems = load(content_dir)
    text = "\n".join(problems)
    for expected in ['$.contacts[0].phone: "123"', 'unknown field "titel"', 'id "tip-line" does not match',
                     'resource "nope" does not exist', 'resource "ghost" does not exist']:
        assert expected in text
    assert "warning" not in text


@pytest.mark.parametrize("raw, message", [
    (b"[]", "$: expected an object in { }, not a list ([])"),
    (b'"text"', '$: expected an object in { }, not text ("text")'),
])
def test_a_file_that_is_not_an_object_is_named(content_dir, raw, message):
    (content_dir / "resources/hsi-tip-line.json").write_bytes(raw)
    _, problems = load(content_dir)
    assert any(message in p for p in problems), problems


@pytest.mark.parametrize("as_of, message", [
    (2014, "$.source.as_of: expected text in quotes, not a number (2014)"),
    ("0000-05", '$.source.as_of: "0000-05" is not valid here'),
])
def test_dates_must_be_quoted_real_dates(content_dir, as_of, message):
    edit_json(content_dir / "resources/hsi-tip-line.json", lambda d: d["source"].update(as_of=as_of))
    _, problems = load(content_dir)
    assert [p for p in problems if message in p], problems


def test_a_folder_named_like_a_content_file_is_reported(content_dir):
    (content_dir / "resources/stray.json").mkdir()
    _, problems = load(content_dir)
    assert any("stray.json: $: cannot read the file: Is a directory" in p for p in problems)
