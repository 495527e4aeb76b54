"""The Tab interface on Chromium, through Playwright (the browser of every other end-to-end
test)."""

from __future__ import annotations

from engines import PHONE, REPORT_VIOLATIONS, TIMEOUT, Tab


class Chromium:
    """Tabs in the session's Playwright Chromium, each a context from the test's context factory
    (tests/contexts.py), which watches, traces and closes it."""

    uses_contexts = True

    def new_tab(self, new_context) -> ChromiumTab:
        return ChromiumTab(new_context(service_workers="allow", viewport=PHONE))

    def stop(self) -> None:
        pass


class ChromiumTab(Tab):
    engine = "chromium"
    can_go_offline = True
    watched_by_context = True

    def __init__(self, context):
        self.context = context
        self.context.add_init_script(REPORT_VIOLATIONS)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT * 1000)

    @property
    def expected_errors(self) -> list[str]:
        return self.context.expected_errors

    @expected_errors.setter
    def expected_errors(self, errors: list[str]) -> None:
        self.context.expected_errors = errors

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
        return self.context.watch.problems()

    def close(self):
        self.page.close()  # the context is the factory's to close
