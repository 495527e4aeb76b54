"""End-to-end fixtures: Chromium, the default site served by each server for the session, fresh contexts."""
from __future__ import annotations

import os

import pytest
from playwright.sync_api import sync_playwright

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
