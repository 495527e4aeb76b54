"""WCAG 2.1 AA on every page type in light and dark (axe-core, shipped inside
axe-playwright-python), layouts from 320 px phones to laptops, touch targets, and screenshots to
look at."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from support import PAGE_TYPES, ROOT, axe_violations, open_page_type

SCREENSHOTS = ROOT / "tests" / "e2e" / "screenshots"
PAGES = PAGE_TYPES
NOT_FOUND = ["404 (Not Found)"]  # what the not-found page's own status logs
AXE = Axe()
# The pages are the same files on either server: checking them once is enough.
pytestmark = pytest.mark.parametrize("site", ["dev server"], indirect=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_type_has_no_wcag_aa_or_best_practice_violations(
    new_context, site, name, scheme
):
    context = new_context(color_scheme=scheme)
    context.expected_errors = NOT_FOUND if name == "not-found" else []
    page = context.new_page()
    open_page_type(page, site, name)
    if name == "my-list":  # with something in it, as officers see it
        page.goto(site.url + PAGES["resource"])
        page.click("[data-favorite]")
        page.goto(site.url + PAGES[name])
    assert axe_violations(AXE, page) == []


@pytest.mark.parametrize("width", [320, 390, 1366])
@pytest.mark.parametrize("name", PAGES)
def test_pages_fit_the_screen_from_small_phones_to_laptops(new_context, site, name, width):
    context = new_context(viewport={"width": width, "height": 800})
    context.expected_errors = NOT_FOUND if name == "not-found" else []
    page = context.new_page()
    open_page_type(page, site, name)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} scrolls sideways by {overflow} px at {width} px"


@pytest.mark.parametrize(("width", "height"), [(390, 844), (320, 640)])
def test_buttons_and_navigation_are_large_touch_targets(new_context, site, width, height):
    context = new_context(
        viewport={"width": width, "height": height}, has_touch=True, is_mobile=True
    )
    context.expected_errors = NOT_FOUND
    page = context.new_page()
    small = []
    for name in PAGES:
        open_page_type(page, site, name)
        small += [
            f"{name}: {box}"
            for box in page.evaluate("""() => [...document.querySelectorAll(
                'button, .site-header a, .call, .result-list a, .resource-list a, '
                + '.section-links a, .breadcrumbs a, select, .quick-links a, .about-line, summary')]
            .filter((e) => e.offsetParent !== null)
            .map((e) => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect()])
            .filter(([, r]) => r.height < 44 || r.width < 44)
            .map(([text, r]) => `${text} ${Math.round(r.width)}x${Math.round(r.height)}`)""")
        ]
    assert small == []


def test_the_text_grows_with_the_users_font_size(new_context, site):
    page = new_context().new_page()
    page.goto(site.url + PAGES["resource"])
    normal = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.summary')).fontSize)"
    )
    page.evaluate(
        "() => { document.documentElement.style.fontSize = '24px'; }"
    )  # a larger browser font setting
    larger = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.summary')).fontSize)"
    )
    assert larger >= normal * 1.4


SCREENS = {
    "phone": ((390, 844), True),
    "small-phone": ((320, 640), True),
    "laptop": ((1366, 768), False),
}


@pytest.mark.parametrize("screen", SCREENS)
def test_screenshots_of_every_page_type(new_context, site, screen):
    """Saved in tests/e2e/screenshots/ to look at, light and dark: on phones the first screen (what
    an officer sees without scrolling) and the whole page; each must show its page's heading."""
    SCREENSHOTS.mkdir(exist_ok=True)
    (width, height), phone = SCREENS[screen]
    for scheme in ("light", "dark"):
        context = new_context(
            viewport={"width": width, "height": height},
            color_scheme=scheme,
            is_mobile=phone,
            has_touch=phone,
            reduced_motion="reduce",
        )
        context.expected_errors = NOT_FOUND
        page = context.new_page()
        for name in PAGES:
            page.set_viewport_size({"width": width, "height": height})
            open_page_type(page, site, name)
            assert page.locator("h1").is_visible()
            stem = f"{name}-{width}x{height}-{scheme}"
            page.screenshot(path=SCREENSHOTS / f"{stem}.png")
            # Growing the screen to the page's height, not full_page: Chromium takes full-page shots
            # without the phone's emulation (pointer, touch), so they would not show what a phone
            # shows.
            page.set_viewport_size(
                {"width": width, "height": page.evaluate("document.documentElement.scrollHeight")}
            )
            page.screenshot(path=SCREENSHOTS / f"{stem}-whole.png")
    assert len(list(SCREENSHOTS.glob(f"*-{width}x{height}-*.png"))) == 2 * 2 * len(PAGES)
