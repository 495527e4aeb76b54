"""End-to-end fixtures: Chromium, the default site served by each server for the session, fresh contexts,
and every engine officers carry (Chromium, Firefox, WebKit) behind one small interface (tests/engines)."""
from __future__ import annotations

import os

import pytest
from playwright.sync_api import sync_playwright

from engines import ENGINES
from harness import LAUNCH_ARGS, SERVERS, Watch, chromium_executable, start_site


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        args = (["--no-sandbox"] if os.geteuid() == 0 else []) + LAUNCH_ARGS
        browser = playwright.chromium.launch(executable_path=chromium_executable(playwright), args=args)
        yield browser
        browser.close()


@pytest.fixture(scope="session", params=SERVERS)
def site(request, tmp_path_factory):
    """The default content, built once per server and served for the session: tests using it run on each."""
    served = start_site(tmp_path_factory.mktemp("site"), server=request.param)
    yield served
    served.stop()


@pytest.fixture
def own_site(tmp_path):
    """A site this test alone uses: it may rebuild or stop it."""
    served = start_site(tmp_path)
    yield served
    try:
        served.stop()
    except OSError:
        pass


@pytest.fixture
def context(browser):
    """A fresh browser context (no service worker, no cache) that must stay on the site and error-free."""
    context = browser.new_context(service_workers="allow")
    watch = Watch(context)
    context.watch = watch
    yield context
    context.close()
    watch.assert_clean(getattr(context, "expected_errors", ()))


@pytest.fixture(scope="session", params=ENGINES)
def engine(request, tmp_path_factory):
    """One engine, started once for the session: engine.new_tab() opens a fresh profile. Tests using
    it run on each, named by it: `pytest -k webkit` runs WebKit's."""
    if request.param == "chromium":
        from engines.chromium import Chromium
        started = Chromium(request.getfixturevalue("browser"))
    elif request.param == "firefox":
        from engines.firefox import Firefox
        started = Firefox(tmp_path_factory.mktemp("firefox"))
    else:
        from engines.webkit import WebKit
        started = WebKit(tmp_path_factory.mktemp("webkit"))
    yield started
    started.stop()


@pytest.fixture
def tab(engine):
    """A fresh tab (a new profile) in the engine; it must end with no page error and no policy violation."""
    opened = engine.new_tab()
    yield opened
    errors = opened.errors()
    opened.close()
    assert errors == [], f"{opened.engine}: errors in the page"
