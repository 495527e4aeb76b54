"""A local static server that behaves like a correctly configured web host."""
from __future__ import annotations

import logging
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

from .render import CONTENT_SECURITY_POLICY

log = logging.getLogger(__name__)

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".gz": "application/gzip",  # the precompressed copies, if asked for by name
    ".br": "application/octet-stream",
}


# Powerful features the app never uses, denied to it and to anything that might get into it (the
# names Chromium knows: it warns about others). Copying a phone number (the Copy buttons) is the
# one it uses.
UNUSED_FEATURES = (
    "accelerometer", "autoplay", "browsing-topics", "camera", "clipboard-read", "compute-pressure",
    "display-capture", "encrypted-media", "fullscreen", "gamepad", "geolocation", "gyroscope", "hid",
    "identity-credentials-get", "idle-detection", "local-fonts", "local-network-access", "magnetometer",
    "microphone", "midi", "otp-credentials", "payment", "picture-in-picture", "publickey-credentials-create",
    "publickey-credentials-get", "screen-wake-lock", "serial", "speaker-selection", "storage-access",
    "sync-xhr", "usb", "window-management", "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in UNUSED_FEATURES) + ", clipboard-write=(self)"

# Every answer's headers, as a deployment should send them (deploy/nginx.conf sends the same).
SECURITY_HEADERS = {
    # frame-ancestors works only as a header; the rest is each page's <meta> policy too.
    "Content-Security-Policy": CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",  # a linked site is not told which entry an officer read
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": PERMISSIONS_POLICY,
    # No other site's window keeps a handle on the app's, nor embeds its files or pages.
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
}


class SiteHandler(SimpleHTTPRequestHandler):
    """Serve a build under its base URL, with the headers a deployment should send."""

    extensions_map = MIME_TYPES

    def __init__(self, *args, base_url: str, **kwargs):
        self.base_url = base_url
        super().__init__(*args, **kwargs)

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == "/" and self.base_url != "/":
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", self.base_url)
            self.end_headers()
            return None
        if not (path + "/").startswith(self.base_url) or "\0" in unquote(path):
            self.send_error(HTTPStatus.NOT_FOUND)  # outside the app
            return None
        # Last-Modified counts whole seconds: a build replaced within the second it was served
        # would be answered 304 Not Modified, and the browser would miss the new service worker.
        # This server is for one computer: always sending the file costs nothing.
        del self.headers["If-Modified-Since"]
        return super().send_head()

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        return super().translate_path("/" + clean[len(self.base_url):])

    def list_directory(self, path):
        # A folder without index.html is a missing page, never a listing of files.
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def end_headers(self):
        # The browser must always ask whether the service worker or a page changed; the
        # service worker keeps the offline copy, so HTTP caching adds nothing but stale builds.
        self.send_header("Cache-Control", "no-cache")
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", MIME_TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        log.debug("%s %s", self.address_string(), format % args)


class SiteServer(ThreadingHTTPServer):
    """One thread per connection; a browser that hangs up mid-download is not an error."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            log.debug("%s disconnected", client_address[0])
            return
        super().handle_error(request, client_address)


def make_server(directory: Path, base_url: str, host: str = "127.0.0.1", port: int = 0) -> SiteServer:
    """A ready-to-run server for directory at http://host:port{base_url} (port 0: any free port)."""
    return SiteServer((host, port), partial(SiteHandler, directory=str(directory), base_url=base_url))


def serve_in_background(server: SiteServer) -> threading.Thread:
    """Run the server in a daemon thread (tests and benchmarks); stop it with server.shutdown()."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread
