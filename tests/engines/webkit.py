"""The Tab interface on WebKit, as in Safari: WebKitGTK's MiniBrowser through Selenium, under Xvfb.

MiniBrowser has no headless mode, so the engine starts its own X server (Xvfb, which names its
display once it is ready: no guessing). Each tab is a new MiniBrowser: automation sessions keep
nothing on disk, so each starts as a fresh profile. The window cannot be narrower than 447 px.
The driver has no BiDi and reports no page errors: WATCH_PAGE is added to each page once it has
loaded and keeps what it sees in sessionStorage, across the tab's pages. An error thrown while a
page is still loading is missed; what the journey checks next (the status, search) fails instead.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess
import warnings
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import JavascriptException, WebDriverException

from engines import PHONE, REPORT_VIOLATIONS, TIMEOUT, Tab, executable
from harness import HarnessError

MINIBROWSER = (
    "/usr/lib/*/webkit2gtk-4.1/MiniBrowser"  # Debian's libwebkit2gtk-4.1-0, for each architecture
)
NARROWEST = 447
SEEN = "corner-test:errors"
WATCH_PAGE = f"""if (!window.cornerWatched) {{
    window.cornerWatched = true;
    const seen = () => JSON.parse(sessionStorage.getItem({SEEN!r}) || '[]');
    const keep = (text) => sessionStorage.setItem({SEEN!r}, JSON.stringify([...seen(), text]));
    const consoleError = console.error.bind(console);
    console.error = (...parts) => {{
        keep(`console: ${{parts.join(' ')}}`);
        consoleError(...parts);
    }};
    addEventListener('error', ({{ message, filename, lineno }}) =>
        keep(`page error: ${{message}} at ${{filename}}:${{lineno}}`));
    addEventListener('unhandledrejection', (event) =>
        keep(`page error: unhandled rejection: ${{event.reason}}`));
    new PerformanceObserver((list) => list.getEntries()
        .filter((entry) => /^(http|ws)s?:/.test(entry.name)
            && new URL(entry.name).hostname !== '127.0.0.1')
        .forEach((entry) => keep(`request to another host: ${{entry.name}}`)))
        .observe({{type: 'resource', buffered: true}});
    {REPORT_VIOLATIONS}
}}"""


class WebKit:
    """An X server for MiniBrowser windows, for every tab of the test session."""

    def __init__(self, folder: Path):
        self.driver = executable(
            "CORNER_WEBKIT_DRIVER", "WebKitWebDriver", install="Debian's webkit2gtk-driver"
        )
        found = os.environ.get("CORNER_MINIBROWSER") or next(
            iter(sorted(glob.glob(MINIBROWSER))), ""
        )
        if not Path(found).is_file():
            raise HarnessError(
                "MiniBrowser not found: run `make test` (installs Debian's webkit2gtk-driver) or "
                "set CORNER_MINIBROWSER"
            )
        self.browser = found
        self.folder = folder
        xvfb = executable("CORNER_XVFB", "Xvfb", install="Debian's xvfb")
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(
            [xvfb, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            pass_fds=[write],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as announced:
            display = announced.readline().strip()
        if not display:
            raise HarnessError("Xvfb did not start: WebKit's MiniBrowser needs an X display")
        self.display = f":{display}"

    uses_contexts = False

    def new_tab(self, new_context=None) -> WebKitTab:
        return WebKitTab(self)

    def stop(self) -> None:
        self.xvfb.terminate()
        self.xvfb.wait(timeout=30)


class WebKitTab(Tab):
    engine = "webkit"
    can_go_offline = (
        False  # WebDriver classic has no network emulation: the server is stopped instead
    )

    def __init__(self, webkit: WebKit):
        options = webdriver.WebKitGTKOptions()
        options.binary_location = webkit.browser
        options.add_argument("--automation")
        service = webdriver.WebKitGTKService(
            executable_path=webkit.driver, env={**os.environ, "DISPLAY": webkit.display}
        )
        with (
            warnings.catch_warnings()
        ):  # Selenium 4.51's own WebKitGTK driver uses a deprecated argument
            warnings.simplefilter("ignore", DeprecationWarning)
            self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_window_size(max(NARROWEST, PHONE["width"]), PHONE["height"])
        self.driver.set_script_timeout(TIMEOUT * 3)

    def _watch(self) -> None:
        self.driver.execute_script(WATCH_PAGE)

    def goto(self, url):
        self.driver.get(url)
        self._watch()

    def _element(self, selector):
        self._watch()
        return self.driver.find_element("css selector", selector)

    def click(self, selector):
        self._element(selector).click()

    def fill(self, selector, text):
        field = self._element(selector)
        field.clear()
        field.send_keys(text)

    def choose(self, selector, value):
        # As Playwright's select_option does: pick the option, then fire input and change.
        self._element(selector)
        self.driver.execute_script(
            """const field = document.querySelector(arguments[0]);
            field.focus(); field.value = arguments[1];
            field.dispatchEvent(new Event('input', {bubbles: true}));
            field.dispatchEvent(new Event('change', {bubbles: true}));""",
            selector,
            value,
        )

    def evaluate(self, expression):
        self._watch()
        done = self.driver.execute_async_script(
            "const answer = arguments[arguments.length - 1];"
            f"Promise.resolve().then(async () => JSON.stringify(await ({expression})))"
            ".then(answer, (error) => answer({ error: String(error) }));"
        )
        if isinstance(done, dict):
            raise JavascriptException(f"{expression}: {done['error']}")
        return None if done is None else json.loads(done)

    def go_offline(self):
        raise NotImplementedError("WebKitGTK's driver cannot cut the network: stop the server")

    def errors(self):
        try:
            return json.loads(
                self.driver.execute_script(f"return sessionStorage.getItem({SEEN!r}) || '[]'")
            )
        except WebDriverException as error:
            return [f"could not read the page's errors: {error.msg}"]

    def close(self):
        self.driver.quit()
