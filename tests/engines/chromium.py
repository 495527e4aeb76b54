"""The Tab interface on Chromium, through Playwright (the browser of every other end-to-end test)."""
from __future__ import annotations

from urllib.parse import urlsplit

from engines import PHONE, REPORT_VIOLATIONS, TIMEOUT, Tab
from harness import Watch


class Chromium:
    """Tabs in the session's Playwright Chromium (the `browser` fixture, which also closes it)."""

    def __init__(self, browser):
        self.browser = browser

    def new_tab(self) -> ChromiumTab:
        return ChromiumTab(self.browser)

    def stop(self) -> None:
        pass


class ChromiumTab(Tab):
    engine = "chromium"
    can_go_offline = True

    def __init__(self, browser):
        self.context = browser.new_context(service_workers="allow", viewport=PHONE)
        self.context.add_init_script(REPORT_VIOLATIONS)
        self.watch = Watch(self.context)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT * 1000)

    def goto(self, url):
        self.page.goto(url)

    def click(self, selector):
        self.page.click(selector)

    def fill(self, selector, text):
        self.page.fill(selector, "")
        self.page.type(selector, text)

    def choose(self, selector, value):
        self.page.select_option(selector, value)

    def evaluate(self, expression):
        return self.page.evaluate(expression)


    def go_offline(self):
        self.context.set_offline(True)

    def errors(self):
        foreign = [url for url in self.watch.requests if urlsplit(url).hostname != "127.0.0.1"]
        return [*self.watch.errors, *(f"request to another host: {url}" for url in foreign)]

    def close(self):
        self.context.close()
