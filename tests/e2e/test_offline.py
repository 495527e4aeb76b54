"""The officer's journey: one visit online, then everything works with the network cut."""
from __future__ import annotations

import datetime
import json
import re

import pytest

from support import DEFAULT_CONTENT, search_results, wait_until_offline_ready
from harness import BASE_URL, Watch, start_site


@pytest.fixture(scope="module")
def offline(browser, tmp_path_factory):
    """A page that visited the site once online; then the server is stopped and the browser offline."""
    site = start_site(tmp_path_factory.mktemp("offline"))
    context = browser.new_context(service_workers="allow")
    watch = Watch(context)
    page = context.new_page()
    page.goto(site.url)
    wait_until_offline_ready(page)
    assert re.fullmatch(r"Ready to work offline \(\d+\.\d MB saved on this device\)\.", page.text_content("#offline-status"))
    site.stop()
    context.set_offline(True)
    yield page, site
    context.close()
    watch.assert_clean()


def page_urls(site) -> list[str]:
    build = (site.out_dir / "sw.js").read_text().split("const BUILD = ", 1)[1].split(";\n", 1)[0]
    return [url for url in json.loads(build)["precache"] if url.endswith(("/", ".html"))]


def test_every_page_opens_offline(offline):
    page, site = offline
    origin = site.url.removesuffix(BASE_URL)
    urls = page_urls(site)
    assert len(urls) == len(list(site.out_dir.rglob("*.html"))) >= 30
    for url in urls:
        response = page.goto(origin + url)
        assert response.ok and response.from_service_worker, url
        assert page.locator("h1").count() == 1, url
        if "/offline/" not in url:
            assert "not saved for offline use" not in page.text_content("h1"), url
    edition_date = page.get_attribute("html", "data-edition-date")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", edition_date)  # the day the content last changed
    shown = datetime.date.fromisoformat(edition_date).strftime("%-d %B %Y")
    assert page.text_content("#offline-status") == f"Offline — showing saved content from {shown}."


def test_resource_pages_show_their_content_offline(offline):
    page, site = offline
    page.goto(site.url + "resources/law-enforcement-support-center/")
    assert page.text_content("h1") == "Law Enforcement Support Center"
    assert page.get_attribute("a.call", "href") == "tel:+18028726000"
    page.goto(site.url + "resources/hsi-tip-line")  # typed without the trailing slash
    assert page.text_content("h1") == "HSI Tip Line"


@pytest.mark.parametrize("query, expected_first", [
    ("lesc", "law-enforcement-support-center"),
    ("287(g)", "287g-program"),
    ("287g", "287g-program"),
    ("287 g", "287g-program"),
    ("detainer", "immigration-detainer-form"),
    ("I-247A", "immigration-detainer-form"),
    ("hsin", "homeland-security-information-network"),
    ("tip line", "hsi-tip-line"),
    ("tiplne", "hsi-tip-line"),
    ("removals", "removal-statistics"),
    ("prosecutor", "tool-kit-for-prosecutors"),
    ("gang", "operation-community-shield"),
    ("detainee locater", "online-detainee-locator"),
    ("human trafficking", "human-trafficking"),
])
def test_search_finds_the_right_entry_offline(offline, query, expected_first):
    page, site = offline
    page.goto(site.url + "search/")
    results = search_results(page, query)
    assert results and results[0] == f"{BASE_URL}resources/{expected_first}/", results


def test_a_prefix_finds_every_entry_it_starts(offline):
    page, site = offline
    page.goto(site.url + "search/")
    results = search_results(page, "detain")
    assert {f"{BASE_URL}resources/immigration-detainer-form/", f"{BASE_URL}resources/online-detainee-locator/"} == set(results[:2])


def test_nonsense_finds_nothing_and_says_what_to_do(offline):
    page, site = offline
    page.goto(site.url + "search/")
    assert search_results(page, "qwxzv") == []
    assert "Check the spelling" in page.text_content("#search-status")
    browse = page.locator("[data-search-empty] a")
    assert browse.count() == 3 and browse.first.is_visible()
    assert search_results(page, "lesc") and not browse.first.is_visible()


@pytest.mark.parametrize("address", ["search/?q=lesc", "search?q=lesc", "search/index.html?q=lesc"])
def test_search_deep_link_runs_the_query_offline(offline, address):
    page, site = offline
    page.goto(site.url + address)
    page.locator("#search-status", has_text="“lesc”").wait_for()
    assert page.input_value("#search-input") == "lesc"
    assert page.text_content("#search-status") == "1 result for “lesc”."
    page.click(".result-list li > a")
    page.wait_for_url(re.compile(r"/resources/law-enforcement-support-center/$"))
    assert page.text_content("h1") == "Law Enforcement Support Center"


def test_unknown_address_offline_shows_the_offline_page_with_a_way_home(offline):
    page, site = offline
    page.goto(site.url + "no/such/page/")
    assert page.text_content("h1") == "This page is not saved for offline use"
    page.click("main >> text=Go to the home page")
    page.wait_for_url(site.url)
    assert page.text_content("h1") == json.loads((DEFAULT_CONTENT / "site.json").read_text())["title"]


def test_links_to_other_sites_say_they_need_a_connection_instead_of_failing(offline):
    page, site = offline
    page.goto(site.url + "resources/homeland-security-information-network/")
    page.click("a.official")
    note = page.locator(".offline-note")
    assert note.text_content().startswith("You are offline: this link needs a connection")
    assert page.url == site.url + "resources/homeland-security-information-network/"
    assert page.locator("a.call").get_attribute("href").startswith("tel:")  # calling still works offline
