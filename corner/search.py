"""Build the client-side search index.

The browser splits queries with pwa/search.js: `normalize`, `stem` and `units` here must treat
text exactly as it does (tests/e2e/test_search_parity.py runs both on the same strings), and
its matchUnit looks codes up joined or split, as `terms` indexes them.
"""
from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[a-z0-9]+")
# White space that separates query words; the same class is spelled out in pwa/search.js.
SPACE = re.compile(r"[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")
HAS_DIGIT = re.compile(r"[0-9]")
# Letters and digits glued together ("287g", "247a") are also indexed apart ("287", "g").
LETTER_DIGIT_RUN = re.compile(r"[a-z]+|[0-9]+")

# Weight of a term by the field it appears in: a title match outranks a description match.
FIELD_WEIGHTS = {"title": 10, "aliases": 8, "kind": 2, "sections": 1, "summary": 3, "body": 1, "contacts": 2}
SNIPPET_CHARS = 160


def normalize(text: str) -> str:
    """Lower-case and strip accents, so "Détainer" and "detainer" are one word."""
    decomposed = unicodedata.normalize("NFKD", text)
    # Same as the browser's text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()


def stem(word: str) -> str:
    """Fold simple English plurals: agencies→agency, removals→removal, taxes→tax."""
    if len(word) <= 3 or HAS_DIGIT.search(word):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def units(text: str) -> list[list[str]]:
    """Split text at white space; each chunk gives its alphanumeric parts.

    "287(g)" → [["287", "g"]]; "I-247A tool" → [["i", "247a"], ["tool"]].
    """
    chunks = (WORD.findall(chunk) for chunk in SPACE.split(normalize(text)))
    return [parts for parts in chunks if parts]


def terms(text: str) -> list[str]:
    """All index terms for a piece of text, stemmed, in order, with repeats."""
    out = []
    for parts in units(text):
        joined = "".join(parts)
        pieces = list(parts)
        if len(parts) > 1 and HAS_DIGIT.search(joined):
            pieces.append(joined)  # "287(g)" is also "287g"; "I-247A" is also "i247a"
        for piece in list(pieces):
            runs = LETTER_DIGIT_RUN.findall(piece)
            if len(runs) > 1:
                pieces.extend(run for run in runs if run not in pieces)
        out.extend(stem(piece) for piece in pieces)
    return out


def resource_fields(resource: dict, sections: list[dict]) -> dict[str, str]:
    """The searchable text of a resource, by field."""
    contacts = resource.get("contacts", [])
    return {
        "title": resource["title"],
        "aliases": " ".join(resource.get("aliases", [])),
        "kind": resource["kind"].replace("-", " "),
        "sections": " ".join(section["title"] for section in sections),
        "summary": resource["summary"],
        "body": " ".join(fact["text"] for fact in resource.get("body", [])),
        "contacts": " ".join(c["label"] + " " + c.get("phone_letters", "") for c in contacts),
    }


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """The start of a description, cut at a word boundary."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def build_index(resources: list[dict], sections_of: dict[str, list[dict]]) -> dict:
    """Index resources as {docs: [...], terms: {term: [doc, weight, doc, weight, ...]}}."""
    docs = []
    postings: dict[str, dict[int, int]] = {}
    for number, resource in enumerate(resources):
        docs.append({
            "id": resource["id"],
            "title": resource["title"],
            "kind": resource["kind"],
            "snippet": snippet(resource["summary"]),
        })
        for field_name, text in resource_fields(resource, sections_of[resource["id"]]).items():
            for term in set(terms(text)):
                weights = postings.setdefault(term, {})
                weights[number] = weights.get(number, 0) + FIELD_WEIGHTS[field_name]
    flat = {term: [value for item in sorted(docs_weights.items()) for value in item] for term, docs_weights in sorted(postings.items())}
    return {"version": 1, "docs": docs, "terms": flat}
