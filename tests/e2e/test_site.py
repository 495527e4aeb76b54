"""The app online: installable, real pages without JavaScript, search as you type, safe headers."""

from __future__ import annotations

import re
from urllib.request import urlopen

import pytest

from harness import BASE_URL
from support import search_results, wait_until_offline_ready


def test_manifest_makes_the_app_installable(context, site):
    page = context.new_page()
    page.goto(site.url)
    wait_until_offline_ready(page)
    cdp = context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Test contexts are incognito-like; that is the only reason Chromium may give here.
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == site.url + "manifest.webmanifest" and manifest["errors"] == []
    assert (
        page.get_attribute("link[rel=apple-touch-icon]", "href")
        == f"{BASE_URL}assets/icons/apple-touch-icon.png"
    )
    assert page.get_attribute("meta[name=theme-color]", "content") == "#1b3a57"


def test_home_shows_introduction_sections_search_and_24_7_contacts(context, site):
    page = context.new_page()
    page.goto(site.url)
    assert page.locator("main h2").all_text_contents()[1:] == [
        "Law Enforcement Information Sharing",
        "Immigration Law Enforcement Resources",
        "Criminal Law Enforcement Resources",
    ]
    assert page.locator("main h2").first.text_content() == "24/7 contacts"
    assert page.get_attribute(".urgent a.call", "href") == "tel:+18028726000"
    assert page.is_visible("input[type=search]#search-input")
    assert page.text_content("label[for=search-input]")
    # One line at the top of every page, in the header's landmark; the full notice in the footer.
    assert page.text_content("header .notice") == "Not an official U.S. government website."
    assert "It is not an official U.S. government website." in page.text_content("footer #notice")
    page.click("summary:text-is('About this app')")
    assert (
        page.locator(".intro p")
        .first.text_content()
        .startswith("The Law Enforcement Assistance Corner is an index")
    )
    assert page.is_visible(".intro p")


def test_pages_read_and_navigate_without_javascript(new_context, site):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url)
    page.get_by_role("link", name="Immigration Law Enforcement Resources").click()
    assert page.text_content("h1") == "Immigration Law Enforcement Resources"
    page.click("main a:text-is('Law Enforcement Support Center')")
    assert page.text_content("h1") == "Law Enforcement Support Center"
    assert page.get_attribute("a.official", "href") == "https://www.ice.gov/lesc"
    assert "needs a connection" in page.text_content("main")
    # Buttons that only work with JavaScript are not offered without it.
    assert page.locator("button:visible").all_text_contents() == []
    page.goto(site.url + "contacts/")
    assert page.locator("main a.call").count() >= 5 and page.locator("button:visible").count() == 0
    page.goto(site.url + "search/?q=lesc")
    assert "Search needs JavaScript" in page.content()


def test_resource_page_has_contacts_source_date_sections_and_related(context, site):
    page = context.new_page()
    page.goto(site.url + "resources/hsi-tip-line/")
    calls = page.locator("a.call")
    assert [calls.nth(i).get_attribute("href") for i in range(calls.count())] == [
        "tel:+18663472423",
        "tel:+18774474847",
    ]
    assert "1-866-DHS-2-ICE" in calls.first.text_content()
    official = page.locator("a.official")
    assert official.get_attribute("href") == "https://www.ice.gov/tipline"
    assert official.get_attribute("rel") == "noopener noreferrer"
    assert "Information as of 28 November 2026." in page.text_content(".as-of")
    assert page.locator("main .section-links a").all_text_contents() == [
        "Criminal Law Enforcement Resources"
    ]
    assert "Human Trafficking" in page.locator("main .resource-list").text_content()


def test_entry_without_a_verified_page_shows_no_link(context, site):
    page = context.new_page()
    page.goto(site.url + "resources/tool-kit-for-prosecutors/")
    assert page.locator("a.official").count() == 0
    assert "No official page for this entry has been verified" in page.text_content("main")


def test_online_only_and_archived_entries_say_so(context, site):
    page = context.new_page()
    page.goto(site.url + "resources/online-detainee-locator/")
    assert page.text_content(".badge") == "Needs a connection"
    page.goto(site.url + "resources/ice-access/")
    assert page.text_content(".badge") == "Archived"


def test_results_appear_as_you_type_and_the_count_is_announced(context, site):
    page = context.new_page()
    page.goto(site.url + "search/")
    status = page.locator("#search-status")
    assert (
        status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    )
    page.type("#search-input", "detai")
    page.locator("#search-status", has_text="“detai”").wait_for()
    hrefs = [a.get_attribute("href") for a in page.query_selector_all(".result-list li > a")]
    assert f"{BASE_URL}resources/immigration-detainer-form/" in hrefs
    assert re.fullmatch(r"\d+ results? for “detai”\.", status.text_content())
    page.wait_for_url(
        "**/search/?q=detai"
    )  # once typing pauses, the query stays in the address for back and sharing


def test_home_search_box_searches_as_you_type_and_enter_opens_the_search_page(context, site):
    page = context.new_page()
    page.goto(site.url)
    assert search_results(page, "lesc") == [f"{BASE_URL}resources/law-enforcement-support-center/"]
    page.press("#search-input", "Enter")
    page.wait_for_url(site.url + "search/?q=lesc")
    page.locator("#search-status", has_text="“lesc”").wait_for()


def test_search_text_is_shown_as_text_never_as_markup(context, site):
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site.url + "search/?q=" + "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    page.locator("#search-status", has_text="onerror").wait_for()
    assert "<img src=x onerror=alert(1)>" in page.text_content("#search-status")
    assert page.locator("#search-results img").count() == 0 and dialogs == []


def test_unknown_address_online_is_a_404_page_with_a_way_home(context, site):
    page = context.new_page()
    response = page.goto(site.url + "resources/no-such-entry/")
    assert response.status == 404
    assert page.text_content("h1") == "Page not found"
    assert page.get_attribute("main a.button", "href") == BASE_URL
    context.expected_errors = ["404 (Not Found)"]


@pytest.mark.parametrize(
    ("path", "mime"),
    [
        ("", "text/html; charset=utf-8"),
        ("manifest.webmanifest", "application/manifest+json"),
        ("sw.js", "text/javascript; charset=utf-8"),
        ("search-index.json", "application/json"),
        ("assets/app.css", "text/css; charset=utf-8"),
    ],
)
def test_server_sends_mime_types_no_cache_and_a_strict_policy(site, path, mime):
    with urlopen(site.url + path) as response:
        assert response.headers["Content-Type"] == mime
        assert response.headers["Cache-Control"] == "no-cache"
        policy = response.headers["Content-Security-Policy"]
        assert (
            "default-src 'self'" in policy
            and "object-src 'none'" in policy
            and "unsafe" not in policy
        )


@pytest.mark.parametrize("path", ["/favicon.ico", "/cornerstone/", f"{BASE_URL}resources/"])
def test_server_answers_unknown_addresses_with_the_404_page(site, path):
    from urllib.error import HTTPError

    origin = site.url.removesuffix(BASE_URL)
    with pytest.raises(HTTPError) as answer:
        urlopen(origin + path)
    assert answer.value.code == 404 and b"<h1>Page not found</h1>" in answer.value.read()


def test_server_refuses_a_null_byte_in_the_address(site):
    from urllib.error import HTTPError

    # Ours answers it as an unknown address; nginx refuses the request itself as malformed.
    with pytest.raises(HTTPError) as answer:
        urlopen(site.url + "%00")
    assert (
        answer.value.code in (400, 404)
        and answer.value.headers["X-Content-Type-Options"] == "nosniff"
    )


def test_the_app_also_works_at_the_root_of_a_site(context, tmp_path):
    from corner.commands import build as pipeline
    from corner.server import make_server, serve_in_background
    from support import DEFAULT_CONTENT

    pipeline.build(DEFAULT_CONTENT, tmp_path / "dist", "/")
    server = make_server(tmp_path / "dist", "/")
    serve_in_background(server)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        wait_until_offline_ready(page)
        assert (
            page.get_attribute("main a[href$='hsi-tip-line/']", "href")
            == "/resources/hsi-tip-line/"
        )
        assert search_results(page, "lesc") == ["/resources/law-enforcement-support-center/"]
    finally:
        server.shutdown()
        server.server_close()
