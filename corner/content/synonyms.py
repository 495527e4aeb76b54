"""Step 1, checking synonyms.json: words for one thing, and words leading to the closest entries.

Search only (site/search.py ships them in the index; pwa/lookup.js expands query words with
them). The schema checks each word's shape; here, what it cannot see across the file, with the
stop words and word forms search itself uses (corner/words.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Problem
from ..words import STOP_WORDS, stem
from .jsonfile import Document, json_path

ONE_GROUP = "a word belongs to one group only: merge the two groups, or keep the word in one"
ONE_LEAD = "list its closest words there"
BOTH = "search it there, or here with the closest words, not both"
NO_WORDS = "no words: list the words whose entries come closest, or remove this entry"
ITSELF = '"{}" is "{}" itself (or a form of it); list other words'
EMPTY_GROUP = "an empty group: list at least two words for the same thing, or remove it"
GROUP_OF_ONE = (
    'a group of one word ("{}") joins nothing: add the words people use for the same '
    "thing, or remove it"
)
STOP_WORD = '"{}" is a stop word, which search leaves out of every query; remove it'


def synonym_problems(document: Document) -> Iterator[Problem]:
    """Empty groups, groups of one, stop words, and a word (or a form of it) in two places."""
    first: dict[str, tuple[list, str]] = {}  # stem → (path, word) of its first group word
    yield from _group_problems(document, first)
    yield from _closest_problems(document, first)


def _group_problems(document: Document, first: dict[str, tuple[list, str]]) -> Iterator[Problem]:
    """Groups too small, stop words in them, and words already in another group; fills first."""
    for i, group in enumerate(document.data["groups"]):
        if len(group) < 2:
            yield document.problem(["groups", i], _too_small(group))
        for k, word in enumerate(group):
            yield from _stop_word(document, ["groups", i, k], word)
            path, other = first.setdefault(stem(word), (["groups", i, k], word))
            if path[1] != i:
                message = f"{_is(word, other)} already in {json_path(path)}; {ONE_GROUP}"
                yield document.problem(["groups", i, k], message)


def _closest_problems(document: Document, first: dict[str, tuple[list, str]]) -> Iterator[Problem]:
    """Closest words listed twice, or also in a group; stop words; a word leading to itself."""
    led: dict[str, tuple[list, str]] = {}  # stem → (path, word) of its first closest entry
    for i, lead in enumerate(document.data.get("closest", [])):
        word, here = lead["word"], ["closest", i, "word"]
        yield from _stop_word(document, here, word)
        path, other = led.setdefault(stem(word), (here, word))
        if path != here:
            yield document.problem(
                here, f"{_is(word, other)} already at {json_path(path)}; {ONE_LEAD}"
            )
        if stem(word) in first:
            path, other = first[stem(word)]
            yield document.problem(
                here, f'"{word}" has words for the same thing in {json_path(path[:2])}: {BOTH}'
            )
        if not lead["words"]:
            yield document.problem(["closest", i, "words"], NO_WORDS)
        for k, target in enumerate(lead["words"]):
            yield from _stop_word(document, ["closest", i, "words", k], target)
            if stem(target) == stem(word):
                yield document.problem(["closest", i, "words", k], ITSELF.format(target, word))


def _is(word: str, other: str) -> str:
    """'"word" is', or '"words" is a form of "word",' where only their stems are the same."""
    return f'"{word}" is' if other == word else f'"{word}" is a form of "{other}",'


def _too_small(group: list) -> str:
    return GROUP_OF_ONE.format(group[0]) if group else EMPTY_GROUP


def _stop_word(document: Document, parts: list, word: str) -> Iterator[Problem]:
    if word in STOP_WORDS:
        yield document.problem(parts, STOP_WORD.format(word))
