"""Measure the live preview: save → change visible in an open page, in headless Chromium.

Run by hand (not a test; timings on shared machines are noisy):
    .venv/bin/python bench/preview.py [--runs 7] [--sizes 1000]

For the default content and synthetic content of each size (bench/synthetic.py), an entry's page
is open in the preview (`build.py serve`, in this process, with the watcher's own settings). Each
run saves a change, then waits until the page shows it: "visible" is from just before the file is
written to the moment the reloaded page's DOM holds the new text (its DOMContentLoaded, on the
page's clock, which is this computer's). Two changes: one entry's title (the usual edit), and the
entry template (every page is rendered and written again). Targets: ≤ 1 s for the default content,
≤ 2 s at 1,000 entries. Results also go to bench/results/preview.json.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from corner.preview import builder, session
from corner.preview.session import PreviewSession
from corner.site import pages
from harness import watched_context
from synthetic import generate

RESULTS = ROOT / "bench" / "results"
SHOWN_AT = (
    "performance.timeOrigin + "
    "performance.getEntriesByType('navigation')[0].domContentLoadedEventStart"
)


def use_templates(folder: Path) -> None:
    """Render from a copy of templates/ that the benchmark may edit."""
    for module in (pages, builder, session):
        module.TEMPLATE_DIR = folder


class Run:
    """One preview session on a copy of content, with an entry's page open in context."""

    def __init__(self, context, content: Path, folder: Path):
        self.content = folder / "content"
        shutil.copytree(content, self.content)
        self.entry = min((self.content / "resources").glob("*.json"))
        self.session = PreviewSession(self.content, "/")
        self.session.rebuild()
        self.session.start()
        self.outcomes = []
        watching = threading.Event()
        self.thread = threading.Thread(
            target=self.session.watch,
            args=(lambda o, c: self.outcomes.append(o),),
            kwargs={"ready": watching.set},
            daemon=True,
        )
        self.thread.start()
        watching.wait()
        self.page = context.new_page()
        self.page.goto(f"http://127.0.0.1:{self.session.address[1]}/resources/{self.entry.stem}/")
        self.page.wait_for_selector("html[data-preview=live]", state="attached")

    def time_change(self, path: Path, text: str, shown: str) -> dict:
        """Save text into path, wait until the page shows `shown`; seconds until visible, and the
        rebuild's."""
        builds = len(self.outcomes)
        saved = time.time() * 1000
        path.write_text(text, "utf-8")
        self.page.locator("h1", has_text=shown).wait_for(timeout=60_000)
        visible = self.page.evaluate(SHOWN_AT)
        self.page.wait_for_selector("html[data-preview=live]", state="attached")
        rebuild = self.outcomes[builds].seconds
        return {"visible_s": (visible - saved) / 1000, "rebuild_s": rebuild}

    def close(self) -> None:
        self.page.close()
        self.session.stop()
        self.thread.join()


def measure(browser, content: Path, runs: int, templates: Path) -> dict:
    with tempfile.TemporaryDirectory() as folder, watched_context(browser) as context:
        run = Run(context, content, Path(folder))
        try:
            original = run.entry.read_text("utf-8")
            entry = json.loads(original)
            template = templates / "resource.html"
            source = template.read_text("utf-8")
            figures = {"entry title": [], "entry template": []}
            for number in range(runs):
                title = f"{entry['title']} edit {number}"
                text = json.dumps({**entry, "title": title}, indent=2) + "\n"
                figures["entry title"].append(run.time_change(run.entry, text, title))
            run.entry.write_text(original, "utf-8")
            for number in range(runs):
                marker = f"Template {number}:"
                text = source.replace("<h1>", f"<h1>{marker} ", 1)
                figures["entry template"].append(run.time_change(template, text, marker))
            template.write_text(source, "utf-8")
            return {
                "entries": len(list((run.content / "resources").glob("*.json"))),
                "changes": figures,
            }
        finally:
            run.close()


def summary(name: str, result: dict) -> list[str]:
    lines = []
    for change, timings in result["changes"].items():
        visible = [t["visible_s"] for t in timings]
        rebuild = [t["rebuild_s"] for t in timings]
        lines.append(
            f"| {name} ({result['entries']:,} entries) | {change} | "
            f"{statistics.median(visible):.2f} | {max(visible):.2f} | "
            f"{statistics.median(rebuild):.2f} |"
        )
    return lines


@click.command()
@click.option("--runs", default=7, show_default=True, help="Saves of each kind per content set.")
@click.option(
    "--sizes", default="1000", show_default=True, help="Synthetic content sizes, comma-separated."
)
def main(runs: int, sizes: str) -> None:
    """Print save → visible seconds (median, slowest) and rebuild seconds for each content set."""
    from playwright.sync_api import sync_playwright

    from harness import launch_chromium

    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        scratch = Path(scratch)
        templates = scratch / "templates"
        shutil.copytree(pages.TEMPLATE_DIR, templates)
        use_templates(templates)
        browser = launch_chromium(playwright)
        sets = {"default": ROOT / "content"}
        sets.update(
            {
                f"synthetic {size}": generate(int(size), scratch / f"content-{size}")
                for size in sizes.split(",")
            }
        )
        results = {
            name: measure(browser, content, runs, templates) for name, content in sets.items()
        }
        browser.close()
    lines = [
        "| content | change | save → visible, median s | slowest s | rebuild, median s |",
        "|---|---|---|---|---|",
    ]
    for name, result in results.items():
        lines += summary(name, result)
    click.echo("\n".join(lines))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "preview.json").write_text(json.dumps(results, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
