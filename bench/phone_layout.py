"""Where the answer sits on a phone's first screen: positions on every page type of the default
build.

Run by hand (not a test; tests/e2e/test_phone_layout.py asserts the limits):
    .venv/bin/python bench/phone_layout.py
Chromium with mobile and touch emulation at 390×844 (device scale 3) and 320×640 (scale 2). Prints,
in CSS pixels from the top of the page: the height of everything above <main> (header, notice,
indicator), the search box and the first call button on the home page, the first call button of
every entry with a phone number, the first search result with the box focused (from the top of
the screen), and the offline indicator once the app is offline.
Needs the dev requirements and a Chromium (see tests/harness.py for how one is found).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from corner.commands.build import build
from corner.server import make_server, serve_in_background
from harness import watched_context

SCREENS = [((390, 844), 3), ((320, 640), 2)]
QUERY = "detainer"
# The top of an element in page coordinates, or null when it is not shown.
TOP = """(selector) => {
    const node = [...document.querySelectorAll(selector)].find((e) => e.getClientRects().length);
    return node ? Math.round(node.getBoundingClientRect().top + scrollY) : null;
}"""
# The highest visible element whose own text says the app is offline, wherever the page puts it.
OFFLINE_TOP = """() => {
    const said = [...document.querySelectorAll('body *')].filter((e) => e.getClientRects().length
        && [...e.childNodes].some((n) => n.nodeType === 3 && /^\\s*Offline/.test(n.textContent)));
    if (!said.length) return null;
    return Math.round(Math.min(...said.map((e) => e.getBoundingClientRect().top + scrollY)));
}"""


def entries_with_phones() -> list[str]:
    ids = []
    for path in sorted((ROOT / "content" / "resources").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        if any("phone" in contact for contact in data.get("contacts", [])):
            ids.append(data["id"])
    return ids


def measure_screen(browser, url: str, size: tuple[int, int], scale: int) -> dict[str, int | None]:
    width, height = size
    with watched_context(
        browser,
        viewport={"width": width, "height": height},
        device_scale_factor=scale,
        is_mobile=True,
        has_touch=True,
        service_workers="allow",
    ) as context:
        return measure_pages(context, url)


def measure_pages(context, url: str) -> dict[str, int | None]:
    page = context.new_page()
    page.goto(url)
    figures = {
        "chrome (above <main>)": page.evaluate(TOP, "main"),
        "home: search box": page.evaluate(TOP, "#search-input"),
        "home: first call button": page.evaluate(TOP, "main a.call"),
    }
    for rid in entries_with_phones():
        page.goto(f"{url}resources/{rid}/")
        figures[f"{rid}: first call button"] = page.evaluate(TOP, "main a.call")
    page.goto(url + "search/")
    page.focus("#search-input")
    page.keyboard.type(QUERY)
    page.locator("#search-status", has_text=f"“{QUERY}”").wait_for()
    figures[f"search: first result (“{QUERY}”, box focused)"] = page.evaluate(
        "() => Math.round(document.querySelector('.result-list li').getBoundingClientRect().top)"
    )
    page.goto(url)
    page.wait_for_selector("html[data-offline-ready=true]", state="attached", timeout=30_000)
    context.set_offline(True)
    page.reload()
    page.wait_for_function(f"() => ({OFFLINE_TOP})() !== null")
    figures["home offline: offline indicator"] = page.evaluate(OFFLINE_TOP)
    return figures


def main() -> None:
    from playwright.sync_api import sync_playwright

    from harness import launch_chromium

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "dist"
        build(ROOT / "content", out, "/corner/")
        server = make_server(out, "/corner/")
        serve_in_background(server)
        url = f"http://127.0.0.1:{server.server_address[1]}/corner/"
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            results = {size: measure_screen(browser, url, size, scale) for size, scale in SCREENS}
            browser.close()
        server.shutdown()
    names = list(results[SCREENS[0][0]])
    width = max(map(len, names)) + 2
    print(f"{'y in CSS px':<{width}}" + "".join(f"{f'{w}×{h}':>10}" for (w, h), _ in SCREENS))
    for name in names:
        print(f"{name:<{width}}" + "".join(f"{results[size][name]!s:>10}" for size, _ in SCREENS))


if __name__ == "__main__":
    main()
