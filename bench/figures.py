"""Measure the default build: build seconds, pages, bytes on the wire, search milliseconds.

Run by hand (not a test; timings on shared machines are noisy):
    .venv/bin/python bench/figures.py
Needs the dev requirements and a Chromium (see tests/harness.py for how one is found).
"""

from __future__ import annotations

import gzip
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from corner.commands.build import build
from corner.server import make_server, serve_in_background

QUERIES = [
    "l",
    "le",
    "les",
    "lesc",
    "287",
    "287(g)",
    "detainer form",
    "tip line",
    "traffickng",
    "removals",
    "hsin",
    "detainee locator",
    "gang",
    "prosecutors",
    "field office",
    "i-247a",
    "foia",
    "child",
    "xyzzy",
]


def measure_build(out: Path, runs: int = 5):
    seconds = []
    for _ in range(runs):
        report = build(ROOT / "content", out, "/")
        seconds.append(report.seconds)
    return report, statistics.median(seconds)


def measure_search(out: Path) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    from harness import launch_chromium, watched_context

    server = make_server(out, "/")
    serve_in_background(server)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        with watched_context(browser) as context:
            page = context.new_page()
            page.goto(url)
            timings = page.evaluate(
                """async (queries) => {
                const { loadIndex } = await import('/assets/search.js');
                const index = await loadIndex('/');
                // Warm up the JIT, as typing the first letters does.
                for (const q of queries) index.search(q);
                const times = [];
                for (let round = 0; round < 20; round++) for (const q of queries) {
                    const start = performance.now();
                    index.search(q);
                    times.push(performance.now() - start);
                }
                return times.sort((a, b) => a - b);
            }""",
                QUERIES,
            )
        browser.close()
    server.shutdown()
    return timings[len(timings) // 2], timings[int(len(timings) * 0.95)]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "dist"
        report, median_seconds = measure_build(out)
        files = [p for p in out.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br")]
        raw_total = sum(p.stat().st_size for p in files)
        gzip_total = sum(len(gzip.compress(p.read_bytes(), mtime=0)) for p in files)
        index = (out / "search-index.json").read_bytes() + (out / "search-docs.json").read_bytes()
        p50, p95 = measure_search(out)
    print(f"build (median of 5):   {median_seconds * 1000:.0f} ms")
    print(f"pages:                 {report.pages}")
    print(
        f"dist/ files:           {len(files)}, {raw_total:,} bytes, {gzip_total:,} gzipped "
        f"(and {report.files - len(files)} .gz/.br copies)"
    )
    print(
        f"precache:              {report.precache_bytes:,} bytes, {report.precache_gzip_bytes:,} "
        "gzipped"
    )
    print(
        f"search index + docs:   {len(index):,} bytes, {len(gzip.compress(index, mtime=0)):,} "
        "gzipped"
    )
    print(
        f"search per query:      p50 {p50:.3f} ms, p95 {p95:.3f} ms ({len(QUERIES) * 20} queries, "
        "Chromium)"
    )


if __name__ == "__main__":
    main()
