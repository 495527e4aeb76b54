"""Paths and helpers shared by the tests."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = ROOT / "content"
DATA = Path(__file__).resolve().parent / "data"
# Resolves true once the page's service worker is "activated": the page changes controller as soon
# as a new worker takes over, its clean-up of old caches is done when it reaches "activated".
UNTIL_ACTIVATED = """navigator.serviceWorker.getRegistration().then((r) =>
    r.active.state === 'activated' || new Promise((resolve) => r.active.addEventListener(
        'statechange', () => r.active.state === 'activated' && resolve(true))))"""
# How corner/site/service_worker.py opens the JSON it writes at the top of sw.js.
BUILD_HEADER = "const BUILD = "


# One page of each type (below the base URL), for the tests that look at every kind of page.
PAGE_TYPES = {
    "home": "",
    "section": "sections/immigration-law-enforcement-resources/",
    "sections": "sections/",
    "resource": "resources/law-enforcement-support-center/",
    "resource-online-only": "resources/homeland-security-information-network/",
    "resource-archived": "resources/ice-access/",
    "search": "search/?q=detainer",
    "my-list": "my-list/",
    "contacts": "contacts/",
    "whats-new": "whats-new/",
    "field-offices": "field-offices/",
    "offline": "offline/",
    "not-found": "no-such-page/",
}
# axe-core: WCAG 2.1 A and AA, and its best practices (all text in a landmark, headings in order…).
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def open_page_type(page, site, name: str) -> None:
    """Open the page of PAGE_TYPES[name] and wait until it shows what it is for."""
    page.goto(site.url + PAGE_TYPES[name])
    if PAGE_TYPES[name].startswith("search/"):
        page.locator("#search-status", has_text="“detainer”").wait_for()


def axe_violations(axe, page) -> list:
    """(rule, first three elements) for every axe-core rule the page breaks."""
    results = axe.run(page, options=AXE_OPTIONS)
    return [
        (v["id"], [node["target"] for node in v["nodes"]][:3])
        for v in results.response["violations"]
    ]


def read_build(worker: str | bytes | Path) -> dict:
    """The `BUILD` object a service worker starts with (`const BUILD = {...};`): from sw.js's text,
    its bytes, or its path."""
    if isinstance(worker, Path):
        worker = worker.read_bytes()
    text = worker.decode("utf-8") if isinstance(worker, bytes) else worker
    start = text.index(BUILD_HEADER) + len(BUILD_HEADER)
    return json.JSONDecoder().raw_decode(text, start)[0]


def edit_json(path: Path, change) -> None:
    """Load a content file, let change() mutate the data, write it back pretty-printed."""
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")


def run_cli(*args):
    """Run build.py's command line in this process; it must end cleanly (an exit status, never a
    traceback)."""
    from click.testing import CliRunner

    from build import cli

    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def wait_until_offline_ready(page) -> None:
    """Wait for the service worker to finish precaching (the page marks <html> when it has)."""
    page.wait_for_selector("html[data-offline-ready=true]", state="attached", timeout=20_000)


def search_results(page, query: str) -> list[str]:
    """Type a query into the page's search box; return the result links' hrefs, best first."""
    page.fill("#search-input", query)
    # The status names the query once its results are shown (and is what screen readers hear).
    page.locator("#search-status", has_text=f"“{query.strip()}”").wait_for()
    return [link.get_attribute("href") for link in page.query_selector_all(".result-list li > a")]


# A small valid content folder: every kind of field once, so a test can break any of them and
# know the exact line it stands on (files are written as edit_json writes them).
SMALL_CONTENT = {
    "site.json": {
        "$schema": "../schema/site.schema.json",
        "title": "Corner",
        "short_name": "Corner",
        "description": "An offline index.",
        "lang": "en-US",
        "theme_color": "#1b3a57",
        "background_color": "#ffffff",
        "introduction": ["Where to find help."],
        "publisher": {"name": "Corner"},
        "notice": {"show": True, "text": "Not an official website."},
        "sections": ["tips"],
    },
    "sections/tips.json": {
        "$schema": "../../schema/section.schema.json",
        "id": "tips",
        "title": "Tips",
        "resources": ["tip-line", "tip-form"],
    },
    "resources/tip-line.json": {
        "$schema": "../../schema/resource.schema.json",
        "id": "tip-line",
        "title": "Tip Line",
        "summary": "Report a crime.",
        "body": [
            {
                "text": "Open all day.",
                "source": {"url": "https://www.ice.gov/tipline", "as_of": "2026-11"},
            }
        ],
        "kind": "contact",
        "aliases": ["tipline"],
        "source": {"url": "https://www.ice.gov/tipline", "as_of": "2026-11-28"},
        "contacts": [
            {
                "label": "Tip Line",
                "phone": "+1 866-347-2423",
                "email": "tips@ice.dhs.gov",
                "address": "PO Box 1, Washington, DC 20536",
                "source": {"url": "https://www.ice.gov/tipline", "as_of": "2026-11-28"},
            }
        ],
        "availability": "offline",
        "related": ["tip-form"],
    },
    "resources/tip-form.json": {
        "$schema": "../../schema/resource.schema.json",
        "id": "tip-form",
        "title": "Tip Form",
        "summary": "Report a crime online.",
        "kind": "form",
        "aliases": [],
        "availability": "online-only",
    },
}


def write_content(folder: Path, files: dict = SMALL_CONTENT) -> Path:
    """Write content files ({relative path: JSON data}) into folder, as edit_json writes them."""
    for relative, data in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return folder
