"""The live preview's server: server.py's handler serving the preview folder, plus the preview's
own files and the reload channel every open page listens to (Server-Sent Events at a path only
the preview has)."""

from __future__ import annotations

import html
import json
import threading
from http import HTTPStatus
from pathlib import Path

from ..server import MIME_TYPES, SiteHandler, SiteServer, open_server
from ..site.assets import PREVIEW_FOLDER, PWA_DIR
from .builder import NO_BUILD

EVENTS = "_preview/events"
# What the preview server answers itself, whatever the build holds: the preview's script and
# style, and its service worker, which saves nothing (pwa/preview/sw.js explains why).
PREVIEW_FILES = {
    "_preview/preview.js": PWA_DIR / PREVIEW_FOLDER / "preview.js",
    "_preview/preview.css": PWA_DIR / PREVIEW_FOLDER / "preview.css",
    "sw.js": PWA_DIR / PREVIEW_FOLDER / "sw.js",
}
# An open connection says something this often, so one whose page has gone is noticed and closed.
KEEPALIVE_SECONDS = 15


class ReloadChannel:
    """What every open preview page is told: the build being served, and the problems of the last
    attempt (none once it succeeded)."""

    def __init__(self):
        self._changed = threading.Condition()
        self._version = 0
        self._state = {"build": NO_BUILD, "problems": []}
        self._closed = False

    @property
    def build(self) -> str:
        return self._state["build"]

    def publish(self, build: str, problems: list[str]) -> None:
        state = {"build": build, "problems": list(problems)}
        with self._changed:
            if state != self._state:
                self._state = state
                self._version += 1
                self._changed.notify_all()

    def next(self, seen: int, timeout: float) -> tuple[int, dict | None] | None:
        """(version, state) once there is a state newer than seen; (seen, None) if timeout passes
        first; None once the channel is closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._version != seen, timeout)
            if self._closed:
                return None
            return (self._version, dict(self._state)) if self._version != seen else (seen, None)

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()


WAITING_PAGE = """<!doctype html>
<html lang="en" data-base="{base}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Live preview: the content has problems</title>
<link rel="stylesheet" href="{base}_preview/preview.css">
<script type="module" src="{base}_preview/preview.js"></script>
</head>
<body>
<main>
<h1>Nothing to preview yet</h1>
<p>The content has problems (they are listed in the terminal, and on this page). This page shows the
preview as soon as they are fixed.</p>
</main>
</body>
</html>
"""


class PreviewHandler(SiteHandler):
    """The preview folder as the dev server serves a build, plus the preview's own answers."""

    def __init__(self, *args, channel: ReloadChannel, **kwargs):
        self.channel = channel
        super().__init__(*args, **kwargs)

    def _relative(self, path: str) -> str | None:
        """The request's path inside the app ('assets/app.js'), or None outside it."""
        clean = path.split("?", 1)[0].split("#", 1)[0]
        return clean[len(self.base_url) :] if clean.startswith(self.base_url) else None

    def do_GET(self):
        if self._relative(self.path) == EVENTS:
            self._send_events()
        else:
            super().do_GET()

    def send_head(self):
        relative = self._relative(self.path)
        own = relative in PREVIEW_FILES
        if self.channel.build == NO_BUILD and relative is not None and not own:
            return self._send_waiting_page()
        return super().send_head()

    def translate_path(self, path: str) -> str:
        own = PREVIEW_FILES.get(self._relative(path) or "")
        return str(own) if own else super().translate_path(path)

    def end_headers(self):
        # Every answer names the build it is from: a page compares it with what the channel says.
        self.send_header("Server-Timing", f'corner-preview;desc="{self.channel.build}"')
        super().end_headers()

    def _send_waiting_page(self):
        body = WAITING_PAGE.format(base=html.escape(self.base_url)).encode("utf-8")
        self.send_response(HTTPStatus.SERVICE_UNAVAILABLE)
        self.send_header("Content-Type", MIME_TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send_events(self):
        """The channel's state now and after every change, until the page goes or the server
        stops."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        self.close_connection = True
        self.wfile.write(b"retry: 1000\n\n")  # after a restart, pages reconnect within a second
        seen = -1
        while (news := self.channel.next(seen, KEEPALIVE_SECONDS)) is not None:
            seen, state = news
            if state is None:
                message = b": still here\n\n"
            else:
                message = b"data: " + json.dumps(state).encode("utf-8") + b"\n\n"
            # A page that has gone raises ConnectionError: SiteServer ignores it.
            self.wfile.write(message)
            self.wfile.flush()


def open_preview_server(
    folder: Path, base_url: str, host: str, port: int, channel: ReloadChannel
) -> SiteServer:
    return open_server(folder, base_url, host, port, PreviewHandler, channel=channel)
