"""WCAG 2.1 AA on every page type in light and dark (axe-core, shipped inside axe-playwright-python),
layouts from 320 px phones to laptops, touch targets, and screenshots to look at."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from support import ROOT

SCREENSHOTS = ROOT / "tests" / "e2e" / "screenshots"
PAGES = {
    "home": "",
    "section": "sections/immigration-law-enforcement-resources/",
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
AXE = Axe()
# The pages are the same files on either server: checking them once is enough.
pytestmark = pytest.mark.parametrize("site", ["dev server"], indirect=True)
# WCAG 2.1 A and AA, and axe's best practices (every text in a landmark, one main, headings in order…).
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
           "resultTypes": ["violations"]}


def open_page(page, site, path: str) -> None:
    page.goto(site.url + path)
    if path.startswith("search/"):
        page.locator("#search-status", has_text="“detainer”").wait_for()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_type_has_no_wcag_aa_or_best_practice_violations(browser, site, name, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    open_page(page, site, PAGES[name])
    if name == "my-list":  # with something in it, as officers see it
        page.goto(site.url + PAGES["resource"])
        page.click("[data-favorite]")
        page.goto(site.url + PAGES[name])
    results = AXE.run(page, options=WCAG_AA)
    found = [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in results.response["violations"]]
    context.close()
    assert found == []


@pytest.mark.parametrize("width", [320, 390, 1366])
@pytest.mark.parametrize("name", PAGES)
def test_pages_fit_the_screen_from_small_phones_to_laptops(browser, site, name, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    open_page(page, site, PAGES[name])
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0, f"{name} scrolls sideways by {overflow} px at {width} px"


def test_buttons_and_navigation_are_large_touch_targets(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    small = []
    for name, path in PAGES.items():
        open_page(page, site, path)
        small += [f"{name}: {box}" for box in page.evaluate("""() => [...document.querySelectorAll(
                'button, .site-header a, .call, .result-list a, .resource-list a, .section-links a, .breadcrumbs a, select')]
            .filter((e) => e.offsetParent !== null)
            .map((e) => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect()])
            .filter(([, r]) => r.height < 44 || r.width < 44)
            .map(([text, r]) => `${text} ${Math.round(r.width)}x${Math.round(r.height)}`)""")]
    context.close()
    assert small == []


def test_the_text_grows_with_the_users_font_size(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url + PAGES["resource"])
    normal = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.summary')).fontSize)")
    page.evaluate("() => { document.documentElement.style.fontSize = '24px'; }")  # a larger browser font setting
    larger = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.summary')).fontSize)")
    context.close()
    assert larger >= normal * 1.4


@pytest.mark.parametrize("viewport", [(390, 844), (1366, 768)], ids=["phone", "laptop"])
def test_screenshots_of_the_main_pages(browser, site, viewport):
    """Saved in tests/e2e/screenshots/ to look at; each must show its page's heading."""
    SCREENSHOTS.mkdir(exist_ok=True)
    width, height = viewport
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        page = context.new_page()
        for name in ("home", "resource", "search", "field-offices", "contacts", "my-list"):
            open_page(page, site, PAGES[name])
            assert page.locator("h1").is_visible()
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}x{height}-{scheme}.png", full_page=True)
        context.close()
    assert len(list(SCREENSHOTS.glob(f"*-{width}x{height}-*.png"))) == 12
