"""content/synonyms.json: words for the same thing, and words that lead to the closest entries.

Search only (site/search.py ships them in the index; pwa/search.js expands query words with
them). The schema checks each word's shape; here, what it cannot see across the file.
"""
from __future__ import annotations

from typing import Iterator

from ..errors import Problem
from ..words import STOP_WORDS, stem
from .jsonfile import Document, json_path

ONE_GROUP = "a word belongs to one group only: merge the two groups, or keep the word in one"


def synonym_problems(document: Document) -> Iterator[Problem]:
    """Empty groups, groups of one, stop words, and a word (or a form of it) in two places."""
    data = document.data
    first: dict[str, tuple[list, str]] = {}  # stem → (path, word) of its first group word
    for i, group in enumerate(data["groups"]):
        if len(group) < 2:
            yield document.problem(["groups", i], _too_small(group))
        for k, word in enumerate(group):
            yield from _stop_word(document, ["groups", i, k], word)
            path, other = first.setdefault(stem(word), (["groups", i, k], word))
            if path[1] != i:
                what = f'"{word}" is' if other == word else f'"{word}" is a form of "{other}",'
                yield document.problem(["groups", i, k], f"{what} already in {json_path(path)}; {ONE_GROUP}")
    led: dict[str, tuple[list, str]] = {}  # stem → (path, word) of its first closest entry
    for i, lead in enumerate(data.get("closest", [])):
        word, here = lead["word"], ["closest", i, "word"]
        yield from _stop_word(document, here, word)
        path, other = led.setdefault(stem(word), (here, word))
        if path != here:
            what = f'"{word}" is' if other == word else f'"{word}" is a form of "{other}",'
            yield document.problem(here, f"{what} already at {json_path(path)}; list its closest words there")
        if stem(word) in first:
            path, other = first[stem(word)]
            yield document.problem(here, f'"{word}" has words for the same thing in {json_path(path[:2])}: '
                                         "search it there, or here with the closest words, not both")
        if not lead["words"]:
            yield document.problem(["closest", i, "words"], "no words: list the words whose entries come closest, or remove this entry")
        for k, target in enumerate(lead["words"]):
            yield from _stop_word(document, ["closest", i, "words", k], target)
            if stem(target) == stem(word):
                yield document.problem(["closest", i, "words", k], f'"{target}" is "{word}" itself (or a form of it); list other words')


def _too_small(group: list) -> str:
    if not group:
        return "an empty group: list at least two words for the same thing, or remove it"
    return f'a group of one word ("{group[0]}") joins nothing: add the words people use for the same thing, or remove it'


def _stop_word(document: Document, parts: list, word: str) -> Iterator[Problem]:
    if word in STOP_WORDS:
        yield document.problem(parts, f'"{word}" is a stop word, which search leaves out of every query; remove it')

