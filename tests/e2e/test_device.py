"""What an officer keeps and sets on the device: My list, the theme, copy and call, install, a
printable contact sheet, and the warnings that the saved copy may be stale."""

from __future__ import annotations

import datetime
import re

from support import edit_json, wait_until_offline_ready

LESC = "resources/law-enforcement-support-center/"


def focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement; return e.id || e.getAttribute('href') || "
        "e.textContent.trim(); }"
    )


def tab_to(page, target: str, limit: int = 60) -> None:
    """Press Tab until the element described by focused() is `target`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == target:
            return
    raise AssertionError(f"{target!r} is not reachable with Tab")


def test_keyboard_only_search_open_save_and_find_it_in_my_list_offline(context, site):
    page = context.new_page()
    page.goto(site.url)
    wait_until_offline_ready(page)
    page.keyboard.press("/")
    page.keyboard.type("lesc")
    page.locator("#search-status", has_text="“lesc”").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(site.url + LESC)
    tab_to(page, "Save to My list")
    page.keyboard.press("Enter")
    assert page.is_visible(
        "[data-saved-note]:text-is('Saved')"
    )  # and focus stays on the button, now Remove
    assert (
        focused(page) == "Remove"
        and page.get_attribute("[data-favorite]", "aria-label") == "Remove from My list"
    )
    page.goto(site.url + "resources/hsi-tip-line/")
    context.set_offline(True)
    page.goto(site.url + "my-list/")
    assert page.locator("#favorites a").all_text_contents() == ["Law Enforcement Support Center"]
    assert page.locator("#recent a").all_text_contents() == [
        "HSI Tip Line",
        "Law Enforcement Support Center",
    ]
    tab_to(page, "Remove")
    page.keyboard.press("Enter")
    assert page.is_visible("#favorites-empty") and page.locator("#favorites a").count() == 0
    assert focused(page) == "favorites-heading"  # focus is not lost with the removed row
    context.set_offline(False)


def test_favorites_stay_on_the_device_and_ask_the_browser_to_keep_storage(context, site):
    page = context.new_page()
    page.add_init_script("""(() => {
        window.persistCalls = 0;
        const persist = navigator.storage.persist.bind(navigator.storage);
        navigator.storage.persist = () => { window.persistCalls += 1; return persist(); };
    })()""")
    requests = []
    page.goto(site.url + LESC)
    wait_until_offline_ready(page)
    assert page.evaluate("window.persistCalls") >= 1  # once the app is saved for offline use
    page.on("request", lambda request: requests.append(request.url))
    page.click("[data-favorite]")
    # Saved once the page announces it; a request the click made would have started by the next
    # frame.
    page.locator(
        "#announcer", has_text="Law Enforcement Support Center saved to My list."
    ).wait_for()
    page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert requests == []  # saving is local: nothing is sent anywhere
    page.reload()
    assert page.is_visible("[data-saved-note]") and page.text_content("[data-favorite]") == "Remove"


def test_dark_theme_toggle_is_remembered_and_overrides_the_system(new_context, site):
    page = new_context(color_scheme="light").new_page()
    page.goto(site.url)
    background = "() => getComputedStyle(document.body).backgroundColor"
    assert page.evaluate(background) == "rgb(255, 255, 255)"
    toggle = page.locator("#theme-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.evaluate(background) == "rgb(17, 20, 24)"
    page.goto(site.url + LESC)
    assert (
        page.evaluate(background) == "rgb(17, 20, 24)"
    )  # remembered on every page, before it is drawn
    toggle.click()
    page.emulate_media(color_scheme="dark")
    assert page.evaluate(background) == "rgb(255, 255, 255)"  # the user's choice beats the system's


def test_every_phone_number_can_be_called_or_copied(context, site):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site.url + LESC)
    call = page.locator("a.call").first
    assert call.get_attribute("href") == "tel:+18028726000"
    page.click("button.copy")
    page.locator("#announcer", has_text="Copied (802) 872-6000.").wait_for()
    # Pasted where an officer might: pages may not read the clipboard (Permissions-Policy).
    page.goto(site.url + "search/")
    page.focus("#search-input")
    page.keyboard.press("Control+V")
    assert page.input_value("#search-input") == "(802) 872-6000"


def test_the_contact_sheet_lists_every_number_and_prints_on_one_page(context, site):
    page = context.new_page()
    page.goto(site.url + "contacts/")
    numbers = page.locator("main a.call")
    expected = sorted(
        set(
            re.findall(
                r'href="(tel:[^"]+)"',
                "".join(
                    path.read_text("utf-8")
                    for path in (site.out_dir / "resources").rglob("index.html")
                ),
            )
        )
    )
    assert (
        sorted({numbers.nth(i).get_attribute("href") for i in range(numbers.count())}) == expected
    )
    assert len(expected) >= 5
    assert page.locator("main button.copy").count() == numbers.count()
    page.emulate_media(media="print")
    assert not page.is_visible(".site-header nav") and page.locator("button:visible").count() == 0
    pdf = page.pdf(format="Letter")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1  # one sheet of paper


def test_install_button_appears_when_the_browser_offers_installing(context, site):
    page = context.new_page()
    page.goto(site.url)
    assert not page.is_visible("#install-button")
    page.evaluate("""() => {
        const offer = new Event('beforeinstallprompt', { cancelable: true });
        offer.prompt = () => { window.prompted = true; return Promise.resolve(); };
        window.dispatchEvent(offer);
    }""")
    page.click("#install-button")
    assert page.evaluate("window.prompted") is True


def test_iphone_users_are_told_how_to_add_the_app_to_the_home_screen(new_context, site):
    iphone = (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    )
    page = new_context(user_agent=iphone, viewport={"width": 390, "height": 844}).new_page()
    page.goto(site.url)
    assert page.is_visible("#install-ios")
    assert "Add to Home Screen" in page.text_content("#install-ios")


def test_a_copy_not_confirmed_current_within_the_site_limit_warns_it_may_be_stale(
    context, own_site
):
    edit_json(own_site.content_dir / "site.json", lambda d: d.update(stale_after_days=30))
    own_site.rebuild()
    page = context.new_page()
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    assert not page.is_visible("#stale-warning")
    own_site.stop()  # no way to check for a newer version from now on
    context.set_offline(True)
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=45)
    page.clock.install(time=later)
    page.reload()
    warning = page.locator("#stale-warning")
    assert warning.is_visible()
    assert re.fullmatch(
        r"The saved content may be out of date: it was last confirmed current (4[45]) days ago\. "
        r"Connect to the internet to check for updates\.",
        warning.text_content(),
    )
    context.set_offline(False)
