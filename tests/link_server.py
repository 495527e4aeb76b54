"""A web server on 127.0.0.1 answering every case check-links must tell apart; nothing leaves the
machine.

/ok 200 · /moved 301, /found 302, /moved-308 308 (each to /ok) · /missing 404 · /gone 410 ·
/forbidden 403 /flaky 500 twice, then 200 · /broken 500 always · /busy 429 (Retry-After: 1) once,
then 200 /no-head 405 to HEAD, 200 to GET · /hang never answers · /loop redirects to itself
/site/<anything> 200, after `latency` seconds (for the benchmark: a real site's paths, served here)
"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REDIRECTS = {"/moved": 301, "/found": 302, "/moved-308": 308}
ERRORS = {"/missing": 404, "/gone": 410, "/forbidden": 403, "/broken": 500}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
    disable_nagle_algorithm = (
        True  # headers and body go in two writes: without this, each answer waits 40 ms for an ACK
    )
    server: _Server

    def log_message(self, *args) -> None:  # quiet: the tests read server.requests instead
        pass

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _send(self, status: int, body: bool, headers: dict | None = None) -> None:
        content = b"ok\n" if body else b""
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(content) if body else 0))
        self.end_headers()
        if body:
            self.wfile.write(content)

    def _answer(self, body: bool) -> None:
        path = self.path.split("?", 1)[0]
        times_asked = self.server.record(self.command, path, self.headers.get("User-Agent", ""))
        if path == "/hang":
            self.server.hanging.set()
            self.server.stopping.wait()
            return
        if path.startswith("/site/"):
            time.sleep(self.server.latency)  # a server's think time plus the way there and back
            return self._send(200, body)
        if path in REDIRECTS:
            return self._send(REDIRECTS[path], body, {"Location": "/ok"})
        if path == "/loop":
            return self._send(302, body, {"Location": "/loop"})
        if path in ERRORS:
            return self._send(ERRORS[path], body)
        if path == "/flaky":
            return self._send(500 if times_asked <= 2 else 200, body)
        if path == "/busy":
            return (
                self._send(429, body, {"Retry-After": "1"})
                if times_asked == 1
                else self._send(200, body)
            )
        if path == "/no-head":
            return self._send(405 if self.command == "HEAD" else 200, body, {"Allow": "GET"})
        self._send(200 if path == "/ok" else 404, body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, port: int, latency: float):
        super().__init__((host, port), _Handler)
        self.latency = latency
        self.requests: list[
            tuple[float, str, str, str]
        ] = []  # (monotonic time, method, path, User-Agent)
        self.lock = threading.Lock()
        self.hanging = threading.Event()  # set once /hang has been asked
        self.stopping = threading.Event()

    def handle_error(self, request, client_address) -> None:
        """Quiet: a client closing a connection early (check-links does, once it has the status) is
        no error here."""

    def record(self, method: str, path: str, user_agent: str) -> int:
        """Note a request; how many times this path has been asked, this one included."""
        with self.lock:
            self.requests.append((time.monotonic(), method, path, user_agent))
            return sum(1 for _, _, asked, _ in self.requests if asked == path)


class LinkServer:
    """The server, running in a daemon thread, and a port where nothing listens (connections are
    refused)."""

    def __init__(self, latency: float = 0.0, host: str = "127.0.0.1", port: int = 0):
        self.server = _Server(host, port, latency)
        self.port = self.server.server_address[1]
        self.url = f"http://{host}:{self.port}"
        # Bound but not listening: a connection there is refused, and no other program can take the
        # port meanwhile.
        self._closed = socket.socket()
        self._closed.bind(("127.0.0.1", 0))
        self.closed_url = f"http://127.0.0.1:{self._closed.getsockname()[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def requests(self) -> list[tuple[float, str, str, str]]:
        with self.server.lock:
            return list(self.server.requests)

    def asked(self, path: str) -> list[str]:
        """The methods of the requests for a path, in order."""
        return [method for _, method, asked, _ in self.requests if asked == path]

    def stop(self) -> None:
        self.server.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        self._closed.close()
