"""The search index the build writes: terms people type map to the right entries."""
from __future__ import annotations

import datetime

import pytest

from support import DEFAULT_CONTENT
from corner.content import load_content
from corner.search import build_index, stem, terms


@pytest.mark.parametrize("text, expected", [
    ("287(g)", ["287", "g", "287g"]),
    ("287g", ["287g", "287", "g"]),
    ("Form I-247A", ["form", "i", "247a", "i247a", "247", "a"]),
    ("24/7", ["24", "7", "247"]),
    ("Détainer", ["detainer"]),
    ("Agencies' removals", ["agency", "removal"]),
    ("status analysis address taxes", ["status", "analysis", "address", "tax"]),
])
def test_terms_join_and_split_codes_and_fold_plurals(text, expected):
    assert terms(text) == expected


def test_stem_leaves_short_words_and_codes_alone():
    assert [stem(w) for w in ["gas", "ice", "i247s", "forms"]] == ["gas", "ice", "i247s", "form"]


@pytest.fixture(scope="module")
def index():
    content, _ = load_content(DEFAULT_CONTENT, datetime.date(2026, 11, 28))
    return build_index(list(content.resources.values()), content.sections_of)


def docs_with(index, term):
    postings = index["terms"].get(term, [])
    return {index["docs"][postings[i]]["id"]: postings[i + 1] for i in range(0, len(postings), 2)}


def test_every_resource_is_indexed_once_with_title_and_snippet(index):
    ids = [doc["id"] for doc in index["docs"]]
    assert len(ids) == len(set(ids)) == 20
    assert all(doc["title"] and len(doc["snippet"]) <= 161 for doc in index["docs"])


def test_acronyms_from_aliases_find_their_entry(index):
    assert "law-enforcement-support-center" in docs_with(index, "lesc")
    assert "homeland-security-information-network" in docs_with(index, "hsin")
    assert "immigration-detainer-form" in docs_with(index, "i247a")


def test_title_words_weigh_more_than_description_words(index):
    weights = docs_with(index, "trafficking")
    assert weights["human-trafficking"] > weights["drug-enforcement-task-forces"] > 0


def test_all_spellings_of_287g_reach_the_program(index):
    for term in ("287g", "287", "g"):
        assert "287g-program" in docs_with(index, term)
