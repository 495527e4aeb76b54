"""The officer's journey: one visit online, then everything works with the network cut."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import pytest

from harness import BASE_URL, start_site
from support import DEFAULT_CONTENT, edit_json, read_build, search_results, wait_until_offline_ready


@pytest.fixture(scope="module")
def offline(new_module_context, tmp_path_factory):
    """A page that visited the site once online; then the server is stopped and the browser
    offline."""
    site = start_site(tmp_path_factory.mktemp("offline"))
    context = new_module_context(service_workers="allow")
    page = context.new_page()
    page.goto(site.url)
    wait_until_offline_ready(page)
    assert re.fullmatch(
        r"Ready to work offline \(\d+\.\d MB saved on this device\)\.",
        page.text_content("#offline-status"),
    )
    site.stop()
    context.set_offline(True)
    return page, site


def page_paths(site) -> list[str]:
    """Every page of the build (its path in the output folder) but the server's 404 page: offline,
    the offline page answers an unknown address."""
    return sorted(
        path.relative_to(site.out_dir).as_posix()
        for path in site.out_dir.rglob("*.html")
        if path.name != "404.html"
    )


def test_every_page_opens_offline_as_the_page_the_server_has(offline):
    page, site = offline
    paths = page_paths(site)
    assert len(paths) >= 30 and sum(path.startswith("resources/") for path in paths) == 20
    for path in paths:
        url = site.url + path.removesuffix("index.html")
        response = page.goto(url)
        assert response.ok and response.from_service_worker, url
        # Entry pages are not precached one by one but made from the shared shell and their
        # parts: the officer must get the very bytes the server has.
        assert response.body() == (site.out_dir / path).read_bytes(), url
        assert page.locator("h1").count() == 1, url
        if "/offline/" not in url:
            assert "not saved for offline use" not in page.text_content("h1"), url
    edition_date = json.loads((site.out_dir / "edition.json").read_text())["date"]
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


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
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
    ],
)
def test_search_finds_the_right_entry_offline(offline, query, expected_first):
    page, site = offline
    page.goto(site.url + "search/")
    results = search_results(page, query)
    assert results and results[0] == f"{BASE_URL}resources/{expected_first}/", results


def test_a_prefix_finds_every_entry_it_starts(offline):
    page, site = offline
    page.goto(site.url + "search/")
    results = search_results(page, "detain")
    assert {
        f"{BASE_URL}resources/immigration-detainer-form/",
        f"{BASE_URL}resources/online-detainee-locator/",
    } == set(results[:2])


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
    assert (
        page.text_content("h1") == json.loads((DEFAULT_CONTENT / "site.json").read_text())["title"]
    )


def test_links_to_other_sites_say_they_need_a_connection_instead_of_failing(offline):
    page, site = offline
    page.goto(site.url + "resources/homeland-security-information-network/")
    page.click("a.official")
    note = page.locator(".offline-note")
    assert note.text_content().startswith("You are offline: this link needs a connection")
    assert page.url == site.url + "resources/homeland-security-information-network/"
    assert (
        page.locator("a.call").get_attribute("href").startswith("tel:")
    )  # calling still works offline


def test_a_large_content_set_has_every_entry_page_offline_from_a_few_chunks(context, tmp_path):
    """300 entries are precached as 8 chunks of parts, not 300 pages; each still opens offline."""
    content = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, content)
    ids = [f"generated-entry-{number}" for number in range(280)]
    for number, entry_id in enumerate(ids):
        edit_json_as(
            content / "resources/hsi-tip-line.json",
            content / f"resources/{entry_id}.json",
            lambda data, number=number, entry_id=entry_id: data.update(
                id=entry_id, title=f"Generated entry {number}"
            ),
        )
    edit_json(
        content / "sections/criminal-law-enforcement-resources.json",
        lambda data: data["resources"].extend(ids),
    )
    site = start_site(tmp_path / "site", content)
    page = context.new_page()
    page.goto(site.url)
    wait_until_offline_ready(page)
    precache = read_build(site.out_dir / "sw.js")["precache"]
    assert (
        sum(url.startswith(f"{BASE_URL}resource-pages/") for url in precache) == 8 + 1
    )  # chunks and the shell
    assert not any(url.startswith(f"{BASE_URL}resources/") for url in precache)
    site.stop()
    context.set_offline(True)
    for entry_id in [*ids[::23], "hsi-tip-line", "law-enforcement-support-center"]:
        response = page.goto(f"{site.url}resources/{entry_id}/")
        assert response.ok and response.from_service_worker, entry_id
        assert (
            response.body() == (site.out_dir / f"resources/{entry_id}/index.html").read_bytes()
        ), entry_id
    page.goto(f"{site.url}resources/no-such-entry/")
    assert page.text_content("h1") == "This page is not saved for offline use"


def edit_json_as(source: Path, target: Path, change) -> None:
    shutil.copyfile(source, target)
    edit_json(target, change)
