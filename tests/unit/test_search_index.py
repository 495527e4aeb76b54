"""The search index the build writes: terms people type map to the right entries, compactly."""

from __future__ import annotations

import datetime
import json
import re
import unicodedata

import pytest

from corner.content import load_content
from corner.site.search import (
    ALPHABET,
    acronym,
    build_search,
    distinct_terms,
    encode_postings,
    front_code,
    terms,
)
from corner.words import STOP_WORDS, normalize, stem, units
from support import DATA, DEFAULT_CONTENT, write_content


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("287(g)", ["287", "g", "287g"]),
        ("287g", ["287g", "287", "g"]),
        ("Form I-247A", ["form", "247a", "i247a", "247"]),  # "i" and "a" are stop words
        ("24/7", ["24", "7", "247"]),
        ("Détainer", ["detainer"]),
        ("Tool Kit for the Prosecutors", ["tool", "kit", "prosecutors"]),
        ("A-number", ["number", "anumber"]),  # so "a-number" is not just "number"
        ("an A-number or e-mail", ["number", "anumber", "e", "mail", "email"]),
    ],
)
def test_terms_join_and_split_codes_and_leave_out_stop_words(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "HSI Tip-Line",
        "Détainer İstanbul ﬁle ½",
        "a¨b",
        "Law\u00a0Enforcement\u2003Center",
        "ÀÉÎÕÜ çñ ÅØ",
        "\u0301alone",
    ],
)
def test_normalize_strips_marks_and_lower_cases_as_the_browser_does(text):
    # The spelled-out definition: the shortcuts normalize() takes must not change what it returns.
    decomposed = unicodedata.normalize("NFKD", text)
    expected = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "287(g) and 287g",
        "Form I-247A, a tool",
        "call 24/7 or 1-800-ICE",
        "e.g. don't stop",
        "Détainer ¨ x",
        "I-247A\ufefftool",
        "the of and",
        "",
        "  ",
        "A-number",
        "(x-ray) e-mail",
        "re-entry",
        "U.S.-born",
    ],
)
def test_distinct_terms_are_the_terms_with_or_without_digits(text):
    assert distinct_terms(text) == set(terms(text))


def test_distinct_terms_are_the_terms_for_all_default_content():
    texts = [path.read_text("utf-8") for path in DEFAULT_CONTENT.rglob("*.json")]
    texts += [line for text in texts for line in text.splitlines()]
    for text in texts:
        assert distinct_terms(text) == set(terms(text)), text


@pytest.mark.parametrize(
    "forms",
    [
        ["trafficking", "traffickers", "trafficker", "trafficked"],
        ["removal", "removals"],
        ["prosecutor", "prosecutors"],
        ["agency", "agencies"],
        ["detainer", "detainers", "detained", "detain"],
        ["tax", "taxes"],
    ],
)
def test_word_forms_share_a_stem(forms):
    assert len({stem(word) for word in forms}) == 1


def test_stem_keeps_short_words_codes_and_distinct_words_apart():
    assert [stem(w) for w in ["gas", "ice", "i247s", "status", "address", "analysis"]] == [
        "gas",
        "ice",
        "i247s",
        "status",
        "address",
        "analysis",
    ]
    assert stem("detainee") != stem("detainer")
    assert stem("office") != stem("officer")


def test_a_stem_is_its_word_or_a_prefix_of_it_as_the_browser_looks_it_up():
    words = {
        word
        for path in DEFAULT_CONTENT.rglob("*.json")
        for parts in units(path.read_text("utf-8"))
        for word in parts
    }
    assert len(words) > 500
    for word in words:
        root = stem(word)
        assert word.startswith(root.removesuffix("y") if word.endswith("ies") else root), word


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Law Enforcement Support Center", "lesc"),
        ("Homeland Security Information Network", "hsin"),
        ("Enforcement and Removal Operations", "ero"),
        ("Human Trafficking", None),
        ("287g Program and Section 287", None),
    ],
)
def test_acronyms_come_from_the_significant_words(phrase, expected):
    assert acronym(phrase) == expected


def decode(text: str) -> dict[int, int]:
    """What pwa/search.js decode() reads back, for checking the encoding: {doc: weight}."""
    gaps, weights = text.split(",")
    docs = []
    for part in gaps.split("."):
        doc, number = -1, 0
        for char in part:
            value = ALPHABET.index(char)
            number = number * 32 + (value & 31)
            if value < 32:
                doc += number + 1
                docs.append(doc)
                number = 0
    assert len(docs) == len(weights)
    return {doc: ALPHABET.index(weight) for doc, weight in zip(docs, weights, strict=True)}


def unfront(text: str) -> list[str]:
    words, previous = [], ""
    for line in text.split("\n"):
        previous = previous[: ALPHABET.index(line[0])] + line[1:]
        words.append(previous)
    return words


def test_postings_are_short_text_that_reads_back_exactly():
    assert encode_postings({0: 10, 1: 3, 40: 1}) == "00X6,A31"
    postings = {0: 27, 31: 1, 32: 2, 1056: 3, 99_999: 4}
    assert decode(encode_postings(postings)) == postings
    assert re.fullmatch(r"[0-9A-Za-z_-]*,[0-9A-Za-z_-]*", encode_postings(postings))


def test_entries_naming_a_term_come_first_for_short_prefixes():
    text = encode_postings({2: 1, 5: 10, 7: 3, 9: 8}, named={5, 9})
    assert text.split(".")[0] == "53" and decode(text) == {2: 1, 5: 10, 7: 3, 9: 8}


def test_terms_are_front_coded():
    assert front_code(["tip", "tipline", "tool", "toolkit"]) == "0tip\n3line\n1ool\n4kit"
    assert unfront(front_code(["a", "ab", "b"])) == ["a", "ab", "b"]


@pytest.fixture(scope="module")
def default_content():
    content, _ = load_content(DEFAULT_CONTENT, datetime.date(2026, 11, 28))
    return content


@pytest.fixture(scope="module")
def search(default_content):
    return build_search(
        list(default_content.resources.values()),
        default_content.sections_of,
        default_content.synonyms,
    )


def weights_of(search, term):
    index, docs = search
    position = unfront(index["terms"]).index(term)
    return {
        docs["docs"][doc][0]: weight for doc, weight in decode(index["postings"][position]).items()
    }


def test_every_resource_is_listed_once_in_title_order_with_its_whole_summary(search):
    index, docs = search
    assert index["count"] == len(docs["docs"]) == 20
    ids = [row[0] for row in docs["docs"]]
    assert len(set(ids)) == 20
    assert [row[1].lower() for row in docs["docs"]] == sorted(
        row[1].lower() for row in docs["docs"]
    )
    tip_line = next(row for row in docs["docs"] if row[0] == "hsi-tip-line")
    assert tip_line[1:3] == ["HSI Tip Line", "contact"] and tip_line[3].startswith(
        "This phone and online system"
    )


def test_terms_are_sorted_and_unique_with_one_posting_list_each(search):
    index, _ = search
    words = unfront(index["terms"])
    assert words == sorted(set(words)) and len(words) == len(index["postings"])
    assert not set(words) & {"the", "of", "and", "for"}


def test_acronyms_from_aliases_and_titles_find_their_entry(search):
    assert "law-enforcement-support-center" in weights_of(search, "lesc")
    assert "homeland-security-information-network" in weights_of(search, "hsin")
    assert "immigration-detainer-form" in weights_of(search, "i247a")


def test_title_words_weigh_more_than_description_words(search):
    weights = weights_of(search, "trafficking")
    assert weights["human-trafficking"] > weights["drug-enforcement-task-forces"] > 0


def test_all_spellings_of_287g_reach_the_program(search):
    for term in ("287g", "287", "g"):
        assert "287g-program" in weights_of(search, term)


def test_entries_with_a_phone_number_are_found_by_the_words_for_calling_24_7_lines_first(search):
    with_phones = {
        "law-enforcement-support-center",
        "hsi-tip-line",
        "foia-library",
        "homeland-security-information-network",
    }
    for word in ("phone", "call", "number", "contact"):
        weights = weights_of(search, word)
        assert with_phones <= set(weights), word
        assert max(weights, key=weights.get) == "law-enforcement-support-center", (
            word
        )  # the one line open 24/7


def test_the_index_carries_the_stop_words_and_the_editors_synonyms(search, default_content):
    index, _ = search
    assert index["stop_words"] == sorted(STOP_WORDS)
    assert index["synonyms"]["groups"] == default_content.synonyms["groups"]
    assert ["warrant", ["detainer", "fugitive"]] in index["synonyms"]["closest"]


def test_a_content_folder_without_synonyms_builds_an_index_without_them(tmp_path):
    content, problems = load_content(
        write_content(tmp_path / "content"), datetime.date(2026, 11, 28)
    )
    assert problems == [] and content.synonyms is None
    index, _ = build_search(list(content.resources.values()), content.sections_of, content.synonyms)
    assert index["synonyms"] == {"groups": [], "closest": []}


def test_synonyms_cost_the_index_only_their_own_words(search, default_content):
    plain, _ = build_search(list(default_content.resources.values()), default_content.sections_of)
    index, _ = search
    assert plain["terms"] == index["terms"] and plain["postings"] == index["postings"]


def test_the_plain_language_cases_use_officers_words_not_their_entrys_title(default_content):
    cases = [
        case
        for case in json.loads((DATA / "relevance.json").read_text("utf-8"))
        if case["kind"] == "plain language"
    ]
    assert len(cases) >= 40
    for case in cases:
        title = {
            stem(word)
            for parts in units(default_content.resources[case["id"]]["title"])
            for word in parts
        }
        query = {stem(word) for parts in units(case["query"]) for word in parts}
        assert not (title - STOP_WORDS) & query, case["query"]
