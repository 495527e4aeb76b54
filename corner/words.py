"""How search reads text: white space, tokens, words, accents, stop words and word forms.

A token is what stands between white space ("287(g)", "I-247A"); its words are its runs of
letters and digits (WORD: "287" and "g"; "i" and "247a").

The build indexes text with these (site/search.py) and checks synonyms.json with them
(content/synonyms.py: `stem` says which words are forms of one, as the browser will read them).
The browser reads queries and synonyms the same way with its own `normalize`, `units` and `stem`
(pwa/words.js): they are code on both sides, so tests/e2e/test_contracts.py runs both on the same
strings, every character of the first two Unicode planes among them. The stop words reach the
browser in the index (site/search.py).
"""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[a-z0-9]+")
# White space that separates query words; the same class is spelled out in pwa/words.js.
SPACE = re.compile(
    r"[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
)
HAS_DIGIT = re.compile(r"[0-9]")
# Words too common to find anything, and the words of a question ("who to call"); a query may
# contain them ("kit for prosecutors").
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "he",
        "her",
        "him",
        "his",
        "how",
        "i",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "she",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "with",
        "you",
        "your",
    ]
)


class _MarkRemover(dict):
    """A str.translate table that deletes combining marks (Unicode category M).

    Filled in one character at a time as texts bring new ones: listing every mark up front
    would mean asking unicodedata about all 1.1 million code points at import.
    """

    def __missing__(self, code_point: int) -> str | None:
        mark = unicodedata.category(chr(code_point)).startswith("M")
        self[code_point] = None if mark else chr(code_point)
        return self[code_point]


REMOVE_MARKS = _MarkRemover()


def normalize(text: str) -> str:
    """Lower-case and strip accents, so "Détainer" and "detainer" are one word."""
    # NFKD leaves ASCII as it is and ASCII has no marks, so most text only needs lower().
    if text.isascii():
        return text.lower()
    # Same as the browser's text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().
    return unicodedata.normalize("NFKD", text).translate(REMOVE_MARKS).lower()


def stem(word: str) -> str:
    """Fold word forms: removals→removal, agencies→agency, traffickers/trafficking→traffick.

    The result is the word itself or a prefix of it, except -ies→-y (agencies→agency).
    """
    if len(word) <= 3 or HAS_DIGIT.search(word):
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for ending, shortest in (("ing", 4), ("ed", 4), ("er", 5)):
        if word.endswith(ending) and len(word) - len(ending) >= shortest:
            return word[: -len(ending)]
    return word


def units(text: str) -> list[list[str]]:
    """Split text into tokens at white space; each token gives its words.

    "287(g)" → [["287", "g"]]; "I-247A tool" → [["i", "247a"], ["tool"]].
    """
    tokens = (WORD.findall(token) for token in SPACE.split(normalize(text)))
    return [words for words in tokens if words]
