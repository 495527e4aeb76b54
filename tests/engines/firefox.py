"""The Tab interface on Firefox, through the WebDriver BiDi that Firefox speaks itself.

Firefox started with --remote-debugging-port prints "WebDriver BiDi listening on ws://…"; a
session opened at that address's /session needs no geckodriver (Debian ships none). The socket
is Selenium's BiDi connection; the commands are the W3C protocol's own
(https://w3c.github.io/webdriver-bidi/). Each tab is a browsingContext in a user context of its
own: its own cookies, storage, caches and service workers, as a fresh profile would have.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import threading
from pathlib import Path

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.remote.websocket_connection import WebSocketConnection

from engines import PHONE, REPORT_VIOLATIONS, TIMEOUT, Tab, executable, foreign
from harness import HarnessError

# No back-forward cache: a page left for the next one is gone, so a script still waiting in it
# ends with an error (and is asked again in the new page) instead of waiting, frozen, forever.
PREFERENCES = 'user_pref("browser.sessionhistory.max_total_viewers", 0);\n'
LISTENING = re.compile(r"WebDriver BiDi listening on (ws://\S+)")
ABANDONED = re.compile(
    r"Failed to load ‘(.+?)’\. A ServiceWorker intercepted the request and encountered an "
    r"unexpected error\."
)


class Event:
    """What Selenium's connection needs to route one kind of BiDi event to a callback."""

    def __init__(self, name: str):
        self.event_class = name

    @staticmethod
    def from_json(params: dict) -> dict:
        return params


class Firefox:
    """One headless Firefox and its BiDi session, for every tab of the test session."""

    def __init__(self, folder: Path):
        binary = executable(
            "CORNER_FIREFOX", "firefox-esr", "firefox", install="Debian's firefox-esr"
        )
        # Started again (in a fresh profile) if it does not open its BiDi server: once, in a CI
        # run of the whole suite, Firefox ESR printed "running in headless mode" and no address,
        # and every Firefox test failed at setup. A start is tried twice; a test never is.
        for attempt in (1, 2):
            try:
                address = self._start(binary, folder / f"profile-{attempt}")
                break
            except HarnessError:
                if attempt == 2:
                    raise
        self.connection = WebSocketConnection(f"{address}/session", TIMEOUT * 4, 0.005)
        self.command("session.new", capabilities={})
        self.errors_by_context: dict[str, list[str]] = {}  # and requests to another host, in order
        self.abandoned_by_context: dict[str, set[str]] = {}
        self.connection.add_callback(Event("log.entryAdded"), self._log_entry)
        self.connection.add_callback(Event("network.fetchError"), self._fetch_error)
        self.connection.add_callback(Event("network.beforeRequestSent"), self._request)
        self.command(
            "session.subscribe",
            events=["log.entryAdded", "network.fetchError", "network.beforeRequestSent"],
        )

    def _start(self, binary: str, profile: Path) -> str:
        """Start Firefox on a new profile; the address of its BiDi server."""
        profile.mkdir(parents=True)
        (profile / "user.js").write_text(PREFERENCES, "utf-8")
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-remote",
                "--profile",
                str(profile),
                "--remote-debugging-port=0",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        return self._listening_address()

    def _listening_address(self) -> str:
        found = threading.Event()
        address = []

        def read_output():  # and keep reading it, or Firefox blocks on a full pipe
            for line in self.process.stdout:
                self.output.append(line)
                if not found.is_set() and (match := LISTENING.search(line)):
                    address.append(match.group(1))
                    found.set()
            found.set()

        threading.Thread(target=read_output, daemon=True).start()
        if not found.wait(60) or not address:
            ended = self.process.poll()
            self.stop()
            raise HarnessError(
                "Firefox did not start its WebDriver BiDi server "
                + ("within 60 s" if ended is None else f"(it ended with status {ended})")
                + ":\n"
                + "".join(self.output[-20:])
            )
        return address[0]

    def command(self, method: str, **params):
        reply = self.connection.send_cmd(method, params)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}: {reply.get('message')}")
        return reply["result"]

    def _log_entry(self, entry: dict) -> None:
        if entry.get("level") == "error":
            context = entry.get("source", {}).get("context")
            self.errors_by_context.setdefault(context, []).append(
                f"{entry.get('type')}: {entry.get('text')}"
            )

    def _request(self, event: dict) -> None:
        # A service worker's requests have no browsing context: they count for every tab.
        for request in foreign([event["request"]["url"]]):
            self.errors_by_context.setdefault(event.get("context"), []).append(request)

    def _fetch_error(self, event: dict) -> None:
        if event.get("errorText") == "NS_BINDING_ABORTED":  # the page itself gave up the load
            self.abandoned_by_context.setdefault(event.get("context"), set()).add(
                event["request"]["url"]
            )

    uses_contexts = False

    def new_tab(self, new_context=None) -> FirefoxTab:
        return FirefoxTab(self)

    def stop(self) -> None:
        if getattr(self, "connection", None):
            # Firefox gone already: nothing to end.
            with contextlib.suppress(RuntimeError, WebDriverException):
                self.command("session.end")
            self.connection.close()
        self.process.terminate()
        self.process.wait(timeout=30)


class FirefoxTab(Tab):
    engine = "firefox"
    can_go_offline = True

    def __init__(self, firefox: Firefox):
        self.firefox = firefox
        self.user_context = firefox.command("browser.createUserContext")["userContext"]
        firefox.command(
            "script.addPreloadScript",
            functionDeclaration=f"() => {{ {REPORT_VIOLATIONS} }}",
            userContexts=[self.user_context],
        )
        self.context = firefox.command(
            "browsingContext.create", type="tab", userContext=self.user_context
        )["context"]
        firefox.command("browsingContext.setViewport", context=self.context, viewport=PHONE)

    def goto(self, url):
        self.firefox.command(
            "browsingContext.navigate", context=self.context, url=url, wait="complete"
        )

    def _element(self, selector: str) -> dict:
        found = self.firefox.command(
            "script.evaluate",
            target={"context": self.context},
            awaitPromise=False,
            expression=f"document.querySelector({json.dumps(selector)})",
        )["result"]
        assert found["type"] == "node", f"no element matches {selector}"
        return {"sharedId": found["sharedId"]}

    def _act(self, *sources) -> None:
        self.firefox.command("input.performActions", context=self.context, actions=list(sources))

    def click(self, selector):
        self.evaluate(
            f"document.querySelector({json.dumps(selector)}).scrollIntoView({{block: 'center'}})"
        )
        element = self._element(selector)
        self._act(
            {
                "type": "pointer",
                "id": "mouse",
                "parameters": {"pointerType": "mouse"},
                "actions": [
                    {
                        "type": "pointerMove",
                        "x": 0,
                        "y": 0,
                        "origin": {"type": "element", "element": element},
                    },
                    {"type": "pointerDown", "button": 0},
                    {"type": "pointerUp", "button": 0},
                ],
            }
        )

    def fill(self, selector, text):
        self.evaluate(
            f"(() => {{ const field = document.querySelector({json.dumps(selector)}); "
            "field.focus(); field.select(); })()"
        )
        keys = text or "\ue003"  # Backspace empties the field
        self._act(
            {
                "type": "key",
                "id": "keyboard",
                "actions": [
                    action
                    for key in keys
                    for action in (
                        {"type": "keyDown", "value": key},
                        {"type": "keyUp", "value": key},
                    )
                ],
            }
        )

    def choose(self, selector, value):
        # What Playwright's select_option does: pick the option, then fire input and change.
        self.evaluate(f"""(() => {{ const field = document.querySelector({json.dumps(selector)});
            field.focus(); field.value = {json.dumps(value)};
            field.dispatchEvent(new Event('input', {{bubbles: true}}));
            field.dispatchEvent(new Event('change', {{bubbles: true}})); }})()""")

    def evaluate(self, expression):
        answer = self.firefox.command(
            "script.evaluate",
            target={"context": self.context},
            awaitPromise=True,
            expression=f"(async () => JSON.stringify(await ({expression})))()",
        )
        if answer["type"] == "exception":
            raise RuntimeError(f"{expression}: {answer['exceptionDetails']['text']}")
        result = answer["result"]
        return json.loads(result["value"]) if result["type"] == "string" else None

    def go_offline(self):
        self.firefox.command(
            "emulation.setNetworkConditions",
            networkConditions={"type": "offline"},
            userContexts=[self.user_context],
        )

    def errors(self):
        # A page left while it still loads a file (the icon, edition.json: read after `load`)
        # abandons that load; if the service worker was answering it, Firefox logs "A ServiceWorker
        # intercepted the request and encountered an unexpected error" as it drops the answer
        # (FetchEventOpChild's BodyComplete), even with the three-line worker of svgomg. Nothing
        # failed but the page's leaving: only loads that the page itself gave up are not errors.
        abandoned = self.firefox.abandoned_by_context.get(self.context, set())
        seen = self.firefox.errors_by_context.get(
            self.context, []
        ) + self.firefox.errors_by_context.get(None, [])
        return [
            error
            for error in seen
            if not ((match := ABANDONED.search(error)) and match.group(1) in abandoned)
        ]

    def close(self):
        self.firefox.command("browsingContext.close", context=self.context)
        self.firefox.command("browser.removeUserContext", userContext=self.user_context)
