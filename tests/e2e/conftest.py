"""End-to-end fixtures: Chromium, the default site served by each server for the session, browser
contexts from one factory, and every engine officers carry (Chromium, Firefox, WebKit) behind one
small interface (tests/engines).

Every context comes from `new_context` (or, for a page a module's tests share,
`new_module_context`): watched, traced, and closed whatever happens; see tests/contexts.py. Every
engine's tab comes from `new_tab` (`new_module_tab`) likewise.
"""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import sync_playwright

from contexts import Contexts, Tabs
from engines import ENGINES
from harness import SERVERS, launch_chromium, start_site


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session", params=SERVERS)
def site(request, tmp_path_factory):
    """The default content, built once per server and served for the session: tests using it run on
    each."""
    served = start_site(tmp_path_factory.mktemp("site"), server=request.param)
    yield served
    served.stop()


@pytest.fixture
def own_site(tmp_path):
    """A site this test alone uses: it may rebuild or stop it."""
    served = start_site(tmp_path)
    yield served
    with contextlib.suppress(OSError):
        served.stop()


def failed(request) -> bool:
    """Whether the fixture's test failed; for a module's fixture, whether any test of the module
    did."""
    node = request.node
    if isinstance(node, pytest.Item):
        tests = [node]
    else:
        tests = [item for item in request.session.items if node in item.listchain()]
    return any(
        getattr(test, f"rep_{when}", None) and getattr(test, f"rep_{when}").failed
        for test in tests
        for when in ("setup", "call")
    )


def contexts_for(browser, request):
    contexts = Contexts(browser, request.node.nodeid)
    yield contexts
    problems = contexts.finish(failed(request))
    assert problems == [], "a page requested another host than 127.0.0.1, or logged an error"


@pytest.fixture
def new_context(browser, request):
    """`new_context(**options)`: a new browser context (Playwright's options) that must stay on
    127.0.0.1 and error-free (`context.expected_errors` lists what may be logged); closed at the
    end of the test, its trace kept in test-results/ if the test failed."""
    yield from contexts_for(browser, request)


@pytest.fixture(scope="module")
def new_module_context(browser, request):
    """As new_context, for a context the module's tests share; checked when the module ends."""
    yield from contexts_for(browser, request)


@pytest.fixture
def context(new_context):
    """A fresh browser context (no service worker, no cache) that must stay on the site and
    error-free."""
    return new_context(service_workers="allow")


@pytest.fixture(scope="session", params=ENGINES)
def engine(request, tmp_path_factory):
    """One engine, started once for the session; its tabs come from new_tab. Tests using it run on
    each, named by it: `pytest -k webkit` runs WebKit's."""
    if request.param == "chromium":
        from engines.chromium import Chromium

        started = Chromium()
    elif request.param == "firefox":
        from engines.firefox import Firefox

        started = Firefox(tmp_path_factory.mktemp("firefox"))
    else:
        from engines.webkit import WebKit

        started = WebKit(tmp_path_factory.mktemp("webkit"))
    yield started
    started.stop()


def tabs_for(engine, request, contexts_fixture: str):
    # Only Chromium's tabs are Playwright contexts: the other engines need no Chromium started.
    tabs = Tabs(engine, request.getfixturevalue(contexts_fixture) if engine.uses_contexts else None)
    yield tabs
    problems = tabs.finish()
    assert problems == [], "errors in the page"


@pytest.fixture
def new_tab(engine, request):
    """`new_tab()`: a fresh tab (a new profile) in the engine; at the end of the test it is closed,
    and the test fails on any page error or policy violation not in `tab.expected_errors`."""
    yield from tabs_for(engine, request, "new_context")


@pytest.fixture(scope="module")
def new_module_tab(engine, request):
    """As new_tab, for a tab the module's tests share; checked when the module ends."""
    yield from tabs_for(engine, request, "new_module_context")


@pytest.fixture
def tab(new_tab):
    """A fresh tab (a new profile) in the engine; it must end with no page error and no policy
    violation."""
    return new_tab()
