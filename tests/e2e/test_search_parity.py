"""The browser splits and folds query words exactly as the build did for the content."""
from __future__ import annotations

import json

from corner.words import STOP_WORDS, stem, units
from harness import BASE_URL
from support import DEFAULT_CONTENT

TRICKY = [
    "287(g)", "287 g", "I-247A", "24/7/365", "1-866-DHS-2-ICE", "Détainer ÉLAN naïve", "agencies' removals",
    "e-mail: foia@ice.dhs.gov", "ICE ACCESS", "  spaced   out  ", "ﬁle ligature", "Ⅻ roman", "x²", "", "trafficked trafficker officers detained meetings bring sharing speed need center numbers",
    "traffickers trafficking", "statuses analyses", "Quoted “words” — dashes", "tab\tand\nnewline",
    "H-1B1", "1a1", "A1A road", "1\ufeffa", "x\x1cy", "a\x85b", "nbsp\xa0space", "zero\u200bwidth",
]


def content_strings() -> list[str]:
    out = []

    def collect(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for child in value.values():
                collect(child)
        elif isinstance(value, list):
            for child in value:
                collect(child)

    for path in sorted(DEFAULT_CONTENT.rglob("*.json")):
        collect(json.loads(path.read_text("utf-8")))
    return out


def python_words(text):
    found = units(text)
    return [found, [stem(word) for parts in found for word in parts]]


def test_javascript_and_python_produce_the_same_words(context, site):
    page = context.new_page()
    page.goto(site.url)
    strings = TRICKY + content_strings()
    in_browser = page.evaluate(
        """async ([url, strings]) => {
            const search = await import(url);
            return strings.map((text) => {
                const found = search.units(text);
                return [found, found.flat().map(search.stem)];
            });
        }""",
        [f"{BASE_URL}assets/search.js", strings],
    )
    mismatches = [(text, js, python_words(text)) for text, js in zip(strings, in_browser) if js != python_words(text)]
    assert mismatches == []
    assert len(strings) > 300


def test_the_browser_skips_the_stop_words_the_build_left_out(context, site):
    page = context.new_page()
    page.goto(site.url)
    in_browser = page.evaluate(
        "async (base) => [...(await (await import(`${base}assets/search.js`)).loadIndex(base)).stops]", BASE_URL)
    assert sorted(in_browser) == sorted(STOP_WORDS)
