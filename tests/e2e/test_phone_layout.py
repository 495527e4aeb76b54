"""On a phone (390×844 and 320×640, mobile and touch): the answer an officer opened the app for is
on the first screen. The header and notice leave room for it, the call buttons and the first search
result are in sight, numbers never break, Copy and Save say what they did, and offline says so at
the top."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from support import (
    DEFAULT_CONTENT,
    PAGE_TYPES,
    axe_violations,
    open_page_type,
    wait_until_offline_ready,
)

# size, device pixels per CSS pixel, the most everything above <main> may take
PHONES = {"390x844": ((390, 844), 3, 160), "320x640": ((320, 640), 2, 150)}
pytestmark = pytest.mark.parametrize(
    "site", ["dev server"], indirect=True
)  # the same pages on either server
ENTRIES_WITH_PHONES = sorted(
    data["id"]
    for data in (
        json.loads(path.read_text("utf-8"))
        for path in (DEFAULT_CONTENT / "resources").glob("*.json")
    )
    if any("phone" in contact for contact in data.get("contacts", []))
)

# How many lines the text of a node (or the part of it from `start`, `length` characters) takes on
# screen.
LINES = """(node, start = 0, length = null) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    const tops = [];
    let offset = 0;
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        const from = Math.max(start - offset, 0);
        const to = Math.min((length === null ? Infinity : start + length) - offset, text.length);
        offset += text.length;
        if (from >= to) continue;
        const range = document.createRange();
        range.setStart(text, from);
        range.setEnd(text, to);
        tops.push(...[...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top));
    }
    tops.sort((a, b) => a - b);
    return tops.filter((top, i, all) => i === 0 || top - all[i - 1] > 4).length;
}"""
# Where the header's parts are, in CSS pixels from the top of the page.
HEADER = f"""() => {{
    const lines = {LINES};
    const box = (e) => e.getBoundingClientRect();
    const bar = [document.querySelector('.brand'), ...document.querySelectorAll('.site-nav > *')]
        .filter((e) => e.getClientRects().length);
    const centers = bar.map((e) => box(e).top + box(e).height / 2);
    const notice = document.querySelector('header .notice');
    return {{
        main: box(document.querySelector('main')).top + scrollY,
        barItems: bar.length,
        barSpread: Math.max(...centers) - Math.min(...centers),
        noticeLines: notice ? lines(notice) : 0,
        noticeInBanner: Boolean(notice && notice.closest('header')),
    }};
}}"""
TOP = "(selector) => document.querySelector(selector).getBoundingClientRect().top + scrollY"
BOTTOM = "(selector) => document.querySelector(selector).getBoundingClientRect().bottom + scrollY"


@pytest.fixture(params=PHONES)
def phone(new_context, request):
    """A fresh phone-sized context (mobile, touch) that must stay on the site and error-free."""
    (width, height), scale, chrome = PHONES[request.param]
    context = new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=scale,
        is_mobile=True,
        has_touch=True,
        service_workers="allow",
        reduced_motion="reduce",
    )
    context.height, context.chrome = height, chrome
    return context


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_every_page_the_header_is_one_row_and_leaves_the_screen_to_the_page(phone, site, scheme):
    phone.expected_errors = ["404 (Not Found)"]  # the not-found page's own status
    page = phone.new_page()
    page.emulate_media(color_scheme=scheme)
    for name in PAGE_TYPES:
        open_page_type(page, site, name)
        page.locator("#connection:not(:empty)").wait_for()  # the offline line is there, and counts
        header = page.evaluate(HEADER)
        assert header["main"] <= phone.chrome, f"{name}: {header['main']} px above <main>"
        assert header["barItems"] == 5 and header["barSpread"] <= 4, (
            name
        )  # brand, 3 links, Dark: one row
        assert header["noticeLines"] == 1 and header["noticeInBanner"], name


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_starts_with_search_then_the_24_7_calls_then_quick_links(phone, site, scheme):
    page = phone.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(site.url)
    assert page.evaluate(TOP, "#search-input") <= 0.4 * phone.height
    assert (
        page.evaluate(BOTTOM, ".urgent a.call") <= phone.height
    )  # the first call button, whole, on the first screen
    order = [
        page.evaluate(TOP, selector)
        for selector in (
            "form.search",
            ".urgent",
            ".quick-links",
            "details.about",
            "main section[aria-labelledby^=section-]",
        )
    ]
    assert order == sorted(order)
    assert page.locator(".quick-links a").all_text_contents() == [
        "Field offices",
        "All contacts",
        "My list",
    ]
    assert not page.is_visible(".intro")  # the introduction, verbatim, behind "About this app"
    page.click("summary:text-is('About this app')")
    assert page.is_visible(".intro")


@pytest.mark.parametrize("entry", ENTRIES_WITH_PHONES)
def test_every_entry_with_a_phone_number_shows_a_call_button_on_the_first_screen(
    phone, site, entry
):
    page = phone.new_page()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{site.url}resources/{entry}/")
        assert page.evaluate(BOTTOM, "main a.call") <= phone.height, scheme
    order = [
        page.evaluate(TOP, selector)
        for selector in ("h1", ".meta", "main a.call", ".summary", "a.official", ".section-links")
    ]
    assert order == sorted(
        order
    )  # title, kind and availability, calls, summary, official page, listed in


def test_phone_numbers_never_break_inside_the_number(phone, site):
    page = phone.new_page()
    broken, numbers = [], 0
    for path in ["", "contacts/"] + [f"resources/{entry}/" for entry in ENTRIES_WITH_PHONES]:
        page.goto(site.url + path)
        for call in page.locator("main a.call").all():
            text = call.text_content()
            for number in [call.get_attribute("data-copy"), *re.findall(r"\(1-[0-9A-Z-]+\)", text)]:
                numbers += 1
                lines = call.evaluate(
                    f"(link, [start, length]) => ({LINES})(link, start, length)",
                    [text.index(number), len(number)],
                )
                if lines != 1:
                    broken.append(f"{path}: {number} on {lines} lines")
    assert numbers >= 13 and broken == []


def beside(note: dict, button: dict) -> bool:
    """The note is just right of the button, on its line, or just above it, over its width."""
    right = (
        button["x"] + button["width"] <= note["x"] <= button["x"] + button["width"] + 16
        and button["y"] <= note["y"] + note["height"] / 2 <= button["y"] + button["height"]
    )
    above = (
        button["y"] - 16 <= note["y"] + note["height"] <= button["y"]
        and note["x"] < button["x"] + button["width"]
        and note["x"] + note["width"] > button["x"]
    )
    return right or above


@pytest.mark.parametrize(
    "path",
    ["", "resources/law-enforcement-support-center/", "resources/hsi-tip-line/", "contacts/"],
)
def test_copy_shows_copied_beside_the_button_for_a_few_seconds_and_announces_it(phone, site, path):
    phone.grant_permissions(["clipboard-read", "clipboard-write"])
    page = phone.new_page()
    page.clock.install()
    page.goto(site.url + path)
    button = page.locator("main button.copy").first
    number = page.locator("main a.call").first.get_attribute("data-copy")
    before = page.locator("main a.call").first.bounding_box()
    button.click()
    copied = page.locator(".copied", has_text="Copied")
    copied.wait_for()
    page.locator("#announcer", has_text=f"Copied {number}.").wait_for()
    shown = copied.bounding_box()
    assert beside(shown, button.bounding_box())
    assert shown["x"] >= 0 and shown["x"] + shown["width"] <= page.viewport_size["width"]
    assert (
        page.locator("main a.call").first.bounding_box() == before
    )  # nothing moved under the finger
    page.clock.run_for(2000)
    assert copied.is_visible()
    page.clock.run_for(3000)
    copied.wait_for(state="detached")


def test_save_shows_the_entry_is_saved_and_removing_it_is_a_choice_that_says_so(phone, site):
    page = phone.new_page()
    page.goto(site.url + "resources/hsi-tip-line/")
    save = page.get_by_role("button", name="Save to My list")
    assert save.get_attribute("aria-pressed") is None  # its label says what it does: not a toggle
    save.click()
    saved = page.locator("[data-saved-note]")
    assert saved.is_visible() and saved.text_content() == "Saved"
    assert saved.bounding_box()["y"] + saved.bounding_box()["height"] <= phone.height
    page.locator("#announcer", has_text="HSI Tip Line saved to My list.").wait_for()
    remove = page.get_by_role("button", name="Remove from My list")
    assert remove.text_content() == "Remove"
    page.reload()
    assert page.is_visible("[data-saved-note]")  # saved on this device, shown on every visit
    page.get_by_role("button", name="Remove from My list").click()
    page.locator("#announcer", has_text="HSI Tip Line removed from My list.").wait_for()
    assert (
        not saved.is_visible() and page.get_by_role("button", name="Save to My list").is_visible()
    )


def short_date(iso: str) -> str:
    """As the app shows it at the top: '28 Nov', with the year when it is not this year's."""
    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {day:%b}" + (
        "" if day.year == datetime.date.today().year else f" {day.year}"
    )


def test_the_top_of_every_page_says_saved_for_offline_and_then_offline(phone, site):
    page = phone.new_page()
    page.goto(site.url)
    wait_until_offline_ready(page)
    indicator = page.locator("#connection")
    indicator.filter(has_text="Saved for offline").wait_for()
    saved = json.loads((site.out_dir / "edition.json").read_text("utf-8"))["date"]
    phone.set_offline(True)
    for path in ["", "resources/law-enforcement-support-center/", "search/", "contacts/"]:
        page.goto(site.url + path)
        indicator.filter(has_text=re.compile("^Offline")).wait_for()
        assert indicator.text_content() == f"Offline · saved {short_date(saved)}"
        box = indicator.bounding_box()
        assert indicator.is_visible() and box["y"] + box["height"] <= page.evaluate(
            TOP, "main"
        )  # above the page
    assert "Offline — showing saved content" in page.text_content(
        "#offline-status"
    )  # the footer says it in full
    phone.set_offline(False)


def test_the_first_search_result_is_in_the_top_45_percent_with_the_box_focused(phone, site):
    page = phone.new_page()
    page.goto(site.url + "search/")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.type("detainer")
    page.locator("#search-status", has_text="“detainer”").wait_for()
    assert page.evaluate("document.activeElement.id") == "search-input"
    assert page.evaluate(TOP, ".result-list li") <= 0.45 * phone.height
    assert not page.is_visible(".keyboard-hint")  # no "Press /" without a keyboard
    width = page.evaluate("""() => { const box = document.getElementById('search-input');
        box.value = box.placeholder; return [box.scrollWidth, box.clientWidth]; }""")
    assert width[0] <= width[1]  # the placeholder is not cut off


def test_the_keyboard_hint_shows_where_there_is_a_keyboard(new_context, site):
    page = new_context(viewport={"width": 1366, "height": 768}).new_page()
    page.goto(site.url + "search/")
    assert page.is_visible(".keyboard-hint") and "Press / to search" in page.text_content(
        ".keyboard-hint"
    )


def test_the_field_office_finder_brings_its_answer_into_view(phone, site):
    page = phone.new_page()
    page.goto(site.url + "field-offices/")
    in_view = (
        "() => { const r = document.getElementById('fo-answer').getBoundingClientRect(); "
        "return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    page.select_option("#fo-state", label="Vermont")
    page.locator("#fo-answer", has_text="Boston field office").wait_for()
    page.wait_for_function(in_view, timeout=10_000)
    page.select_option("#fo-state", label="Texas")
    page.select_option("#fo-region", label="South Texas")
    page.locator("#fo-answer", has_text="Harlingen field office").wait_for()
    page.wait_for_function(in_view, timeout=10_000)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_phone_layout_has_no_wcag_aa_or_best_practice_violations(new_context, site, scheme):
    context = new_context(
        viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True, color_scheme=scheme
    )
    context.expected_errors = ["404 (Not Found)"]  # the not-found page's own status
    page = context.new_page()
    axe = Axe()
    found = {}
    for name in PAGE_TYPES:
        open_page_type(page, site, name)
        found[name] = axe_violations(axe, page)
    assert found == {name: [] for name in PAGE_TYPES}
