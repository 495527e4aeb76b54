"""Step 2, search: a compact index of words and the entries' display text, read by pwa/search.js.

Text becomes index terms as corner/words.py reads it, so that the browser, which reads queries
the same way, finds them; the index carries the stop words and synonyms to it. Index terms are
words as written (not stemmed, so a half-typed word still prefix-matches them); the browser folds
word forms itself when it looks a query word up.
"""

from __future__ import annotations

import collections
import functools
import itertools
import re

from ..words import HAS_DIGIT, SPACE, STOP_WORDS, WORD, normalize, units

SEARCH_INDEX = "search-index.json"  # terms and postings: what a query is looked up in
SEARCH_DOCS = "search-docs.json"  # each entry's id, title, kind and summary: what a result shows
# The fields of each entry in search-docs.json, in order; the file names them, and a result in the
# browser has these names.
DOC_FIELDS = ("id", "title", "kind", "summary")
# Letters and digits glued together ("287g", "247a") are also indexed apart ("287", "g").
LETTER_DIGIT_RUN = re.compile(r"[a-z]+|[0-9]+")
# A letter and a hyphen begin a word indexed joined too, as codes are: "A-number" → anumber.
LETTER_HYPHEN_START = re.compile(r"[^a-z0-9]*[a-z]-[a-z0-9]")
LETTER_HYPHEN = re.compile(r"(?<![a-z0-9])[a-z]-[a-z0-9]")  # in a text: where such a word may begin
# Weight of a term by the field it appears in: a title match outranks a description match.
FIELD_WEIGHTS = {
    "title": 10,
    "aliases": 8,
    "kind": 2,
    "sections": 1,
    "summary": 3,
    "body": 1,
    "contacts": 2,
    "phone": 4,
    "phone_24_7": 10,
}
# The words officers search by when they want a number to call: index terms (never shown) of every
# entry with a phone number. A line that answers 24/7 weighs as much as a title, so it comes first.
PHONE_WORDS = "phone call number contact"
NAMING_FIELDS = {"title", "aliases"}

# Postings are written as text: numbers in base 32, one character per 5 bits, most significant
# first; the last character of a number comes from the first half of the alphabet.
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
INDEX_VERSION = 3


def terms(text: str) -> list[str]:
    """All index terms for a piece of text, in order, without stop words.

    Codes are indexed joined and split: "287(g)" → 287, g, 287g; "I-247A" → i, 247a, i247a,
    247, a; so are words that begin with a letter and a hyphen: "A-number" → a, number, anumber.
    """
    # The same as going through units(text), a token at a time, so each distinct token is split
    # once.
    tokens = SPACE.split(normalize(text))
    return list(itertools.chain.from_iterable(map(token_terms, tokens)))


# A site's vocabulary is small next to its text (10,000 entries: ~40,000 distinct tokens in
# ~800,000), so most tokens are split from the cache; the bound keeps a long-lived process small.
@functools.lru_cache(maxsize=1 << 16)
def token_terms(token: str) -> tuple[str, ...]:
    """The index terms of one normalized token, text between white space (see `terms`)."""
    words = WORD.findall(token)
    pieces = list(words)
    joined = "".join(words)
    if len(words) > 1 and (HAS_DIGIT.search(joined) or LETTER_HYPHEN_START.match(token)):
        pieces.append(joined)
    for piece in list(pieces):
        runs = LETTER_DIGIT_RUN.findall(piece)
        if len(runs) > 1:
            pieces.extend(run for run in runs if run not in pieces)
    return tuple(piece for piece in pieces if piece not in STOP_WORDS)


def distinct_terms(text: str) -> set[str]:
    """set(terms(text)), which is what the index needs, with a shortcut for text without digits."""
    normalized = normalize(text)
    if HAS_DIGIT.search(normalized) or LETTER_HYPHEN.search(normalized):
        return set(itertools.chain.from_iterable(map(token_terms, SPACE.split(normalized))))
    # Only codes (a digit in the token) and words like A-number add joined or split terms; without
    # them a text's terms are its tokens' words, and those never cross white space, so one pass
    # over the text finds them.
    return set(WORD.findall(normalized)).difference(STOP_WORDS)


def acronym(phrase: str) -> str | None:
    """ "Law Enforcement Support Center" → "lesc": officers type acronyms the text may not
    contain."""
    # Most titles and aliases have fewer than three tokens, so fewer than three words: skip them
    # early.
    if len(SPACE.split(normalize(phrase))) < 3:
        return None
    words = [token[0] for token in units(phrase) if len(token) == 1 and token[0] not in STOP_WORDS]
    if len(words) < 3 or any(HAS_DIGIT.search(word) for word in words):
        return None
    return "".join(word[0] for word in words)


def resource_fields(resource: dict, sections: list[dict]) -> dict[str, str]:
    """The searchable text of a resource, by field."""
    aliases = resource.get("aliases", [])
    acronyms = filter(None, map(acronym, [resource["title"], *aliases]))
    contacts = resource.get("contacts", [])
    phones = [contact for contact in contacts if "phone" in contact]
    around_the_clock = any(contact.get("around_the_clock") for contact in phones)
    return {
        "title": resource["title"],
        "aliases": " ".join([*aliases, *acronyms]),
        "kind": resource["kind"].replace("-", " "),
        "sections": " ".join(section["title"] for section in sections),
        "summary": resource["summary"],
        "body": " ".join(fact["text"] for fact in resource.get("body", [])),
        "contacts": " ".join(
            " ".join([c["label"], c.get("phone_letters", ""), c.get("hours", "")]) for c in contacts
        ),
        "phone": PHONE_WORDS if phones and not around_the_clock else "",
        "phone_24_7": PHONE_WORDS + " 24/7" if around_the_clock else "",
    }


# Gaps are below the number of entries, so the same few thousand numbers are encoded over and over.
@functools.lru_cache(maxsize=1 << 16)
def encode_number(number: int) -> str:
    digits = [ALPHABET[number & 31]]
    number >>= 5
    while number:
        digits.append(ALPHABET[32 + (number & 31)])
        number >>= 5
    return "".join(reversed(digits))


def encode_gaps(docs: list[int]) -> str:
    out = []
    previous = -1
    for doc in docs:
        out.append(encode_number(doc - previous - 1))
        previous = doc
    return "".join(out)


def encode_postings(postings: dict[int, int], named: set[int] = frozenset()) -> str:
    """{doc: weight} as text: "<docs>,<weights>", each doc as its distance from the previous one.

    Entries whose title or aliases hold the term come first, then a ".", then the others:
    while a word is one or two letters long, the browser expands it among the first alone.
    Weights follow in the same order, one character each (apart, they compress better).
    """
    ascending = sorted(postings)
    first = [doc for doc in ascending if doc in named]
    rest = [doc for doc in ascending if doc not in named]
    docs = f"{encode_gaps(first)}.{encode_gaps(rest)}" if first else encode_gaps(rest)
    return docs + "," + "".join([ALPHABET[postings[doc]] for doc in first + rest])


def front_code(words: list[str]) -> str:
    """Sorted words, one per line, each as how many letters it shares with the one before
    (one ALPHABET character) and the rest: "tip", "tipline" → "0tip", "3line"."""
    lines = []
    previous = ""
    for word in words:
        shared = 0
        most = min(len(word), len(previous), len(ALPHABET) - 1)
        while shared < most and word[shared] == previous[shared]:
            shared += 1
        lines.append(ALPHABET[shared] + word[shared:])
        previous = word
    return "\n".join(lines)


def entry_terms(resource: dict, sections: list[dict]) -> dict[str, tuple[int, bool]]:
    """{term: (weight summed over the fields holding it, whether the title or aliases do)} of one
    entry: what the index holds of it, kept between builds (site/entry_pages.py KeptParts)."""
    found: dict[str, tuple[int, bool]] = {}
    for field_name, text in resource_fields(resource, sections).items():
        weight, naming = FIELD_WEIGHTS[field_name], field_name in NAMING_FIELDS
        for term in distinct_terms(text):
            summed, named = found.get(term, (0, False))
            found[term] = (summed + weight, named or naming)
    return found


def collect_postings(
    ordered: list[dict],
    sections_of: dict[str, list[dict]],
    terms_of: dict[str, dict[str, tuple[int, bool]]] | None = None,
) -> tuple[dict[str, dict[int, int]], dict[str, set[int]]]:
    """Each term's {entry number: weight summed over the fields holding it}, and the entries
    naming it. terms_of: each entry's entry_terms, where already made."""
    terms_of = terms_of or {}
    postings: dict[str, dict[int, int]] = collections.defaultdict(dict)
    named: dict[str, set[int]] = collections.defaultdict(set)
    for number, resource in enumerate(ordered):
        rid = resource["id"]
        found = terms_of.get(rid) or entry_terms(resource, sections_of[rid])
        for term, (weight, naming) in found.items():
            postings[term][number] = weight
            if naming:
                named[term].add(number)
    return postings, named


def synonym_table(synonyms: dict | None) -> dict:
    """content/synonyms.json as the browser reads it: {"groups": [[word, …]],
    "closest": [[word, [word, …]]]}."""
    if synonyms is None:
        return {"groups": [], "closest": []}
    closest = [[lead["word"], lead["words"]] for lead in synonyms.get("closest", [])]
    return {"groups": synonyms["groups"], "closest": closest}


def build_search(
    resources: list[dict],
    sections_of: dict[str, list[dict]],
    synonyms: dict | None = None,
    terms_of: dict[str, dict[str, tuple[int, bool]]] | None = None,
) -> tuple[dict, dict]:
    """The search index {terms, postings, synonyms} and the entries it points to {docs}.

    Entries are numbered in title order, so equal scores come out alphabetically. `terms` is
    every term, sorted and front-coded; `postings[i]` lists the entries containing term i.
    Synonyms are applied as the browser reads a query, so they cost the index only their own words.
    terms_of: each entry's entry_terms, where already made (with its parts).
    """
    ordered = sorted(resources, key=lambda resource: (normalize(resource["title"]), resource["id"]))
    postings, named = collect_postings(ordered, sections_of, terms_of)
    words = sorted(postings)
    index = {
        "version": INDEX_VERSION,
        "count": len(ordered),
        "terms": front_code(words),
        "postings": [encode_postings(postings[word], named.get(word, set())) for word in words],
        "stop_words": sorted(STOP_WORDS),
        "alphabet": ALPHABET,
        "synonyms": synonym_table(synonyms),
    }
    docs = {
        "version": INDEX_VERSION,
        "fields": list(DOC_FIELDS),
        "docs": [[r[name] for name in DOC_FIELDS] for r in ordered],
    }
    return index, docs
