"""Serving a finished build as a correctly configured web host would, on this computer.

`serve --built` runs it; the live preview's server (preview/server.py) is this one with a reload
channel; tests and benchmarks serve their builds with it. deploy/nginx.conf is the same host for
the web.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

from .errors import CornerError
from .security import SECURITY_HEADERS

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
        # would be answered 304 Not Modified, and the browser would miss the new service worker
        # (RFC 9110 §8.8.2.2: a date validator cannot tell two changes within one second apart,
        # https://www.rfc-editor.org/rfc/rfc9110#section-8.8.2.2). This server is for one
        # computer: always sending the file costs nothing.
        del self.headers["If-Modified-Since"]
        return super().send_head()

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        return super().translate_path("/" + clean[len(self.base_url) :])

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


def make_server(
    directory: Path, base_url: str, host: str = "127.0.0.1", port: int = 0
) -> SiteServer:
    """A ready-to-run server for directory at http://host:port{base_url} (port 0: any free
    port)."""
    return SiteServer(
        (host, port), partial(SiteHandler, directory=str(directory), base_url=base_url)
    )


def serve_in_background(server: SiteServer) -> threading.Thread:
    """Run the server in a daemon thread (tests and benchmarks); stop it with server.shutdown()."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


def listen_address(host: str) -> str:
    """host, if it is an IPv4 address (or localhost) the server can listen on."""
    if host == "localhost":
        return "127.0.0.1"
    try:
        return str(ipaddress.IPv4Address(host))
    except ValueError:
        raise CornerError(
            f"--host must be an IPv4 address of this computer, such as 127.0.0.1 "
            f"(this computer only) or 0.0.0.0 (every network it is on), "
            f"not {host!r}"
        ) from None


def open_server(
    directory: Path, base_url: str, host: str, port: int, handler=SiteHandler, **options
) -> SiteServer:
    """A server for directory at http://host:port{base_url}; a busy port or a foreign address is
    a clean error."""
    try:
        return SiteServer(
            (listen_address(host), port),
            partial(handler, directory=str(directory), base_url=base_url, **options),
        )
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise CornerError(
                f"port {port} is already in use; try --port 0 or another number"
            ) from None
        if error.errno == errno.EADDRNOTAVAIL:
            raise CornerError(
                f"cannot serve on {host}: it is not an address of this computer; "
                "try 127.0.0.1, or 0.0.0.0 for every network"
            ) from None
        raise CornerError(f"cannot serve on {host} port {port}: {error.strerror}") from None
