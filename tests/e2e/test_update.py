"""A new build: offered, never forced; a broken one never replaces the working offline copy."""

from __future__ import annotations

import json
import re
from functools import partial

import pytest
from playwright.sync_api import expect

from corner.server import SiteHandler, SiteServer, serve_in_background
from harness import BASE_URL
from support import UNTIL_ACTIVATED, edit_json, search_results, wait_until_offline_ready

CHECK_FOR_UPDATE = (
    "navigator.serviceWorker.getRegistration().then((r) => r.update()).catch((e) => String(e))"
)
# Checks for an update and resolves true once the new worker's install has failed; false if there
# was no new worker or it installed. It listens before asking: an install that needs little from the
# network can fail before a second evaluate() would see it under way.
UPDATE_UNTIL_INSTALL_FAILS = """navigator.serviceWorker.getRegistration().then((r) =>
new Promise((resolve) => {
    r.addEventListener('updatefound', () => {
        const worker = r.installing;
        worker.addEventListener('statechange', () => {
            if (worker.state === 'redundant') resolve(true);
            if (worker.state === 'installed') resolve(false);
        });
    });
    r.update().then(() => r.installing || resolve(false), () => resolve(false));
}))"""


def corner_caches(page) -> list[str]:
    return [name for name in page.evaluate("caches.keys()") if name.startswith("corner:")]


def rename_tip_line(site, title: str) -> None:
    edit_json(site.content_dir / "resources/hsi-tip-line.json", lambda d: d.update(title=title))
    site.rebuild()


def test_update_is_offered_and_applied_only_when_the_user_accepts(context, own_site):
    page = context.new_page()
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    page.evaluate(
        "caches.open('another-app').then((cache) => cache.put('/x', new Response('keep')))"
    )
    [first_cache] = corner_caches(page)

    rename_tip_line(own_site, "HSI Tip Line (renamed)")
    page.fill("#search-input", "half-typed")  # present since page load: nothing may wipe it
    # The query goes into the address once typing pauses: a same-page navigation, which must not
    # be taken below for the reload that applies the update.
    page.wait_for_url(re.compile(r"\?q=half-typed$"))
    page.evaluate(CHECK_FOR_UPDATE)
    banner = page.locator("#update-banner", has_text="HSI Tip Line (renamed)")
    banner.wait_for()
    assert banner.text_content().startswith(
        "An update to this app is ready. 1 resource updated: HSI Tip Line (renamed)."
    )  # says what changed
    tip_line = page.locator("main a[href$='/resources/hsi-tip-line/']")
    assert tip_line.text_content() == "HSI Tip Line"  # no surprise reload
    assert page.input_value("#search-input") == "half-typed"
    assert page.evaluate("document.activeElement.id") == "search-input"  # the prompt took no focus

    with page.expect_navigation():
        page.click("#update-banner button")
    assert tip_line.text_content() == "HSI Tip Line (renamed)"
    assert page.input_value("#search-input") == "half-typed"  # the reload kept what was typed
    page.evaluate(UNTIL_ACTIVATED)
    [second_cache] = corner_caches(page)
    assert second_cache != first_cache
    assert "another-app" in page.evaluate("caches.keys()")  # only this app's old caches are deleted


def test_a_worker_slow_to_answer_gets_a_plain_prompt_then_names_the_changes(context, own_site):
    page = context.new_page()
    # The waiting version's answer reaches the page 6 s late, as from a worker the browser must
    # first wake on a busy device: the prompt shows after 2 s without the changes.
    page.add_init_script(
        """const post = ServiceWorker.prototype.postMessage;
        ServiceWorker.prototype.postMessage = function (message, ...rest) {
            if (message?.type !== 'HISTORY') return post.call(this, message, ...rest);
            setTimeout(() => post.call(this, message, ...rest), 6000);
        };"""
    )
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    rename_tip_line(own_site, "HSI Tip Line (renamed)")
    page.evaluate(CHECK_FOR_UPDATE)
    banner = page.locator("#update-banner")
    plain = re.compile(r"^An update to this app is ready\. Update now")
    expect(banner).to_have_text(plain, timeout=20_000)  # the install may take a while
    expect(banner).to_contain_text("1 resource updated: HSI Tip Line (renamed).", timeout=20_000)
    assert page.locator("#update-banner button").count() == 1  # filled in, not offered twice


def test_an_update_of_the_field_offices_alone_is_named_so(context, own_site):
    page = context.new_page()
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    edit_json(
        own_site.content_dir / "field-offices.json",
        lambda d: d["offices"][0].update(name=d["offices"][0]["name"] + " (moved)"),
    )
    own_site.rebuild()
    page.evaluate(CHECK_FOR_UPDATE)
    banner = page.locator("#update-banner", has_text="Field offices updated.")
    banner.wait_for()
    assert banner.text_content().startswith(
        "An update to this app is ready. Field offices updated."
    )  # no entry changed, and the prompt does not say one did
    with page.expect_navigation():
        page.click("#update-banner button")
    page.evaluate(UNTIL_ACTIVATED)
    page.goto(own_site.url + "whats-new/")
    assert "The field-office finder changed" in page.locator(".changes > li").first.text_content()


def test_until_accepted_an_open_app_keeps_using_one_version_throughout(context, own_site):
    page = context.new_page()
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    rename_tip_line(own_site, "HSI Tip Line (renamed)")
    page.evaluate(CHECK_FOR_UPDATE)
    page.locator("#update-banner", has_text="An update to this app is ready.").wait_for()
    # Files first needed now (the search index) and other pages still come from the old version.
    assert "HSI Tip Line" in search_results_titles(page, "tip line")
    assert "HSI Tip Line (renamed)" not in search_results_titles(page, "tip line")
    page.goto(own_site.url + "resources/hsi-tip-line/")
    assert page.text_content("h1") == "HSI Tip Line"


def search_results_titles(page, query: str) -> list[str]:
    search_results(page, query)
    return page.locator(".result-list li > a").all_text_contents()


def test_whats_new_lists_the_changes_of_each_build_with_its_date(context, own_site):
    first_date = own_site_edition_date(own_site)
    edit_json(
        own_site.content_dir / "resources/foia-library.json",
        lambda d: d.update(summary=d["summary"] + " Updated."),
    )
    (
        own_site.content_dir / "resources/tool-kit-for-prosecutors.json"
    ).unlink()  # nothing links to it
    for section in (own_site.content_dir / "sections").glob("*.json"):
        edit_json(
            section,
            lambda d: d.update(
                resources=[r for r in d["resources"] if r != "tool-kit-for-prosecutors"]
            ),
        )
    own_site.rebuild()
    page = context.new_page()
    page.goto(own_site.url + "whats-new/")
    entries = page.locator(".changes > li")
    assert entries.count() == 2
    newest = entries.nth(0)
    assert newest.locator("h3").all_text_contents() == ["Updated", "Removed"]
    assert newest.locator("a").all_text_contents() == ["FOIA Library"]
    assert "Tool Kit for Prosecutors" in newest.text_content()
    assert entries.nth(1).text_content().count("First published, with 20 entries.") == 1
    assert first_date in entries.nth(1).locator("h2").text_content()


def own_site_edition_date(site) -> str:
    """The date the built pages show for their content, as the What's new page writes it."""
    import datetime
    import re

    edition = json.loads((site.out_dir / "edition.json").read_text("utf-8"))
    day = datetime.date.fromisoformat(edition["date"])
    assert re.search(
        f"content as of {day.day} {day:%B %Y}<", (site.out_dir / "index.html").read_text("utf-8")
    )
    return f"{day.day} {day:%B %Y}"


def test_opening_the_app_again_offers_a_build_deployed_since(context, own_site):
    page = context.new_page()
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    page.close()
    rename_tip_line(own_site, "HSI Tip Line (renamed)")
    page = context.new_page()
    page.goto(own_site.url)  # launched again: the saved version shows, the new one is offered
    page.locator(
        "#update-banner", has_text="1 resource updated: HSI Tip Line (renamed)."
    ).wait_for()
    assert page.locator("main a[href$='/resources/hsi-tip-line/']").text_content() == "HSI Tip Line"


def test_the_app_checks_for_a_new_build_when_it_comes_back_to_the_foreground(context, own_site):
    page = context.new_page()
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    assert (
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.updateViaCache)")
        == "none"
    )
    rename_tip_line(own_site, "HSI Tip Line (renamed)")
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # the app is shown again
    page.locator(
        "#update-banner", has_text="1 resource updated: HSI Tip Line (renamed)."
    ).wait_for()


def test_an_update_accepted_in_one_window_is_offered_as_a_reload_in_the_others(context, own_site):
    first, second = context.new_page(), context.new_page()
    for page in (first, second):
        page.goto(own_site.url)
        wait_until_offline_ready(page)
    rename_tip_line(own_site, "HSI Tip Line (renamed)")
    first.evaluate(CHECK_FOR_UPDATE)
    for page in (first, second):
        page.locator("#update-banner", has_text="An update to this app is ready.").wait_for()
    with first.expect_navigation():
        first.click("#update-banner button")
    second.locator("#update-banner", has_text="This app was updated in another window.").wait_for()
    assert (
        second.locator("main a[href$='/resources/hsi-tip-line/']").text_content() == "HSI Tip Line"
    )
    with second.expect_navigation():
        second.click("#update-banner button")
    assert (
        second.locator("main a[href$='/resources/hsi-tip-line/']").text_content()
        == "HSI Tip Line (renamed)"
    )


SECTION = "sections/criminal-law-enforcement-resources/"


def break_by_deleting(site):
    (site.out_dir / "resource-pages/0.json").unlink()  # the parts every resource page is made of


def break_with_a_stale_copy(site):
    # What a CDN edge or a half-finished upload serves: the file of another build, with status 200.
    page = site.out_dir / SECTION / "index.html"
    page.write_bytes(page.read_bytes().replace(b"Human Trafficking", b"Human Trafficking (old)"))


@pytest.mark.parametrize("break_deploy", [break_by_deleting, break_with_a_stale_copy])
def test_a_broken_deploy_keeps_the_working_offline_copy(context, own_site, break_deploy):
    page = context.new_page()
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    [working_cache] = corner_caches(page)

    rename_tip_line(own_site, "Broken deploy")
    break_deploy(own_site)
    assert page.evaluate(UPDATE_UNTIL_INSTALL_FAILS) is True
    assert page.locator("#update-banner button").count() == 0
    assert corner_caches(page) == [working_cache]

    own_site.stop()
    context.set_offline(True)
    page.goto(own_site.url + "resources/hsi-tip-line/")
    assert page.text_content("h1") == "HSI Tip Line"
    page.goto(own_site.url + "resources/human-trafficking/")
    assert page.text_content("h1") == "Human Trafficking"
    page.goto(own_site.url + SECTION)
    assert (
        page.locator("main a[href$='/resources/human-trafficking/']").text_content()
        == "Human Trafficking"
    )
    context.expected_errors = ["404 (Not Found)"]


class RedirectingHandler(SiteHandler):
    """A host that redirects one page of the build somewhere else."""

    def send_head(self):
        if self.path == f"{BASE_URL}{SECTION}":
            self.send_response(301)
            self.send_header("Location", f"{BASE_URL}resources/child-exploitation/")
            self.end_headers()
            return None
        return super().send_head()


def test_a_redirected_page_is_never_saved_and_the_first_visit_says_offline_use_failed(
    context, own_site
):
    server = SiteServer(
        ("127.0.0.1", 0),
        partial(RedirectingHandler, directory=str(own_site.out_dir), base_url=BASE_URL),
    )
    serve_in_background(server)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}{BASE_URL}")
        page.locator(
            "#offline-status", has_text="Could not save the app for offline use."
        ).wait_for()
        assert corner_caches(page) == []
    finally:
        server.shutdown()
        server.server_close()


def test_an_update_downloads_only_the_files_that_changed(context, own_site):
    page = context.new_page()
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    requested = []
    context.on("request", lambda request: requested.append(request.url.removeprefix(own_site.url)))
    rename_tip_line(own_site, "HSI Tip Line (renamed)")
    page.evaluate(CHECK_FOR_UPDATE)
    page.locator("#update-banner", has_text="An update to this app is ready.").wait_for()
    # The renamed entry is in the home page, its section, the search files and one chunk of entry
    # parts; the stylesheet, the scripts and every other page are reused from the saved version.
    assert {"", "search-index.json", "search-docs.json", "resource-pages/0.json"} <= set(requested)
    assert not {
        "assets/app.css",
        "assets/search.js",
        "assets/app.js",
        "field-offices/",
        "my-list/",
        "search/",
    } & set(requested)
    assert len(set(requested)) < 15, requested


def test_a_build_replaced_within_the_same_second_is_still_sent_by_the_dev_server(own_site):
    """Last-Modified counts whole seconds: a browser asking "changed since?" must not get a 304."""
    import email.utils
    import os
    from urllib.request import Request, urlopen

    with urlopen(own_site.url + "sw.js") as first:
        served_at = first.headers["Last-Modified"]
    rename_tip_line(own_site, "HSI Tip Line (renamed)")
    worker = own_site.out_dir / "sw.js"
    same_second = email.utils.parsedate_to_datetime(served_at).timestamp() + 0.5
    os.utime(worker, (same_second, same_second))
    with urlopen(
        Request(own_site.url + "sw.js", headers={"If-Modified-Since": served_at})
    ) as second:
        assert second.status == 200 and second.read() == worker.read_bytes()
