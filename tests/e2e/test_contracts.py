"""What the build and the browser both compute, computed by both: the browser's modules as the build
ships them, on a blank page, beside the Python the build runs.

No site is written to disk and no server started: the page is at a made-up address on 127.0.0.1
whose every request Playwright answers from the build in memory (`Route.fulfill`), in about a
second for the whole module. The journeys through both servers are in the other e2e tests.
"""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import urlsplit

import pytest

from corner.content import check_content
from corner.site import render_site
from corner.site.entry_pages import chunk_of
from corner.site.search import ALPHABET, encode_postings, front_code
from corner.words import STOP_WORDS, stem, units
from support import DEFAULT_CONTENT, read_build

BASE = "/corner/"
ORIGIN = "http://127.0.0.1:8790"  # never connected to: the route answers every request
BLANK = (
    "blank.html"  # the page: a built page's <html> element (its data- attributes), nothing in it
)
TYPES = {
    ".js": "text/javascript",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".webmanifest": "application/manifest+json",
}


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    content, _ = check_content(DEFAULT_CONTENT)
    return render_site(content, BASE)


@pytest.fixture(scope="module")
def page(new_module_context, built):
    """A page with nothing in it at BASE + BLANK, on an origin whose files are the build's."""
    html = re.search(rb"<html\b[^>]*>", built["index.html"])[0]
    blank = b"<!doctype html>" + html + b"<head><title>Blank</title></head><body></body></html>"

    def answer(route):
        path = urlsplit(route.request.url).path.removeprefix(BASE)
        path = path + "index.html" if path.endswith("/") or not path else path
        body = blank if path == BLANK else built.get(path)
        if body is None:
            route.fulfill(status=404, body="")
        else:
            route.fulfill(body=body, content_type=TYPES[re.search(r"\.\w+$", path)[0]])

    context = new_module_context()
    context.route(f"{ORIGIN}/**", answer)
    page = context.new_page()
    page.goto(ORIGIN + BASE + BLANK)
    return page


TRICKY = [
    "287(g)",
    "287 g",
    "I-247A",
    "24/7/365",
    "1-866-DHS-2-ICE",
    "Détainer ÉLAN naïve",
    "agencies' removals",
    "e-mail: foia@ice.dhs.gov",
    "ICE ACCESS",
    "  spaced   out  ",
    "ﬁle ligature",
    "Ⅻ roman",
    "x²",
    "",
    "traffickers trafficking",
    "statuses analyses",
    "Quoted “words” — dashes",
    "tab\tand\nnewline",
    "H-1B1",
    "1a1",
    "A1A road",
    "1\ufeffa",
    "x\x1cy",
    "a\x85b",
    "nbsp\xa0space",
    "zero\u200bwidth",
    "𝐁𝐨𝐥𝐝 ｗｉｄｅ",
]
# Words taking every branch of stem(): short, with digits, and each ending it folds or keeps.
STEM_WORDS = [
    root + ending
    for root in ["a", "ab", "abc", "gas", "detain", "agenc", "i247", "stat"]
    for ending in [
        "",
        "s",
        "es",
        "ies",
        "sses",
        "xes",
        "ches",
        "shes",
        "zes",
        "ss",
        "us",
        "is",
        "ing",
        "ed",
        "er",
        "ers",
        "ings",
        "ied",
    ]
]


def content_strings() -> list[str]:
    """Every string of the default content."""
    out = []

    def collect(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, (dict, list)):
            for child in value.values() if isinstance(value, dict) else value:
                collect(child)

    for path in sorted(DEFAULT_CONTENT.rglob("*.json")):
        collect(json.loads(path.read_text("utf-8")))
    return out


def every_character() -> list[str]:
    """Each assigned code point of the first two planes between two letters: white space splits
    them, a mark or a letter that folds to ASCII joins them, anything else is dropped."""
    return [
        f"a{chr(code)}b"
        for code in range(0x20000)
        if unicodedata.category(chr(code)) not in ("Cn", "Cs")
    ]


def in_browser(page, script: str, *arguments):
    """What the async function `script` returns for arguments: all of them passed, and the result
    returned, as one JSON text (for 100,000 strings, 0.3 s instead of 13 s as Playwright's
    values)."""
    call = f"async (arguments) => JSON.stringify(await ({script})(...JSON.parse(arguments)))"
    return json.loads(page.evaluate(call, json.dumps(arguments)))


def test_the_browser_reads_text_into_words_as_the_build_does(page):
    strings = TRICKY + content_strings() + every_character()
    words = sorted({word for text in strings for token in units(text) for word in token})
    words += STEM_WORDS
    read, stems = in_browser(
        page,
        """async (url, strings, words) => {
        const { stem, units } = await import(url);
        return [strings.map(units), words.map(stem)];
    }""",
        f"{BASE}assets/words.js",
        strings,
        words,
    )
    assert len(strings) > 80_000 and len(words) > 1_000
    assert [
        (text, found) for text, found in zip(strings, read, strict=True) if found != units(text)
    ] == []
    assert [
        (word, found) for word, found in zip(words, stems, strict=True) if found != stem(word)
    ] == []


def test_postings_and_terms_read_back_in_the_browser_as_the_build_wrote_them(page):
    # Gaps of every size up to three characters (each character of the alphabet, in each place),
    # weights of each value, entries naming the term first.
    docs = [0, 1, *range(3, 40_000, 997), 65_000, 99_999]
    postings = {doc: doc % 64 for doc in docs}
    named = set(docs[::3])
    words = sorted(
        {"a", "ab", "abc", "b", "x" * 70, "x" * 70 + "y", "287g", "i247a", "tip", "tipline"}
    )
    text = encode_postings(postings, named)
    every, naming, terms = in_browser(
        page,
        """async (url, text, coded, alphabet) => {
        const { alphabetValues, decode, unfrontCode } = await import(url);
        const values = alphabetValues(alphabet);
        const pairs = ({ docs, weights }) => Array.from(docs, (doc, k) => [doc, weights[k]]);
        return [
            pairs(decode(text, false, values)),
            pairs(decode(text, true, values)),
            unfrontCode(coded, values),
        ];
    }""",
        f"{BASE}assets/index-format.js",
        text,
        front_code(words),
        ALPHABET,
    )
    first = sorted(named)
    assert every == [[doc, postings[doc]] for doc in first + sorted(set(docs) - named)]
    assert naming == [[doc, postings[doc]] for doc in first]
    assert terms == words


def test_the_browser_searches_the_index_the_build_wrote(page, built):
    index = json.loads(built["search-index.json"])
    found, stops, refused = in_browser(
        page,
        """async (url, base, index) => {
        const { SearchIndex, loadIndex } = await import(url);
        const search = await loadIndex(base);
        const hits = search.search('lesc').hits.map(({ score, ...shown }) => shown);
        const next = { ...index, version: index.version + 1 };
        let refused = '';
        try {
            new SearchIndex(next, { version: next.version, docs: [] });
        } catch (error) {
            refused = error.message;
        }
        return [hits, [...search.lookup.stops], refused];
    }""",
        f"{BASE}assets/search.js",
        BASE,
        index,
    )
    # Each result shows its entry's own title, kind and summary, as the build wrote and named them.
    docs = json.loads(built["search-docs.json"])
    assert docs["fields"] == ["id", "title", "kind", "summary"]
    assert found[0] == next(
        dict(zip(docs["fields"], entry, strict=True))
        for entry in docs["docs"]
        if entry[0] == "law-enforcement-support-center"
    )
    assert sorted(stops) == sorted(STOP_WORDS)
    assert refused == "search index: unknown version"


ENTRY_PAGES = """async (source, urls) => {
    // sw.js as the build wrote it (BUILD first), with this page's caches, fetch and crypto.
    const worker = { addEventListener() {}, clients: { claim: async () => {} }, location };
    const load = new Function('self', `${source}\\nreturn { precache, entryPage };`);
    const { precache, entryPage } = load(worker);
    await precache();
    return Promise.all(urls.map(async (url) => {
        const page = await entryPage({ mode: 'navigate', url: new URL(url, location.href).href });
        return page ? page.text() : null;
    }));
}"""


def test_the_worker_makes_every_entry_page_offline_as_the_server_wrote_it(page, built):
    ids = sorted(
        path.split("/")[1] for path in built if re.fullmatch(r"resources/[^/]+/index\.html", path)
    )
    other = ["resources/", "resources/no-such-entry/", "resources/hsi-tip-line/more/", "search/"]
    spellings = ["resources/hsi-tip-line", "resources/hsi-tip-line/index.html"]
    urls = [f"{BASE}resources/{entry_id}/" for entry_id in ids] + [
        BASE + url for url in spellings + other
    ]
    pages = in_browser(page, ENTRY_PAGES, built["sw.js"].decode(), urls)
    expected = [built[f"resources/{entry_id}/index.html"].decode() for entry_id in ids]
    assert len(ids) == 20 and pages[:20] == expected
    assert pages[20:] == [built["resources/hsi-tip-line/index.html"].decode()] * 2 + [None] * 4


def test_a_worker_told_the_parts_in_another_order_makes_other_pages(page, built):
    build = read_build(built["sw.js"])
    parts = build["entryPages"]["parts"]
    wrong = (
        built["sw.js"]
        .decode()
        .replace(json.dumps(parts, indent=1).replace("\n", "\n  "), json.dumps(parts[::-1]))
    )
    assert wrong != built["sw.js"].decode()
    [made] = in_browser(page, ENTRY_PAGES, wrong, [f"{BASE}resources/hsi-tip-line/"])
    assert made and made != built["resources/hsi-tip-line/index.html"].decode()


def test_the_worker_picks_each_entry_s_chunk_as_the_build_did(page, built):
    ids = [f"entry-{number}" for number in range(5_000)] + ["a", "0", "z9-x", "hsi-tip-line"]
    counts = [1, 2, 3, 7, 64, 256, 1_000_003]
    picked = in_browser(
        page,
        """async (source, ids, counts) => {
        const load = new Function('self', `${source}\\nreturn { chunkOf };`);
        const { chunkOf } = load({ addEventListener() {} });
        return counts.map((count) => ids.map((id) => chunkOf(id, count)));
    }""",
        built["sw.js"].decode(),
        ids,
        counts,
    )
    assert picked == [[chunk_of(entry_id, count) for entry_id in ids] for count in counts]


def test_the_theme_saved_on_one_page_is_drawn_first_on_the_next(page):
    # personal.js saves the choice; theme.js, a plain script before the page is drawn, reads it.
    saved, keys = in_browser(
        page,
        """async (url) => {
        const button = Object.assign(document.createElement('button'), { id: 'theme-toggle' });
        document.body.append(button);
        (await import(url)).startPersonal();
        button.click();
        const saved = document.documentElement.dataset.theme;
        delete document.documentElement.dataset.theme;
        return [saved, Object.keys(localStorage)];
    }""",
        f"{BASE}assets/personal.js",
    )
    page.add_script_tag(url=f"{BASE}assets/theme.js")
    assert page.evaluate("document.documentElement.dataset.theme") == saved
    assert f"corner:{BASE}:theme" in keys
