"""Benchmark search: ours beside MiniSearch 7.2 and Lunr 2.3.9, on the same content and queries.

Run by hand (not a test; timings on shared machines are noisy):
    make bench-search
or, once `npm ci --prefix bench` has installed the two libraries:
    .venv/bin/python bench/search.py [--size 1000 --size 10000] [--queries 200] [--relevance FILE]

For the default content and for synthetic content of each size (bench/synthetic.py writes it to
bench/content-<size>/), it builds the app and prints one table per content set:
- index build: ours is the Python index step alone (beside the whole build); MiniSearch's and
  Lunr's is indexing title, aliases, summary and body in the browser,
- index size, raw and gzip, and gzip bytes per resource; ours as index and display data,
- load in headless Chromium: fetch, parse and ready, in a fresh browser context (median of 3),
  and the longest the main thread was busy meanwhile (the longest a keystroke would wait),
- search code the browser downloads, minified as our build minifies it, gzip,
- latency per keystroke: every prefix of each query as typed, after a warm-up (p50, p95), then
  p95 again with the CPU throttled 4× (a phone stand-in); queries come from the content's own
  text: words, phrases, acronyms, codes and a share with one typo. Each pass stops after 30 s
  (Lunr at 10,000 resources types a fraction of the queries; the table says how many keystrokes),
- relevance, on the default content: the cases of --relevance at their required rank, in the
  top 3, and first, for the whole set and apart for its plain-language part (cases of kind
  "plain language": officers' words, not the entries'), then the cases each engine fails.
Our engine runs on the page's main thread here (the app searches in a worker where it can).
It is reached in two places only: `our_index_step` here and `ours` in bench/page/bench.js.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import logging
import math
import os
import random
import re
import shutil
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path

import click

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from corner.commands.build import build
from corner.content import check_content
from corner.server import make_server, serve_in_background
from corner.site import search
from corner.site.assets import minified
from synthetic import SMALL_WORDS, generate, size_option

log = logging.getLogger("bench")

ENGINES = {"ours": "ours", "minisearch": "MiniSearch", "lunr": "Lunr"}
LIBRARIES = {"minisearch.js": "minisearch/dist/umd/index.js", "lunr.js": "lunr/lunr.js"}
LOAD_RUNS = 3
THROTTLE = 4
# Typing time per pass: Lunr at 10,000 resources would take many minutes for every query.
WARM_UP_MS = 5_000
TYPING_MS = 30_000
RANK_DEPTH = 10
WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
ACRONYM = re.compile(r"[A-Z]{2,6}")


def our_index_step(content) -> None:
    """Build our search index from loaded content, as the build does (our engine's Python API)."""
    search.build_search(list(content.resources.values()), content.sections_of, content.synonyms)


def library_documents(content) -> list[dict]:
    """What MiniSearch and Lunr index: the fields our index weighs most."""
    return [
        {
            "id": r["id"],
            "title": r["title"],
            "aliases": " ".join(r["aliases"]),
            "summary": r["summary"],
            "body": " ".join(fact["text"] for fact in r.get("body", [])),
        }
        for r in content.resources.values()
    ]


def typo(rng: random.Random, word: str) -> str:
    """One slip of the finger, never on the first letter: a letter dropped, doubled, swapped or
    replaced."""
    i = rng.randrange(1, len(word) - 1)
    return rng.choice(
        [
            word[:i] + word[i + 1 :],
            word[:i] + word[i] + word[i:],
            word[:i] + word[i + 1] + word[i] + word[i + 2 :],
            word[:i] + rng.choice(string.ascii_lowercase.replace(word[i], "")) + word[i + 1 :],
        ]
    )


def typed_queries(resources: list[dict], count: int, seed: int) -> list[str]:
    """Queries as officers type them, from the entries' own text."""
    rng = random.Random(seed)
    texts = [
        WORD.findall(text.lower())
        for r in resources
        for text in (r["title"], r["summary"], *(fact["text"] for fact in r.get("body", [])))
    ]
    words = [
        word
        for text in texts
        for word in text
        if len(word) >= 3 and word.isalpha() and word not in SMALL_WORDS
    ]
    aliases = [alias for r in resources for alias in r["aliases"]]
    acronyms = [alias.lower() for alias in aliases if ACRONYM.fullmatch(alias)] or words
    codes = [alias.lower() for alias in aliases if re.search(r"[0-9]", alias)] or words
    long_words = [word for word in words if len(word) >= 5]

    def phrase(length: int) -> str:
        while True:
            text = rng.choice(texts)
            start = rng.randrange(max(1, len(text) - length + 1))
            run = text[start : start + length]
            if len(run) == length and run[0] not in SMALL_WORDS and run[-1] not in SMALL_WORDS:
                return " ".join(run)

    shares = [  # percent of the queries, and how to make one
        (35, lambda: rng.choice(words)),
        (20, lambda: phrase(2)),
        (10, lambda: phrase(3)),
        (10, lambda: rng.choice(acronyms)),
        (10, lambda: rng.choice(codes)),
        (15, lambda: typo(rng, rng.choice(long_words))),
    ]
    queries = [make() for share, make in shares for _ in range(math.ceil(count * share / 100))]
    rng.shuffle(queries)
    return queries[:count]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, mtime=0))


# Ours: the worker, pwa/search.js and the modules it imports, and highlight.js (the marks).
OUR_SEARCH_CODE = (
    "search-worker.js",
    "search.js",
    "lookup.js",
    "fuzzy.js",
    "scores.js",
    "index-format.js",
    "words.js",
    "highlight.js",
)


def code_size(folder: Path, names: tuple[str, ...]) -> int:
    """Gzipped bytes of the scripts named, each compressed as a server would send it."""
    return sum(gzip_size((folder / name).read_bytes()) for name in names)


@contextlib.contextmanager
def served(out: Path):
    server = make_server(out, "/")
    serve_in_background(server)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def cross_origin_isolated(route) -> None:
    """Serve the page as it is, plus the headers that isolate it.

    Isolation sharpens performance.now() from 100 µs to 5 µs, and a keystroke can take less than
    100 µs: https://developer.mozilla.org/en-US/docs/Web/API/Performance/now#security_requirements
    """
    response = route.fetch()
    route.fulfill(
        response=response,
        headers={
            **response.headers,
            "Cross-Origin-Opener-Policy": "same-origin",
            "Cross-Origin-Embedder-Policy": "require-corp",
        },
    )


@contextlib.contextmanager
def bench_page(browser, url: str):
    """The benchmark page in a fresh browser context: no cache, no index loaded yet."""
    from harness import watched_context

    with watched_context(browser) as context:
        context.route(url + "bench/", cross_origin_isolated)
        page = context.new_page()
        page.goto(url + "bench/")
        if not page.evaluate("() => 'bench' in window && crossOriginIsolated"):
            raise click.ClickException(
                f"the benchmark page did not start (or is not cross-origin isolated): "
                f"{context.watch.problems()}"
            )
        yield page


def call(page, method: str, *args):
    """bench.<method>(...args) in the page (bench/page/bench.js)."""
    return page.evaluate("([method, args]) => bench[method](...args)", [method, list(args)])


class ContentBench:
    """One content set, built and served, measured in one browser."""

    def __init__(self, browser, url: str, out: Path, queries: list[str]):
        self.browser, self.url, self.out, self.queries = browser, url, out, queries

    def build_library_index(self, name: str) -> tuple[float, bytes]:
        with bench_page(self.browser, self.url) as page:
            built = call(page, "build", name, "/")
        data = built["json"].encode("utf-8")
        (self.out / "bench" / f"{name}-index.json").write_bytes(data)
        return float(built["ms"]) / 1000, data

    def load(self, name: str) -> dict:
        """Median load figures of LOAD_RUNS fresh pages, after one that warms up the browser and
        server."""
        runs = []
        for _ in range(LOAD_RUNS + 1):
            with bench_page(self.browser, self.url) as page:
                runs.append(call(page, "load", name, "/"))
        return {
            key: float(statistics.median(run[key] for run in runs[1:]))
            for key in ("ms", "blockedMs")
        }

    def keystrokes(self, name: str, cases: list[dict]) -> dict:
        with bench_page(self.browser, self.url) as page:
            call(
                page, "type", name, "/", self.queries, WARM_UP_MS
            )  # warm up the JIT, as the first keystrokes do
            times = call(page, "type", name, "/", self.queries, TYPING_MS)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
            throttled = call(page, "type", name, "/", self.queries, TYPING_MS)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
            ranked = (
                call(page, "rank", name, "/", [case["query"] for case in cases], RANK_DEPTH)
                if cases
                else []
            )
        return {
            "keystrokes": len(times),
            "p50": float(percentile(times, 0.5)),
            "p95": float(percentile(times, 0.95)),
            "throttled_keystrokes": len(throttled),
            "throttled_p95": float(percentile(throttled, 0.95)),
            "ranked": ranked,
        }


def add_bench_page(out: Path, content) -> None:
    """Copy the benchmark page, the two libraries and their documents into a build."""
    folder = out / "bench"
    shutil.copytree(BENCH / "page", folder)
    for name, path in LIBRARIES.items():
        library = BENCH / "node_modules" / path
        if not library.is_file():
            raise click.ClickException(
                f"{library} not found: run `npm ci --prefix bench` (or `make bench-search`)"
            )
        (folder / name).write_bytes(minified(library))
    (folder / "documents.json").write_text(
        json.dumps(library_documents(content), ensure_ascii=False), "utf-8"
    )


def measure(browser, content_dir: Path, query_count: int, cases: list[dict], seed: int) -> dict:
    """Every figure for one content set, by engine."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "dist"
        report = build(content_dir, out, "/")
        content, _ = check_content(content_dir)
        count = len(content.resources)
        started = time.perf_counter()
        our_index_step(content)
        index_seconds = time.perf_counter() - started
        add_bench_page(out, content)
        queries = typed_queries(list(content.resources.values()), query_count, seed)
        figures = {name: {"resources": count} for name in ENGINES}
        figures["ours"].update(
            build_seconds=report.seconds,
            index_seconds=index_seconds,
            index=(out / "search-index.json").read_bytes(),
            code_gzip=code_size(out / "assets", OUR_SEARCH_CODE),
        )
        if (out / "search-docs.json").is_file():
            figures["ours"]["docs"] = (out / "search-docs.json").read_bytes()
        with served(out) as url:
            bench = ContentBench(browser, url, out, queries)
            for name in ENGINES:
                log.info("  %s", ENGINES[name])
                if name != "ours":
                    figures[name]["index_seconds"], figures[name]["index"] = (
                        bench.build_library_index(name)
                    )
                    figures[name]["code_gzip"] = code_size(out / "bench", (f"{name}.js",))
                figures[name]["load"] = bench.load(name)
                figures[name].update(bench.keystrokes(name, cases))
    return figures


def rank_of(case: dict, ids: list[str]) -> int | None:
    return ids.index(case["id"]) + 1 if case["id"] in ids else None


PLAIN = (
    "plain language"  # the part of the relevance set written in officers' words, not the entries'
)


def relevance_parts(cases: list[dict]) -> list[tuple[str, list[int]]]:
    """The relevance set's parts, by the positions of their cases: the whole set, then its
    plain-language part."""
    everything = list(range(len(cases)))
    plain = [i for i, case in enumerate(cases) if case.get("kind") == PLAIN]
    others = [i for i in everything if i not in plain]
    return [("relevance", everything)] + (
        [("relevance, other kinds", others), ("relevance, plain language", plain)] if plain else []
    )


def relevance_rows(figures: dict, cases: list[dict]) -> tuple[list, list[str]]:
    """Table rows (cases passed, in the top 3, first) for the set and each part, and the cases each
    engine fails."""
    ranks = {
        name: [rank_of(case, ids) for case, ids in zip(cases, figures[name]["ranked"], strict=True)]
        for name in ENGINES
    }

    def passing(test, positions) -> dict:
        return {
            name: sum(
                ranks[name][i] is not None and test(ranks[name][i], cases[i]) for i in positions
            )
            for name in ENGINES
        }

    rows = []
    for label, positions in relevance_parts(cases):
        rows += [
            (
                f"{label}: at required rank (of {len(positions)})",
                passing(lambda rank, case: rank <= case["rank"], positions),
            ),
            (f"{label}: in top 3", passing(lambda rank, case: rank <= 3, positions)),
            (f"{label}: first", passing(lambda rank, case: rank == 1, positions)),
        ]
    failures = []
    for name in ENGINES:
        failed = [
            f'    "{c["query"]}" → {c["id"]}: rank {r or f"> {RANK_DEPTH}"}, needs ≤ {c["rank"]}'
            for r, c in zip(ranks[name], cases, strict=True)
            if r is None or r > c["rank"]
        ]
        failures.append(
            f"  {ENGINES[name]} fails {len(failed)}:" + "".join("\n" + line for line in failed)
            if failed
            else f"  {ENGINES[name]} passes every case."
        )
    return rows, failures


def size_rows(figures: dict) -> list:
    """Index sizes; ours split into the index and the display data it loads beside it."""
    ours = figures["ours"]
    count = ours["resources"]
    rows = [
        ("index, bytes", {n: len(figures[n]["index"]) for n in ENGINES}),
        ("index, gzip bytes", {n: gzip_size(figures[n]["index"]) for n in ENGINES}),
        (
            "index, gzip bytes per resource",
            {n: gzip_size(figures[n]["index"]) / count for n in ENGINES},
        ),
    ]
    if "docs" in ours:
        total = gzip_size(ours["index"]) + gzip_size(ours["docs"])
        rows += [
            ("display data, bytes", {"ours": len(ours["docs"])}),
            ("display data, gzip bytes", {"ours": gzip_size(ours["docs"])}),
            ("index + display, gzip bytes per resource", {"ours": total / count}),
        ]
    return rows


def table(title: str, figures: dict, cases: list[dict]) -> str:
    rows = [
        (
            "index build, s (ours: Python; others: browser)",
            {n: figures[n]["index_seconds"] for n in ENGINES},
        ),
        ("whole build, s", {"ours": figures["ours"]["build_seconds"]}),
        *size_rows(figures),
        ("search code, minified, gzip bytes", {n: figures[n]["code_gzip"] for n in ENGINES}),
        (
            f"load in browser, ms (median of {LOAD_RUNS})",
            {n: figures[n]["load"]["ms"] for n in ENGINES},
        ),
        (
            "longest main-thread block during load, ms",
            {n: figures[n]["load"]["blockedMs"] for n in ENGINES},
        ),
        (
            f"keystrokes timed (≤ {TYPING_MS // 1000} s)",
            {n: figures[n]["keystrokes"] for n in ENGINES},
        ),
        ("keystroke p50, ms", {n: figures[n]["p50"] for n in ENGINES}),
        ("keystroke p95, ms", {n: figures[n]["p95"] for n in ENGINES}),
        (
            f"keystrokes timed, CPU {THROTTLE}× slower",
            {n: figures[n]["throttled_keystrokes"] for n in ENGINES},
        ),
        (
            f"keystroke p95, ms, CPU {THROTTLE}× slower",
            {n: figures[n]["throttled_p95"] for n in ENGINES},
        ),
    ]
    failures = []
    if cases:
        relevance, failures = relevance_rows(figures, cases)
        rows += relevance
    width = max(len(label) for label, _ in rows)
    lines = [f"{title:<{width}}" + "".join(f"{name:>13}" for name in ENGINES.values())]
    for label, values in rows:
        lines.append(
            f"{label:<{width}}" + "".join(f"{number(values.get(name)):>13}" for name in ENGINES)
        )
    return "\n".join(lines + failures)


def number(value) -> str:
    """Counts as they are; measurements to three significant digits or so."""
    if value is None:
        return "–"
    if isinstance(value, int) or value >= 100:
        return f"{value:,.0f}"
    return f"{value:.{3 if value < 1 else 2 if value < 10 else 1}f}"


def read_cases(path: Path) -> list[dict]:
    if not path.is_file():
        log.warning("No relevance cases at %s: relevance is not measured.", path)
        return []
    return json.loads(path.read_text("utf-8"))


@click.command()
@size_option()
@click.option(
    "--queries",
    "query_count",
    type=int,
    default=200,
    show_default=True,
    help="Queries typed per content set.",
)
@click.option(
    "--relevance",
    "relevance_path",
    type=click.Path(path_type=Path),
    default=ROOT / "tests" / "data" / "relevance.json",
    show_default="tests/data/relevance.json",
    help="Relevance cases: a JSON list of {query, id, rank}, run on the default content.",
)
@click.option(
    "--seed", type=int, default=1, show_default=True, help="Seed for synthetic content and queries."
)
def main(sizes: tuple[int, ...], query_count: int, relevance_path: Path, seed: int) -> None:
    """Print index size, build and load time, keystroke latency and relevance: ours, MiniSearch,
    Lunr."""
    from playwright.sync_api import sync_playwright

    from harness import launch_chromium

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    cases = read_cases(relevance_path)
    content_sets = [("Default content", ROOT / "content", cases)]
    for size in sizes:
        folder = BENCH / f"content-{size}"
        shutil.rmtree(folder, ignore_errors=True)
        log.info("Writing %s synthetic resources into %s", f"{size:,}", folder.relative_to(ROOT))
        content_sets.append(("Synthetic content", generate(size, folder, seed), []))
    tables = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for title, content_dir, content_cases in content_sets:
            log.info("%s: %s", title, content_dir.relative_to(ROOT))
            figures = measure(browser, content_dir, query_count, content_cases, seed)
            tables.append(
                table(
                    f"{title}, {figures['ours']['resources']:,} resources", figures, content_cases
                )
            )
        version = browser.version
        browser.close()
    click.echo(
        f"CPUs: {os.cpu_count()}; Chromium {version} (headless); {query_count} queries per content "
        "set\n"
    )
    click.echo("\n\n".join(tables))
    click.echo(
        "\nMiniSearch and Lunr indexes hold ids only: showing titles would need display data like "
        "ours (or MiniSearch's storeFields)."
    )


if __name__ == "__main__":
    main()
