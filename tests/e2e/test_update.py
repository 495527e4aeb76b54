"""A new build: offered, never forced; a broken one never replaces the working offline copy."""
from __future__ import annotations

from functools import partial

import pytest

from corner.server import SiteHandler, SiteServer, serve_in_background
from harness import BASE_URL
from support import edit_json, wait_until_offline_ready

CHECK_FOR_UPDATE = "navigator.serviceWorker.getRegistration().then((r) => r.update()).catch((e) => String(e))"
# Resolves true once the worker being installed has failed; false if no install was under way.
UNTIL_INSTALL_FAILS = """navigator.serviceWorker.getRegistration().then((r) => {
    const worker = r.installing;
    if (!worker) return false;
    return new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'redundant' && resolve(true)));
})"""
# The page changes controller as soon as the new worker takes over; its clean-up of old caches
# finishes when it reaches "activated".
UNTIL_ACTIVATED = """navigator.serviceWorker.getRegistration().then((r) => r.active.state === 'activated' ||
    new Promise((resolve) => r.active.addEventListener('statechange', () => r.active.state === 'activated' && resolve())))"""


def corner_caches(page) -> list[str]:
    return [name for name in page.evaluate("caches.keys()") if name.startswith("corner:")]


def rename_tip_line(site, title: str) -> None:
    edit_json(site.content_dir / "resources/hsi-tip-line.json", lambda d: d.update(title=title))
    site.rebuild()


def test_update_is_offered_and_applied_only_when_the_user_accepts(context, own_site):
    page = context.new_page()
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    page.evaluate("caches.open('another-app').then((cache) => cache.put('/x', new Response('keep')))")
    [first_cache] = corner_caches(page)

    rename_tip_line(own_site, "HSI Tip Line (renamed)")
    page.fill("#search-input", "half-typed")  # present since page load: nothing may wipe it
    page.evaluate(CHECK_FOR_UPDATE)
    page.locator("#update-banner", has_text="An update to this app is ready.").wait_for()
    tip_line = page.locator("main a[href$='/resources/hsi-tip-line/']")
    assert tip_line.text_content() == "HSI Tip Line"  # no surprise reload
    assert page.input_value("#search-input") == "half-typed"

    with page.expect_navigation():
        page.click("#update-banner button")
    assert tip_line.text_content() == "HSI Tip Line (renamed)"
    page.evaluate(UNTIL_ACTIVATED)
    [second_cache] = corner_caches(page)
    assert second_cache != first_cache
    assert "another-app" in page.evaluate("caches.keys()")  # only this app's old caches are deleted


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
    assert second.locator("main a[href$='/resources/hsi-tip-line/']").text_content() == "HSI Tip Line"
    with second.expect_navigation():
        second.click("#update-banner button")
    assert second.locator("main a[href$='/resources/hsi-tip-line/']").text_content() == "HSI Tip Line (renamed)"


def break_by_deleting(site):
    (site.out_dir / "resources/human-trafficking/index.html").unlink()


def break_with_a_stale_copy(site):
    # What a CDN edge or a half-finished upload serves: the file of another build, with status 200.
    page = site.out_dir / "resources/human-trafficking/index.html"
    page.write_bytes(page.read_bytes().replace(b"Human Trafficking", b"Human Trafficking (old)"))


@pytest.mark.parametrize("break_deploy", [break_by_deleting, break_with_a_stale_copy])
def test_a_broken_deploy_keeps_the_working_offline_copy(context, own_site, break_deploy):
    page = context.new_page()
    page.goto(own_site.url)
    wait_until_offline_ready(page)
    [working_cache] = corner_caches(page)

    rename_tip_line(own_site, "Broken deploy")
    break_deploy(own_site)
    page.evaluate(CHECK_FOR_UPDATE)
    assert page.evaluate(UNTIL_INSTALL_FAILS) is True
    assert page.locator("#update-banner button").count() == 0
    assert corner_caches(page) == [working_cache]

    own_site.stop()
    context.set_offline(True)
    page.goto(own_site.url + "resources/hsi-tip-line/")
    assert page.text_content("h1") == "HSI Tip Line"
    page.goto(own_site.url + "resources/human-trafficking/")
    assert page.text_content("h1") == "Human Trafficking"
    context.expected_errors = ["404 (Not Found)"]


class RedirectingHandler(SiteHandler):
    """A host that redirects one page of the build somewhere else."""

    def send_head(self):
        if self.path == f"{BASE_URL}resources/human-trafficking/":
            self.send_response(301)
            self.send_header("Location", f"{BASE_URL}resources/child-exploitation/")
            self.end_headers()
            return None
        return super().send_head()


def test_a_redirected_page_is_never_saved_and_the_first_visit_says_offline_use_failed(context, own_site):
    server = SiteServer(("127.0.0.1", 0), partial(RedirectingHandler, directory=str(own_site.out_dir), base_url=BASE_URL))
    serve_in_background(server)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}{BASE_URL}")
        page.locator("#offline-status", has_text="Could not save the app for offline use.").wait_for()
        assert corner_caches(page) == []
    finally:
        server.shutdown()
        server.server_close()
