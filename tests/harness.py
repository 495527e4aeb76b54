"""Browser-test harness: a built site on a local server, Chromium, and a watch on what pages do.

Plain Python, no pytest: bench/ uses it too. What cannot start (no Chromium, no nginx, nginx
refusing deploy/nginx.conf) raises HarnessError with what to do; a test shows it as its failure.

Chromium: $CORNER_CHROMIUM if set, else Playwright's own browser if installed, else Debian's
/usr/bin/chromium (what `make test` installs). nginx: $CORNER_NGINX if set, else `nginx` on the
PATH, else Debian's /usr/sbin/nginx (what `make test` installs).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from corner.commands import build as pipeline
from corner.preview.session import PreviewSession
from corner.server import make_server, serve_in_background
from support import DEFAULT_CONTENT, ROOT

BASE_URL = "/corner/"
LAUNCH_ARGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update"]
# The servers a site can be served by: ours (`build.py serve`) and nginx with deploy/nginx.conf.
SERVERS = ["dev server", "nginx"]
NGINX_SERVER_BLOCK = ROOT / "deploy/nginx.conf"
NGINX_SERVER_NAME = "corner.example.org"  # deploy/nginx.conf's example name, kept in the tests
NGINX_START_SECONDS = 30
NGINX_LISTENING = (
    "getrlimit(RLIMIT_NOFILE)"  # the last line nginx logs as it starts, once it listens
)


class HarnessError(Exception):
    """A browser, server or tool the tests need is missing or did not start; the message says what
    to do."""


def chromium_executable(playwright) -> str:
    explicit = os.environ.get("CORNER_CHROMIUM")
    if explicit:
        return explicit
    own = playwright.chromium.executable_path
    if own and Path(own).is_file():
        return own
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    raise HarnessError(
        "No Chromium found: run `make test` (installs Debian's chromium) or set CORNER_CHROMIUM"
    )


def launch_chromium(playwright, args: tuple[str, ...] = (), **options):
    """Chromium as the tests and benchmarks run it: headless, quiet, unsandboxed only as root (its
    sandbox refuses to run as root)."""
    sandbox = ["--no-sandbox"] if os.geteuid() == 0 else []
    return playwright.chromium.launch(
        executable_path=chromium_executable(playwright),
        args=[*sandbox, *LAUNCH_ARGS, *args],
        **options,
    )


def nginx_executable() -> str:
    found = os.environ.get("CORNER_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).is_file():
        raise HarnessError(
            "nginx not found: the tests also serve the build with nginx and deploy/nginx.conf. "
            "Run `make test` (installs Debian's nginx-light), or `sudo apt-get install "
            "nginx-light`, or set CORNER_NGINX=/path/to/nginx"
        )
    return found


class DevServer:
    """corner/server.py in a daemon thread, on a free port."""

    def __init__(self, out_dir: Path):
        self.server = make_server(out_dir, BASE_URL)
        serve_in_background(self.server)
        self.port = self.server.server_address[1]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# nginx's own configuration around the shipped server block: one process as the tests' user (it
# must read their private temporary folders), every file it writes in its own folder, and its log
# (notices included: the one saying it listens) on its standard error, which the tests read.
NGINX_MAIN = """\
daemon off;
master_process off;
pid "{folder}/nginx.pid";
error_log stderr notice;
events {{ worker_connections 1024; }}
http {{
    access_log "{folder}/access.log";
    client_body_temp_path "{folder}/client_body";
    proxy_temp_path "{folder}/proxy";
    fastcgi_temp_path "{folder}/fastcgi";
    uwsgi_temp_path "{folder}/uwsgi";
    scgi_temp_path "{folder}/scgi";
    include "{folder}/corner.conf";
}}
"""


def nginx_server_block(ports: NginxPorts, docroot: Path, certificate: Path, key: Path) -> str:
    """deploy/nginx.conf as shipped, with the test's ports, folder and certificate in place of the
    example's. The app is served over TLS as shipped, and over plain http on one more port, for the
    browsers (a service worker needs https or localhost; the test certificate is not trusted)."""
    text = NGINX_SERVER_BLOCK.read_text("utf-8").replace("/corner", BASE_URL.rstrip("/"))
    letsencrypt = "/etc/letsencrypt/live/corner.example.org"
    plain = f"listen 127.0.0.1:{ports.plain};"
    for example, ours in {
        "listen 80;": f"listen 127.0.0.1:{ports.redirect};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{ports.tls} ssl http2;\n    {plain}",
        "root /var/www/corner.example.org;": f'root "{docroot}";',
        f"ssl_certificate {letsencrypt}/fullchain.pem;": f'ssl_certificate "{certificate}";',
        f"ssl_certificate_key {letsencrypt}/privkey.pem;": f'ssl_certificate_key "{key}";',
    }.items():
        assert text.count(example) == 1, f"deploy/nginx.conf no longer has exactly one `{example}`"
        text = text.replace(example, ours)
    return text


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for the example's name and 127.0.0.1, and its key."""
    openssl = shutil.which("openssl")
    if not openssl:
        raise HarnessError(
            "openssl not found: the nginx tests serve TLS with a certificate of their own. "
            "Run `make test` (installs Debian's openssl) or `sudo apt-get install openssl`"
        )
    certificate, key = folder / "certificate.pem", folder / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={NGINX_SERVER_NAME}",
            "-addext",
            f"subjectAltName=DNS:{NGINX_SERVER_NAME},IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class NginxPorts:
    plain: int = field(default_factory=free_port)  # the app over http, for the browsers
    tls: int = field(default_factory=free_port)  # the app over https, as shipped
    redirect: int = field(default_factory=free_port)  # the shipped http → https block


class Nginx:
    """nginx serving docroot (the build is docroot/corner/) with deploy/nginx.conf, on free ports.

    Ready when it says so: nginx binds and listens on every port of its configuration, then logs
    its version and limits (ngx_os_status in src/core/nginx.c main(), after ngx_init_cycle). Its
    log goes to a pipe read line by line, so the tests wait for that line, or for nginx to exit,
    never for a clock. Everything it logs is also kept in error.log in its folder."""

    def __init__(self, docroot: Path, folder: Path):
        folder.mkdir(parents=True)
        self.ports = NginxPorts()
        self.port = self.ports.plain
        self.error_log = folder / "error.log"
        self.certificate, key = make_certificate(folder)
        (folder / "corner.conf").write_text(
            nginx_server_block(self.ports, docroot, self.certificate, key), "utf-8"
        )
        (folder / "nginx.conf").write_text(NGINX_MAIN.format(folder=folder), "utf-8")
        self.process = subprocess.Popen(
            [
                nginx_executable(),
                "-p",
                str(folder),
                "-c",
                str(folder / "nginx.conf"),
                "-e",
                "stderr",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
        )
        self.listens, self.started = False, threading.Event()
        threading.Thread(target=self._keep_log, daemon=True).start()
        if not self.started.wait(NGINX_START_SECONDS) or not self.listens:
            self.stop()
            raise HarnessError(
                "nginx did not start with deploy/nginx.conf:\n" + self.error_log.read_text("utf-8")
            )

    def _keep_log(self) -> None:
        """Copy nginx's log into error.log until it exits; say when it listens, or has ended
        without."""
        with open(self.error_log, "a", encoding="utf-8") as log:
            for line in self.process.stderr:
                log.write(line)
                log.flush()
                if NGINX_LISTENING in line:
                    self.listens = True
                    self.started.set()
        self.started.set()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@dataclass
class Site:
    """A build of some content, served on 127.0.0.1 under BASE_URL."""

    content_dir: Path
    out_dir: Path
    server: DevServer | Nginx = field(repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}{BASE_URL}"

    def rebuild(self) -> None:
        pipeline.build(self.content_dir, self.out_dir, BASE_URL)

    def stop(self) -> None:
        """Cut the network for real: nothing answers at this address any more."""
        self.server.stop()


def start_site(folder: Path, content: Path = DEFAULT_CONTENT, server: str = "dev server") -> Site:
    """Build content into folder and serve it with the named server (one of SERVERS)."""
    content_dir = folder / "content"
    shutil.copytree(content, content_dir)
    if server == "nginx":
        docroot = folder / "www"  # the build lives in the folder named like the base path
        out_dir = docroot / BASE_URL.strip("/")
        pipeline.build(content_dir, out_dir, BASE_URL)
        return Site(content_dir, out_dir, Nginx(docroot, folder / "nginx"))
    out_dir = folder / "dist"
    pipeline.build(content_dir, out_dir, BASE_URL)
    return Site(content_dir, out_dir, DevServer(out_dir))


class Preview:
    """The live preview (`build.py serve`) of a copy of content, in this process, on a free port (or
    the one given), with its watcher running: tests wait on what pages show, never on a clock."""

    def __init__(self, folder: Path, content: Path = DEFAULT_CONTENT, port: int = 0):
        self.content_dir = folder / "content"
        shutil.copytree(content, self.content_dir)
        self.session = PreviewSession(self.content_dir, BASE_URL, port=port)
        self.session.rebuild()
        self.session.start()
        watching = threading.Event()
        self.outcomes = []
        self.thread = threading.Thread(
            target=self.session.watch,
            daemon=True,
            args=(lambda outcome, changed: self.outcomes.append(outcome),),
            kwargs={"step_ms": 20, "ready": watching.set},
        )
        self.thread.start()
        if not watching.wait(30):
            raise HarnessError("the preview's watcher did not start within 30 s")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.session.address[1]}{BASE_URL}"

    def stop(self) -> None:
        self.session.stop()
        self.thread.join(timeout=30)


def leaves_the_machine(url: str) -> bool:
    """Whether a request for url goes to another host than 127.0.0.1 (data: and blob: go
    nowhere)."""
    address = urlsplit(url)
    return address.scheme in ("http", "https", "ws", "wss") and address.hostname != "127.0.0.1"


class Watch:
    """Every request a browser context makes to another host than 127.0.0.1, and every script
    error or console error it sees, in the order they happened."""

    FOREIGN = "request to another host: "

    def __init__(self, context):
        self.seen: list[str] = []
        context.on(
            "request",
            lambda request: (
                leaves_the_machine(request.url) and self.seen.append(self.FOREIGN + request.url)
            ),
        )
        context.on("weberror", lambda error: self.seen.append(f"page error: {error.error}"))
        context.on(
            "console",
            lambda message: (
                message.type == "error" and self.seen.append(f"console: {message.text}")
            ),
        )

    def problems(self, expected_errors=()) -> list[str]:
        """What it saw, but errors containing one of expected_errors (never a foreign request)."""
        return [
            seen
            for seen in self.seen
            if seen.startswith(self.FOREIGN)
            or not any(allowed in seen for allowed in expected_errors)
        ]


@contextlib.contextmanager
def watched_context(browser, **options):
    """A new browser context with a Watch (context.watch), closed however the block ends; then
    HarnessError if a page left 127.0.0.1 or logged an error: what it measured is not the app's."""
    context = browser.new_context(**options)
    context.watch = Watch(context)
    try:
        yield context
    finally:
        context.close()
    if problems := context.watch.problems():
        raise HarnessError("pages left 127.0.0.1 or logged errors:\n" + "\n".join(problems))
