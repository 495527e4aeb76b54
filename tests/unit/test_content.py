"""Loading the default content: complete, verbatim and sourced. Each mistake's message:
tests/cli/test_malformed.py."""

from __future__ import annotations

import datetime
import json
import re

from corner.content import load_content
from corner.content.jsonfile import json_path
from support import DATA, DEFAULT_CONTENT, edit_json

TODAY = datetime.date(2026, 11, 28)
EXPECTED_IDS = [
    "foia-library",
    "homeland-security-information-network",
    "law-enforcement-online",
    "287g-program",
    "criminal-alien-program",
    "detention-management",
    "immigration-detainer-form",
    "ero-field-liaisons",
    "fugitive-operations",
    "ice-access",
    "law-enforcement-support-center",
    "online-detainee-locator",
    "removal-statistics",
    "secure-communities",
    "tool-kit-for-prosecutors",
    "child-exploitation",
    "drug-enforcement-task-forces",
    "hsi-tip-line",
    "human-trafficking",
    "operation-community-shield",
]


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
        "Immigration Law Enforcement Resources",
        "Criminal Law Enforcement Resources",
    ]


def source_entries():
    """(title, description) pairs in the order of the original page."""
    text = (DATA / "leac-source.txt").read_text("utf-8").replace("triballaw", "tribal law")
    return re.findall(r"^  • (.+)\n    (.+)$", text, flags=re.M)


def test_titles_and_descriptions_are_the_source_text_verbatim_and_in_order():
    content, _ = load(DEFAULT_CONTENT)
    shown = [
        (content.resources[rid]["title"], content.resources[rid]["summary"])
        for section in content.sections
        for rid in section["resources"]
    ]
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
                assert re.sub(r"[^0-9A-Z]", "", resource_contact["phone_letters"]) in fact_digits, (
                    path
                )
            else:
                digits = re.sub(r"[^0-9]", "", resource_contact["phone"]).removeprefix("1")
                assert digits in re.sub(r"[^0-9]", "", facts), (
                    f"{path}: {resource_contact['phone']}"
                )
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


def test_json_path_quotes_keys_that_are_not_identifiers():
    assert json_path(["contacts", 0, "phone"]) == "$.contacts[0].phone"
    assert json_path(["$schema", "a b"]) == '$["$schema"]["a b"]'


def test_one_broken_file_hides_no_other_problem_and_invents_no_warning(content_dir):
    edit_json(
        content_dir / "resources/hsi-tip-line.json",
        lambda d: (d["contacts"][0].update(phone="123"), d.update(related=["nope"], id="tip-line")),
    )
    edit_json(
        content_dir / "sections/criminal-law-enforcement-resources.json",
        lambda d: (d.update(titel="x"), d["resources"].append("ghost")),
    )
    _, problems = load(content_dir)
    text = "\n".join(problems)
    for expected in [
        '$.contacts[0].phone: "123"',
        'unknown field "titel"',
        'id "tip-line" does not match',
        'resource "nope" does not exist',
        'resource "ghost" does not exist',
    ]:
        assert expected in text
    assert "warning" not in text
