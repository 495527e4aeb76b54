"""Benchmark a keystroke in the search page: from the input event to the DOM holding its results.

Run by hand (not a test; timings on shared machines are noisy):
    make bench-keystroke
or
    .venv/bin/python bench/keystroke.py [--size 1000 --size 10000] [--queries 60] [--titles 20]
        [--against REV]

For the default content and synthetic content of each size (bench/synthetic.py writes it to
bench/content-<size>/), it builds the app (`build.py build`, as its own process), serves the build
and opens its search page in headless Chromium, then types every prefix of each query, one key at a
time, as an officer would: --queries queries of tests/data/relevance.json, then --titles entry
titles of that content. For each keystroke, the page records the time from the `input` event to the
first change of the results that names the query in the status line (a MutationObserver: the DOM
holds the new results), and to the end of the layout that follows (forced at once). Before the next
key it waits for the next frame and a task after it, as between the keys of a typist. The first 30
queries warm up the JIT and load the index; then every query is timed, then again with the CPU
throttled 4× (Chrome DevTools' phone stand-in, Emulation.setCPUThrottlingRate).

--against REV also builds the app of git revision REV (its pwa/, templates/ and build code, taken
with `git archive`) and measures both in the same browser, taking turns query by query, so that a
change is compared under the same load.

Service workers are blocked (caching the app for offline use is not what a keystroke waits for);
the page is served cross-origin isolated, which sharpens performance.now() from 100 µs to 5 µs.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from typing import ClassVar

import click

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from synthetic import generate, size_option

log = logging.getLogger("bench")

THROTTLE = 4
WARM_UP_QUERIES = 30
RELEVANCE = ROOT / "tests" / "data" / "relevance.json"

# Installed before the page's own scripts: times each keystroke (see the module docstring).
PROBE = """
(() => {
  const done = [];
  const waiting = [];
  let typed = null;
  addEventListener('keydown', (event) => { window.keyAt = event.timeStamp; }, true);
  addEventListener('input', (event) => {
    if (event.target.id !== 'search-input') return;
    typed = { at: performance.now(), key: window.keyAt, query: event.target.value.trim() };
  }, true);
  const settle = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  function answered(records) {
    const status = document.getElementById('search-status');
    if (!typed || !records.some((record) => status.contains(record.target))) return;
    if (!status.textContent.includes(`“${typed.query}”`)) return;
    const now = performance.now();
    // The layout the browser would do next.
    document.getElementById('search-results').getBoundingClientRect();
    const layout = performance.now() - typed.at;
    const times = { dom: now - typed.at, layout, key: now - typed.key };
    typed = null;
    settle().then(() => {
      done.push(times);
      while (waiting.length && waiting[0].count <= done.length) waiting.shift().resolve();
    });
  }
  addEventListener('DOMContentLoaded', () => {
    new MutationObserver(answered).observe(document.getElementById('search-results'),
      { subtree: true, childList: true, characterData: true });
  });
  // The times of keystroke `count` (from 1), once it is answered and the page has settled.
  window.keystroke = (count) => new Promise((resolve) => {
    if (done.length >= count) resolve();
    else waiting.push({ count, resolve });
  }).then(() => done[count - 1]);
})();
"""


class Handler(SimpleHTTPRequestHandler):
    """The build's files, cross-origin isolated, quietly."""

    extensions_map: ClassVar = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".webmanifest": "application/manifest+json",
    }

    def end_headers(self):
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(folder: Path):
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(folder))
    )
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(tree: Path, content: Path, out: Path) -> None:
    """The app of a source tree, built as its own process."""
    done = subprocess.run(
        [
            sys.executable,
            str(tree / "build.py"),
            "build",
            "--content",
            str(content),
            "--out",
            str(out),
        ],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise click.ClickException(
            f"building {content} with {tree} failed:\n{done.stdout}{done.stderr}"
        )


def export_revision(revision: str, folder: Path) -> Path:
    """The files of a git revision, in folder."""
    folder.mkdir()
    archive = subprocess.run(
        ["git", "archive", revision], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def queries_for(content: Path, cases: int, titles: int, seed: int) -> list[str]:
    """Queries of the relevance set, then titles of the content's entries, picked by seed."""
    picker = random.Random(seed)
    known = [case["query"] for case in json.loads(RELEVANCE.read_text("utf-8"))]
    names = sorted(
        json.loads(path.read_text("utf-8"))["title"]
        for path in (content / "resources").glob("*.json")
    )
    return picker.sample(known, min(cases, len(known))) + picker.sample(
        names, min(titles, len(names))
    )


class Typist:
    """One search page, typed into key by key."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(service_workers="block")
        self.context.add_init_script(PROBE)
        self.page = self.context.new_page()
        errors = []
        self.page.on("pageerror", lambda error: errors.append(str(error)))
        self.page.goto(url + "search/")
        if not self.page.evaluate("() => crossOriginIsolated && 'keystroke' in window"):
            raise click.ClickException(
                f"the search page did not start (or is not cross-origin isolated): {errors}"
            )
        self.cdp = self.context.new_cdp_session(self.page)
        self.count = 0

    def throttle(self, rate: int) -> None:
        self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})

    def type(self, query: str) -> list[dict]:
        """The query typed into an empty box, a key at a time: each keystroke's times, in ms."""
        self.page.fill("#search-input", "")
        times = []
        for char in query:
            self.page.keyboard.type(char)
            self.count += 1
            times.append(self.page.evaluate("(count) => keystroke(count)", self.count))
        return times

    def close(self):
        self.context.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary(times: list[dict]) -> dict:
    return {
        "keystrokes": len(times),
        "p50": percentile([t["dom"] for t in times], 0.5),
        "p95": percentile([t["dom"] for t in times], 0.95),
        "layout_p95": percentile([t["layout"] for t in times], 0.95),
        "key_p95": percentile([t["key"] for t in times], 0.95),
        "max": max(t["dom"] for t in times),
    }


def measure(browser, urls: dict[str, str], queries: list[str]) -> dict:
    """Each app's keystrokes over the same queries: warmed up, timed, timed throttled.

    The apps take turns query by query, so that both see the same load of a shared machine.
    """
    typists = {name: Typist(browser, url) for name, url in urls.items()}
    try:
        for query in queries[:WARM_UP_QUERIES]:  # the JIT warms up, the index loads
            for typist in typists.values():
                typist.type(query)
        figures = {name: {} for name in urls}
        for throttle in (1, THROTTLE):
            log.info("    CPU %d× slower", throttle)
            for typist in typists.values():
                typist.throttle(throttle)
            times = {name: [] for name in urls}
            for query in queries:
                for name, typist in typists.items():
                    times[name] += typist.type(query)
            for name, typist in typists.items():
                typist.throttle(1)
                figures[name][throttle] = summary(times[name])
        return figures
    finally:
        for typist in typists.values():
            typist.close()


def table(rows: list[tuple[str, dict]], names: list[str]) -> str:
    columns = [
        ("p50", "p50"),
        ("p95", "p95"),
        ("p95 +layout", "layout_p95"),
        ("p95 from key", "key_p95"),
        ("max", "max"),
    ]
    head = f"{'content':<28}{'CPU':>5}{'app':>12}{'keys':>7}" + "".join(
        f"{label:>14}" for label, _ in columns
    )
    lines = [head]
    for title, figures in rows:
        for throttle in (1, THROTTLE):
            for name in names:
                f = figures[name][throttle]
                lines.append(
                    f"{title:<28}{f'{throttle}×':>5}{name:>12}{f['keystrokes']:>7}"
                    + "".join(f"{f[key]:>14.2f}" for _, key in columns)
                )
    return "\n".join(lines)


@click.command()
@size_option()
@click.option(
    "--queries",
    "cases",
    type=int,
    default=60,
    show_default=True,
    help="Queries of tests/data/relevance.json typed.",
)
@click.option(
    "--titles",
    type=int,
    default=20,
    show_default=True,
    help="Entry titles typed besides the relevance queries.",
)
@click.option(
    "--against",
    "revision",
    help="A git revision whose app is measured beside this one's (e.g. HEAD~3).",
)
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="Seed for synthetic content and the titles picked.",
)
def main(sizes: tuple[int, ...], cases: int, titles: int, revision: str | None, seed: int) -> None:
    """Print keystroke → results-in-the-page times (p50, p95, ms) in headless Chromium."""
    from playwright.sync_api import sync_playwright

    from harness import LAUNCH_ARGS, chromium_executable

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    content_sets = [("default content", ROOT / "content")]
    for size in sizes:
        folder = BENCH / f"content-{size}"
        shutil.rmtree(folder, ignore_errors=True)
        log.info("Writing %s synthetic resources into %s", f"{size:,}", folder.relative_to(ROOT))
        content_sets.append((f"{size:,} synthetic entries", generate(size, folder, seed)))
    rows = []
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        trees = {"this": ROOT}
        if revision:
            trees = {revision: export_revision(revision, Path(temporary) / "against"), "this": ROOT}
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(playwright), args=["--no-sandbox", *LAUNCH_ARGS]
        )
        for number, (title, content) in enumerate(content_sets):
            log.info("%s", title)
            outs = {name: Path(temporary) / f"{number}-{index}" for index, name in enumerate(trees)}
            for name, tree in trees.items():
                build(tree, content, outs[name])
            with contextlib.ExitStack() as stack:
                urls = {name: stack.enter_context(served(out)) for name, out in outs.items()}
                rows.append(
                    (title, measure(browser, urls, queries_for(content, cases, titles, seed)))
                )
            log.info("%s", table(rows[-1:], list(trees)))  # so far, in case a later size fails
        version = browser.version
        browser.close()
    click.echo(
        f"CPUs: {os.cpu_count()}; Chromium {version} (headless); input event → results in the DOM, "
        "ms\n"
    )
    click.echo(table(rows, list(trees)))


if __name__ == "__main__":
    main()
