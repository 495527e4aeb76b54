"""Browser contexts and engine tabs for the end-to-end tests: each watched, traced, closed in the
end.

As playwright-pytest's `new_context` fixture: tests/e2e/conftest.py makes one `Contexts` for each
test (or for a module's shared page) and calls finish() when it ends, however it ends. Every
context gets a Watch: the test fails if a page requested another host than 127.0.0.1 or logged a
script or console error it did not declare (`context.expected_errors`). Every context is traced
(https://playwright.dev/python/docs/trace-viewer); the trace is kept, in
test-results/<test id>/trace.zip, only when the test failed: `playwright show-trace` opens it.
`Tabs` does the same for tabs of any engine (tests/engines).
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from hashlib import sha256
from pathlib import Path

from harness import Watch
from support import ROOT

TRACES = ROOT / "test-results"


def trace_folder(test_id: str) -> Path:
    """test-results/<test id, as a file name>/."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", test_id).strip("-")
    if len(name) > 150:
        name = f"{name[:70]}-{sha256(name.encode()).hexdigest()[:8]}-{name[-70:]}"
    return TRACES / name


class Contexts:
    """Makes browser contexts (`contexts(**options)`, Playwright's new_context options) for one
    test."""

    def __init__(self, browser, test_id: str):
        self.browser, self.test_id = browser, test_id
        self.opened: list = []
        self.early: dict = {}  # context → trace of a context the test closed itself, until finish()
        self.closers: dict = {}  # context → its own close(), which the test's close() calls last
        self.scratch: tempfile.TemporaryDirectory | None = None

    def __call__(self, **options):
        context = self.browser.new_context(**options)
        context.watch = Watch(context)
        # A test that makes a page log an error on purpose names it here.
        context.expected_errors = []
        # DOM snapshots of each action, no screencast: on the suite's shared two cores, tracing so
        # costs about a fifth more CPU (test_accessibility.py: 72 s against 60 s; 78 s with frames).
        context.tracing.start(title=self.test_id, screenshots=False, snapshots=True)
        self.closers[context] = context.close

        def close_and_keep_trace(
            **arguments,
        ) -> None:  # the trace must stop before the context closes
            if context not in self.early:
                self.scratch = self.scratch or tempfile.TemporaryDirectory(prefix="corner-traces-")
                self.early[context] = Path(self.scratch.name) / f"{len(self.early)}.zip"
                context.tracing.stop(path=self.early[context])
                self.closers[context](**arguments)

        context.close = close_and_keep_trace
        self.opened.append(context)
        return context

    def finish(self, failed: bool) -> list[str]:
        """Close every context, keeping their traces if the test failed or a Watch saw a problem;
        the problems the Watches saw, up to the close."""
        keep = failed or bool(self._problems())
        folder = trace_folder(self.test_id)
        for old in folder.glob("trace*.zip"):  # of an earlier run
            old.unlink()
        with contextlib.ExitStack() as closing:  # every context closes, even if one fails to
            if self.scratch:
                closing.callback(self.scratch.cleanup)
            for number, context in enumerate(self.opened, 1):
                path = folder / ("trace.zip" if len(self.opened) == 1 else f"trace-{number}.zip")
                closing.callback(self._close, context, path if keep else None)
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        return self._problems()

    def _problems(self) -> list[str]:
        return [
            problem
            for context in self.opened
            for problem in context.watch.problems(context.expected_errors)
        ]

    def _close(self, context, trace: Path | None) -> None:
        if trace:
            trace.parent.mkdir(parents=True, exist_ok=True)
        if context in self.early:
            if trace:
                self.early[context].replace(trace)
            return
        try:
            context.tracing.stop(path=trace)
        finally:
            self.closers[context]()


class Tabs:
    """Opens tabs in one engine (`tabs()`) for one test; each must end with no error it did not
    declare (`tab.expected_errors`). Chromium's tabs are Playwright contexts of `contexts`, which
    watch and trace them."""

    def __init__(self, engine, contexts: Contexts | None):
        self.engine, self.contexts = engine, contexts
        self.opened: list = []

    def __call__(self):
        tab = self.engine.new_tab(self.contexts)
        tab.expected_errors = []
        self.opened.append(tab)
        return tab

    def finish(self) -> list[str]:
        """Close every tab; what they saw that they did not expect (Chromium's: see Contexts)."""
        problems = []
        with contextlib.ExitStack() as closing:  # every tab closes, even if one fails to
            for tab in self.opened:
                closing.callback(tab.close)
                if not tab.watched_by_context:
                    problems += [
                        f"{tab.engine}: {error}"
                        for error in settled_errors(tab)
                        if not any(allowed in error for allowed in tab.expected_errors)
                    ]
        return problems


def settled_errors(tab) -> list[str]:
    """tab.errors() once the page has run the tasks it had queued: a policy violation is reported
    in one, after the script that caused it returned."""
    with contextlib.suppress(Exception):  # a page gone or leaving: what it saw is kept all the same
        tab.evaluate("new Promise((done) => setTimeout(done))")
    return tab.errors()
