"""Paths and helpers shared by the tests."""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = ROOT / "content"
DATA = Path(__file__).resolve().parent / "data"


def edit_json(path: Path, change) -> None:
    """Load a content file, let change() mutate the data, write it back pretty-printed."""
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")


def wait_until_offline_ready(page) -> None:
    """Wait for the service worker to finish precaching (the page marks <html> when it has)."""
    page.wait_for_selector("html[data-offline-ready=true]", state="attached", timeout=20_000)


def search_results(page, query: str) -> list[str]:
    """Type a query into the page's search box; return the result links' hrefs, best first."""
    page.fill("#search-input", query)
    # The status names the query once its results are shown (and is what screen readers hear).
    page.locator("#search-status", has_text=f"“{query.strip()}”").wait_for()
    return [link.get_attribute("href") for link in page.query_selector_all(".result-list li > a")]
