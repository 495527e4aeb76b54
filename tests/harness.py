"""Browser-test harness: a built site on a local server, Chromium, and a watch on what pages do.

Chromium: $CORNER_CHROMIUM if set, else Playwright's own browser if installed, else Debian's
/usr/bin/chromium (what `make test` installs).
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from corner import pipeline
from corner.server import make_server, serve_in_background
from support import DEFAULT_CONTENT

BASE_URL = "/corner/"
LAUNCH_ARGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def chromium_executable(playwright) -> str:
    explicit = os.environ.get("CORNER_CHROMIUM")
    if explicit:
        return explicit
    own = playwright.chromium.executable_path
    if own and Path(own).is_file():
        return own
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    pytest.fail("No Chromium found: run `make test` (installs Debian's chromium) or set CORNER_CHROMIUM")


@dataclass
class Site:
    """A build of some content, served on 127.0.0.1 under BASE_URL."""

    content_dir: Path
    out_dir: Path
    server: object = field(repr=False)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{BASE_URL}"

    def rebuild(self) -> None:
        pipeline.build(self.content_dir, self.out_dir, BASE_URL)

    def stop(self) -> None:
        """Cut the network for real: nothing answers at this address any more."""
        self.server.shutdown()
        self.server.server_close()


def start_site(folder: Path, content: Path = DEFAULT_CONTENT) -> Site:
    content_dir = folder / "content"
    shutil.copytree(content, content_dir)
    out_dir = folder / "dist"
    pipeline.build(content_dir, out_dir, BASE_URL)
    server = make_server(out_dir, BASE_URL)
    serve_in_background(server)
    return Site(content_dir, out_dir, server)


class Watch:
    """Every request a browser context makes and every script error or console error it sees."""

    def __init__(self, context):
        self.requests: list[str] = []
        self.errors: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("weberror", lambda error: self.errors.append(f"page error: {error.error}"))
        context.on("console", lambda message: message.type == "error" and self.errors.append(f"console: {message.text}"))

    def assert_clean(self, expected_errors=()):
        foreign = [url for url in self.requests if urlsplit(url).hostname != "127.0.0.1"]
        assert foreign == [], "requests left the site's origin"
        unexpected = [e for e in self.errors if not any(allowed in e for allowed in expected_errors)]
        assert unexpected == []
