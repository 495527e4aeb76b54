"""One small interface to drive a page in Chromium, Firefox or WebKit, so a journey is written once.

    tab = new_tab()                 # the fixture (engine.new_tab): a fresh profile, no service
                                    # worker, no cache, no storage; closed and checked in the end
    tab.goto(url); tab.text("h1"); tab.click("a.call"); tab.fill("#search-input", "lesc")
    tab.choose("#fo-state", "PR"); tab.evaluate("navigator.onLine"); tab.wait_for("document.title")
    tab.go_offline()                # where the driver can (not WebKitGTK's): stop the server too
    tab.errors()                    # script errors, console errors, Content-Security-Policy
                                    # violations, requests to another host than 127.0.0.1

- chromium: Playwright, as every other end-to-end test (engines/chromium.py).
- firefox: Firefox's own WebDriver BiDi (engines/firefox.py). Playwright 1.65 speaks BiDi to
  Firefox too, but its browser contexts need `emulation.setMediaFeaturesOverride`, which Firefox
  ESR 153 does not have ("unknown command"), and Debian ships no geckodriver.
- webkit: Selenium's WebKitGTK driver and MiniBrowser, WebKit as in Safari, under Xvfb
  (engines/webkit.py).

Page errors and requests are watched by the protocol where it reports them (Chromium, Firefox);
the `securitypolicyviolation` listener below is put in every document before its scripts run.
WebKitGTK's driver reports nothing: there the listener, one for script errors and one for the
page's requests (Resource Timing) are added once the page has loaded, and keep what they see in
sessionStorage, across the tab's pages.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from harness import HarnessError, leaves_the_machine

ENGINES = ["chromium", "firefox", "webkit"]
PHONE = {"width": 390, "height": 844}
TIMEOUT = 30  # seconds, as Playwright waits: the browsers may share two cores with other tests

# A Content-Security-Policy violation (Trusted Types included) is made a console error, which the
# engine's watch reports with the page's script errors.
REPORT_VIOLATIONS = """document.addEventListener('securitypolicyviolation', ({ violatedDirective,
    blockedURI, sample }) => console.error(
    `Content-Security-Policy violation: ${violatedDirective} ${blockedURI} ${sample}`));"""


def waiting(expression: str, seconds: float) -> str:
    """A promise expression that settles when expression is truthy: the page waits, the test does
    not poll. (The expression is part of the script sent, not eval'd: the pages' policy forbids
    eval.)"""
    return f"""new Promise((resolve, reject) => {{
    const deadline = performance.now() + {seconds * 1000:.0f};
    const timedOut = new Error({json.dumps("timed out waiting for " + expression)});
    const check = () => Promise.resolve().then(() => ({expression})).catch(() => undefined)
    .then((done) => {{
        if (done) resolve(true);
        else if (performance.now() > deadline) reject(timedOut);
        else setTimeout(check, 50);
    }});
    check();
}})"""


class Tab:
    """A page in one engine. Selectors are CSS; expressions are JavaScript, awaited if promises."""

    engine: str
    can_go_offline: bool  # False where the driver cannot cut the browser's network: stop the server
    watched_by_context = (
        False  # True where the tab is a Playwright context, which its factory checks
    )
    expected_errors: list[str]  # errors a test causes on purpose: parts of their text

    def goto(self, url: str) -> None:
        """Open url and wait for its load event."""
        raise NotImplementedError

    def text(self, selector: str) -> str:
        """The textContent of the first element matching selector."""
        return self.evaluate(f"document.querySelector({selector!r}).textContent")

    def click(self, selector: str) -> None:
        """Click the first element matching selector as a user would (scrolled into view)."""
        raise NotImplementedError

    def fill(self, selector: str, text: str) -> None:
        """Type text into a field (replacing what it holds), key by key."""
        raise NotImplementedError

    def choose(self, selector: str, value: str) -> None:
        """Choose the option with this value in a <select>, as the user picking it does."""
        raise NotImplementedError

    def evaluate(self, expression: str):
        """The value of a JavaScript expression (a promise is awaited), as JSON data."""
        raise NotImplementedError

    def wait_for(self, expression: str, timeout: float = TIMEOUT) -> None:
        """Wait until expression is truthy, in this page or, after a navigation, the next one."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.evaluate(waiting(expression, max(deadline - time.monotonic(), 0)))
                return
            except Exception as error:  # each engine's driver has its own error types
                # The page the wait ran in was left for another (a link, a reload): ask the new one.
                if "timed out waiting" in str(error) or time.monotonic() > deadline:
                    raise

    def go_offline(self) -> None:
        """Cut this tab's network (can_go_offline tells whether the engine's driver can)."""
        raise NotImplementedError

    def errors(self) -> list[str]:
        """Every script error, console error and policy violation this tab has seen."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


def executable(variable: str, *candidates: str, install: str) -> str:
    """$variable if set, else the first candidate found (a name on the PATH or a path)."""
    explicit = os.environ.get(variable)
    if explicit:
        return explicit
    for candidate in candidates:
        found = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
        if found:
            return found
    raise HarnessError(
        f"{candidates[0]} not found: run `make test` (installs {install}) or set {variable}"
    )


def foreign(urls) -> list[str]:
    """The requests of urls to another host than 127.0.0.1, as errors() reports them."""
    return [f"request to another host: {url}" for url in urls if leaves_the_machine(url)]
