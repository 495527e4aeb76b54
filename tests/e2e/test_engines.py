"""The officer's journey on every engine officers carry, written once against tests/engines:
Chromium (Chrome, Edge, Android), Firefox, and WebKit (Safari, and every browser on an iPhone).

One visit online; then, with the server stopped (and the browser offline where its driver can
cut the network): every page, search as typed and by a shared link, an unknown address, My list,
the field-office finder; and, online, an update offered and applied. Each test fails on any
script error, console error or Content-Security-Policy violation (Trusted Types included).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

import pytest

from engines import Tab
from harness import BASE_URL, Site, start_site
from support import DEFAULT_CONTENT, UNTIL_ACTIVATED, edit_json

OFFLINE_READY = "document.documentElement.dataset.offlineReady === 'true'"
STATUS = "document.getElementById('offline-status').textContent"
CHECK_FOR_UPDATE = (
    "navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => true)"
)


@dataclass
class Journey:
    tab: Tab
    site: Site
    status_when_ready: str
    banner_when_ready: str


@pytest.fixture(scope="module")
def journey_so_far(new_module_tab, tmp_path_factory):
    """A tab that visited the site once online; then the server is stopped and, where the engine
    can, the browser is offline too."""
    site = start_site(tmp_path_factory.mktemp("journey"))
    tab = new_module_tab()
    tab.goto(site.url)
    tab.wait_for(OFFLINE_READY)
    tab.wait_for(STATUS)
    status = tab.text("#offline-status")
    assert tab.evaluate(UNTIL_ACTIVATED) is True
    tab.wait_for("navigator.serviceWorker.controller")  # the first version took the page over
    banner = tab.text("#update-banner")
    site.stop()
    if tab.can_go_offline:
        tab.go_offline()
    assert tab.errors() == [], f"{tab.engine}: errors in the page"
    return Journey(tab, site, status, banner)


@pytest.fixture
def journey(journey_so_far):
    """The journey's tab, for one more step: the step must add no error."""
    before = len(journey_so_far.tab.errors())
    yield journey_so_far
    assert journey_so_far.tab.errors()[before:] == [], (
        f"{journey_so_far.tab.engine}: errors in the page"
    )


def built(site: Site, path: str) -> str:
    return (site.out_dir / path).read_text("utf-8")


def title_of(page_html: str) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", page_html, re.DOTALL).group(1))


def content(name: str) -> dict:
    return json.loads((DEFAULT_CONTENT / name).read_text("utf-8"))


def test_one_visit_makes_the_app_ready_to_work_offline(journey):
    status = journey.status_when_ready
    assert re.fullmatch(
        r"Ready to work offline( \(\d+\.\d MB saved on this device\))?\.", status
    ), status
    if not journey.tab.evaluate(
        "Boolean(navigator.storage && navigator.storage.estimate)"
    ):  # WebKitGTK
        assert status == "Ready to work offline."  # no size rather than a wrong one
    assert journey.banner_when_ready == ""  # the first version is no update to offer


def test_every_page_opens_offline_as_built(journey):
    tab, site = journey.tab, journey.site
    pages = sorted(
        path.relative_to(site.out_dir).as_posix() for path in site.out_dir.rglob("index.html")
    )
    assert len(pages) >= 30 and sum(page.startswith("resources/") for page in pages) == 20
    for page in pages:
        tab.goto(site.url + page.removesuffix("index.html"))
        assert tab.evaluate("document.title") == title_of(built(site, page)), page
        assert tab.evaluate("Boolean(navigator.serviceWorker.controller)"), page
    tab.goto(site.url)
    if tab.can_go_offline:
        assert tab.evaluate("navigator.onLine") is False
        tab.wait_for(f"{STATUS}.startsWith('Offline')")


def test_search_as_typed_and_by_a_shared_link_offline(journey):
    tab, site = journey.tab, journey.site
    tab.goto(site.url + "search/")
    tab.fill("#search-input", "lesc")
    tab.wait_for("document.getElementById('search-status').textContent.includes('“lesc”')")
    assert (
        tab.evaluate("document.querySelector('.result-list li > a').getAttribute('href')")
        == f"{BASE_URL}resources/law-enforcement-support-center/"
    )
    tab.goto(site.url + "search/?q=287g")
    tab.wait_for("document.getElementById('search-status').textContent.includes('“287g”')")
    assert tab.evaluate("document.getElementById('search-input').value") == "287g"
    tab.click(".result-list li > a")
    title = content("resources/287g-program.json")["title"]
    tab.wait_for(
        "document.querySelector('h1') && document.querySelector('h1').textContent === "
        f"{json.dumps(title)}"
    )
    assert tab.evaluate("location.pathname") == f"{BASE_URL}resources/287g-program/"


def test_an_unknown_address_shows_the_offline_page(journey):
    tab, site = journey.tab, journey.site
    tab.goto(site.url + "no/such/page/")
    assert tab.evaluate("document.title") == title_of(built(site, "offline/index.html"))
    assert (
        tab.evaluate("location.pathname") == f"{BASE_URL}no/such/page/"
    )  # the address stays as typed


def test_an_entry_saved_offline_is_in_my_list(journey):
    tab, site = journey.tab, journey.site
    tab.goto(site.url + "resources/hsi-tip-line/")
    tab.wait_for("!document.querySelector('[data-favorite]').hidden")
    tab.click("[data-favorite]")
    tab.wait_for(
        "!document.querySelector('[data-saved-note]').hidden"
    )  # the page shows it is saved
    tab.goto(site.url + "my-list/")
    saved = "#favorites a[href$='/resources/hsi-tip-line/']"
    tab.wait_for(f"document.querySelector({json.dumps(saved)})")
    assert tab.text(saved) == content("resources/hsi-tip-line.json")["title"]


def office_covering(state: str, region: str | None = None) -> str:
    covering = {"state": state, **({"region": region} if region else {})}
    return next(
        office["name"]
        for office in content("field-offices.json")["offices"]
        if covering in office["covers"]
    )


def test_the_field_office_finder_answers_offline(journey):
    tab, site = journey.tab, journey.site
    tab.goto(site.url + "field-offices/")
    tab.wait_for("!document.querySelector('[data-field-offices]').hidden")
    answer = "document.getElementById('fo-answer').textContent"
    tab.choose("#fo-state", "PR")
    tab.wait_for(f"{answer}.includes({json.dumps(office_covering('PR') + ' field office')})")
    tab.choose("#fo-state", "TX")  # shared by five offices: the finder asks which part
    tab.wait_for("!document.querySelector('[data-region-field]').hidden")
    south = tab.evaluate(
        "[...document.querySelectorAll('#fo-region option')].find((o) => o.textContent === 'South "
        "Texas').value"
    )
    tab.choose("#fo-region", south)
    tab.wait_for(
        f"{answer}.includes({json.dumps(office_covering('TX', 'South Texas') + ' field office')})"
    )


def test_the_home_screen_icon_is_saved_for_offline_use(journey):
    """Every page links it; Firefox loads it with each page, Safari when adding to the Home
    Screen."""
    tab, site = journey.tab, journey.site
    tab.goto(site.url)
    icon = tab.evaluate("document.querySelector('link[rel=apple-touch-icon]').getAttribute('href')")
    assert (
        tab.evaluate(
            f"fetch({json.dumps(icon)}).then((r) => r.ok && r.headers.get('Content-Type'), (e) => "
            "e.name)"
        )
        == "image/png"
    )


def test_a_file_the_app_does_not_hold_fails_offline_as_with_no_service_worker(journey_so_far):
    """The service worker leaves to the browser what it does not hold: offline, or aborted by the
    page, such a request fails as it would without a worker, never as the worker's own error."""
    tab, site = journey_so_far.tab, journey_so_far.site
    # The browser's own note of a load that failed is expected; a service worker's failure is not.
    browsers_note = "Failed to load resource: net::ERR_INTERNET_DISCONNECTED"
    tab.expected_errors.append(browsers_note)
    tab.goto(site.url)
    before = len(tab.errors())
    icon = f"{BASE_URL}assets/icons/icon-512.png"  # read when installing: not saved for offline use
    assert (
        tab.evaluate(f"fetch({json.dumps(icon)}).then(() => 'loaded', (error) => error.name)")
        == "TypeError"
    )
    aborted = f"""(() => {{ const abort = new AbortController();
        const loading = fetch({json.dumps(icon)}, {{ signal: abort.signal }}); abort.abort();
        return loading.then(() => 'loaded', (error) => error.name); }})()"""
    assert tab.evaluate(aborted) == "AbortError"
    assert [error for error in tab.errors()[before:] if browsers_note not in error] == []


def test_an_update_is_offered_and_applied(tab, own_site):
    tab.goto(own_site.url)
    tab.wait_for(OFFLINE_READY)
    edit_json(
        own_site.content_dir / "resources/hsi-tip-line.json",
        lambda data: data.update(title="HSI Tip Line (renamed)"),
    )
    own_site.rebuild()
    assert tab.evaluate(CHECK_FOR_UPDATE)
    # It says what changed: at once, or as soon as a worker the browser had to wake answers.
    tab.wait_for("document.getElementById('update-banner').textContent.includes('(renamed)')")
    assert "1 resource updated: HSI Tip Line (renamed)." in tab.text("#update-banner")
    entry_link = "document.querySelector(\"main a[href$='/resources/hsi-tip-line/']\").textContent"
    assert tab.evaluate(entry_link) == "HSI Tip Line"  # nothing changes until the user accepts
    tab.click("#update-banner button")
    tab.wait_for(f"{entry_link} === 'HSI Tip Line (renamed)'")
    # The new version finishes taking over (its clean-up of the old caches) without being asked
    # again.
    assert tab.evaluate(UNTIL_ACTIVATED) is True


def test_trusted_types_refuse_a_string_where_code_would_run(tab, own_site):
    """The policy is in force on this engine, and the violation listener of every test sees it."""
    tab.goto(own_site.url)
    tab.wait_for(OFFLINE_READY)  # the app's own policy made its two script URLs
    assert tab.errors() == []
    attempts = {  # each with the directive it violates
        "document.body.innerHTML = '<img src=x>'": "require-trusted-types-for",
        "new Worker('assets/search-worker.js')": "require-trusted-types-for",
        "trustedTypes.createPolicy('another', {createHTML: (text) => text})": "trusted-types",
    }
    # Each refusal is expected: as the listener reports it, and as Chromium and Firefox note it.
    tab.expected_errors = [
        *(
            f"Content-Security-Policy violation: {directive} "
            for directive in set(attempts.values())
        ),
        "This document requires 'TrustedHTML' assignment. The action has been blocked.",
        "This document requires 'TrustedScriptURL' assignment. The action has been blocked.",
        "Creating a TrustedTypePolicy named 'another' violates",
        "Content-Security-Policy: The page’s settings blocked assigning to an injection sink",
        "Content-Security-Policy: The page’s settings blocked creating a Trusted Types policy",
    ]
    for attempt, directive in attempts.items():
        before = len(tab.errors())
        refused = tab.evaluate(f"""new Promise((resolve) => {{
            document.addEventListener('securitypolicyviolation',
                (event) => resolve(event.violatedDirective), {{ once: true }});
            try {{
                {attempt};
                resolve('allowed');
            }} catch (error) {{
                if (error.name !== 'TypeError') resolve(error.name);
            }}
        }})""")
        assert refused == directive, attempt
        # What every other test fails on:
        assert any(
            f"Content-Security-Policy violation: {directive} " in error
            for error in tab.errors()[before:]
        ), attempt
