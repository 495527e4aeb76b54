"""nginx with deploy/nginx.conf, as shipped: headers on every answer, precompressed files, 404s,
offline."""

from __future__ import annotations

import http.client
import re
import ssl
from urllib.parse import urlsplit

import pytest

from corner.security import CONTENT_SECURITY_POLICY
from corner.security import SECURITY_HEADERS as SECURITY
from harness import BASE_URL, NGINX_SERVER_NAME, DevServer, Site, start_site
from support import search_results, wait_until_offline_ready

SECURITY_HEADERS = {**SECURITY, "Cache-Control": "no-cache"}
HSTS = "max-age=63072000"


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    served = start_site(tmp_path_factory.mktemp("nginx"), server="nginx")
    yield served
    served.stop()


@pytest.fixture(scope="module")
def dev_server(nginx):
    """Our own server on the same build, to compare with."""
    served = Site(nginx.content_dir, nginx.out_dir, DevServer(nginx.out_dir))
    yield served
    served.stop()


def fetch(
    site, path: str, accept_encoding: str | None = None
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """GET path (from the server's root) as sent: no redirect followed, no encoding undone."""
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    address = urlsplit(site.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def fetch_tls(site, path: str) -> tuple[int, http.client.HTTPMessage, bytes]:
    """GET path over TLS from the shipped https block, checking its certificate (the test's own)."""
    context = ssl.create_default_context(cafile=site.server.certificate)
    connection = http.client.HTTPSConnection(
        "127.0.0.1", site.server.ports.tls, timeout=10, context=context
    )
    try:
        connection.request("GET", path, headers={"Host": NGINX_SERVER_NAME})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def test_the_security_headers_are_the_policy_each_page_carries():
    assert (
        SECURITY["Content-Security-Policy"] == CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'"
    )
    assert "require-trusted-types-for 'script'; trusted-types corner" in CONTENT_SECURITY_POLICY
    assert {
        SECURITY[name] for name in ("Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy")
    } == {"same-origin"}
    assert SECURITY["X-Frame-Options"] == "DENY"
    denied = dict(item.split("=") for item in SECURITY["Permissions-Policy"].split(", "))
    assert {denied[name] for name in ("camera", "microphone", "geolocation", "usb", "payment")} == {
        "()"
    }
    assert denied["clipboard-write"] == "(self)"  # the copy buttons


def test_chromium_knows_every_feature_the_permissions_policy_denies(context, dev_server):
    page = context.new_page()
    warnings = []  # "Error with Permissions-Policy header: Unrecognized feature" is only a warning
    page.on(
        "console",
        lambda message: "Permissions-Policy" in message.text and warnings.append(message.text),
    )
    page.goto(dev_server.url)
    assert page.evaluate("document.featurePolicy.allowsFeature('camera')") is False
    assert page.evaluate("document.featurePolicy.allowsFeature('clipboard-write')") is True
    assert warnings == []


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (BASE_URL, 200),
        (f"{BASE_URL}sw.js", 200),
        (f"{BASE_URL}resources/hsi-tip-line/", 200),
        (f"{BASE_URL}search-index.json", 200),
        (f"{BASE_URL}assets/icons/icon-192.png", 200),
        (f"{BASE_URL}resources/hsi-tip-line", 301),
        (BASE_URL.rstrip("/"), 301),
        (f"{BASE_URL}no-such-page/", 404),
        (f"{BASE_URL}assets/", 404),
        ("/", 404),
        ("/favicon.ico", 404),
    ],
)
def test_every_answer_carries_the_dev_servers_security_and_cache_headers(
    nginx, dev_server, path, status
):
    answer, headers, _ = fetch(nginx, path, "gzip")
    assert answer == status
    assert {name: headers[name] for name in SECURITY_HEADERS} == SECURITY_HEADERS
    _, ours, _ = fetch(dev_server, path)
    assert {name: ours[name] for name in SECURITY_HEADERS} == SECURITY_HEADERS


@pytest.mark.parametrize(
    ("path", "mime"),
    [
        ("", "text/html; charset=utf-8"),
        ("sw.js", "text/javascript; charset=utf-8"),
        ("manifest.webmanifest", "application/manifest+json"),
        ("search-docs.json", "application/json"),
        ("assets/app.css", "text/css; charset=utf-8"),
        ("assets/icons/icon-192.png", "image/png"),
    ],
)
def test_each_kind_of_file_has_its_type(nginx, path, mime):
    _, headers, _ = fetch(nginx, BASE_URL + path)
    assert headers["Content-Type"] == mime


@pytest.mark.parametrize(
    ("path", "file"),
    [
        ("", "index.html"),
        ("sw.js", "sw.js"),
        ("assets/app.js", "assets/app.js"),
        ("search-index.json", "search-index.json"),
        ("manifest.webmanifest", "manifest.webmanifest"),
    ],
)
def test_a_browser_accepting_gzip_gets_the_precompressed_file_as_it_is(nginx, path, file):
    _, headers, body = fetch(nginx, BASE_URL + path, "gzip, deflate, br")
    assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
    assert body == (nginx.out_dir / f"{file}.gz").read_bytes()
    _, headers, body = fetch(nginx, BASE_URL + path)
    assert headers["Content-Encoding"] is None and body == (nginx.out_dir / file).read_bytes()


def test_pictures_are_sent_as_they_are(nginx):
    _, headers, body = fetch(nginx, f"{BASE_URL}assets/icons/icon-192.png", "gzip")
    assert (
        headers["Content-Encoding"] is None
        and body == (nginx.out_dir / "assets/icons/icon-192.png").read_bytes()
    )


@pytest.mark.parametrize(
    "path",
    [f"{BASE_URL}no-such-page/", f"{BASE_URL}resources/nope", "/", "/cornerstone/", "/favicon.ico"],
)
def test_unknown_addresses_get_the_404_page(nginx, path):
    status, _, body = fetch(nginx, path)
    assert status == 404 and body == (nginx.out_dir / "404.html").read_bytes()


@pytest.mark.parametrize(
    ("folder", "page"),
    [
        ("", "index.html"),
        ("sections/", "sections/index.html"),  # the page of every section
        ("assets/", "404.html"),  # a folder without index.html is an unknown address
        ("assets/icons/", "404.html"),
        ("resources/", "404.html"),
        ("resource-pages/", "404.html"),
    ],
)
def test_folders_are_never_listed(nginx, folder, page):
    status, _, body = fetch(nginx, BASE_URL + folder)
    assert status == (404 if page == "404.html" else 200)
    assert body == (nginx.out_dir / page).read_bytes() and b"Index of" not in body


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (BASE_URL, 200),
        (f"{BASE_URL}sw.js", 200),
        (f"{BASE_URL}resources/hsi-tip-line", 301),
        (f"{BASE_URL}no-such-page/", 404),
        ("/", 404),
    ],
)
def test_the_https_block_answers_with_hsts_and_the_same_headers(nginx, path, status):
    answer, headers, _ = fetch_tls(nginx, path)
    assert answer == status
    assert headers["Strict-Transport-Security"] == HSTS
    assert {name: headers[name] for name in SECURITY_HEADERS} == SECURITY_HEADERS


def test_the_https_block_serves_the_build_as_built(nginx):
    status, _, body = fetch_tls(nginx, f"{BASE_URL}search/")
    assert status == 200 and body == (nginx.out_dir / "search/index.html").read_bytes()


@pytest.mark.parametrize(
    "path", [f"{BASE_URL}search/?q=lesc", "/", f"{BASE_URL}resources/hsi-tip-line"]
)
def test_plain_http_is_redirected_to_the_same_address_over_https(nginx, path):
    address = urlsplit(nginx.url)
    connection = http.client.HTTPConnection(
        address.hostname, nginx.server.ports.redirect, timeout=10
    )
    try:
        connection.request("GET", path, headers={"Host": NGINX_SERVER_NAME})
        response = connection.getresponse()
        assert response.status == 301
        assert response.headers["Location"] == f"https://{NGINX_SERVER_NAME}{path}"
    finally:
        connection.close()


def test_an_address_without_its_slash_is_redirected_relative_to_the_server(nginx):
    status, headers, _ = fetch(nginx, f"{BASE_URL}resources/hsi-tip-line")
    assert status == 301 and headers["Location"] == f"{BASE_URL}resources/hsi-tip-line/"
    status, headers, _ = fetch(nginx, BASE_URL.rstrip("/"))
    assert status == 301 and headers["Location"] == BASE_URL


def test_one_visit_through_nginx_then_pages_and_search_work_with_nginx_stopped(context, tmp_path):
    site = start_site(tmp_path, server="nginx")
    try:
        page = context.new_page()
        response = page.goto(site.url)
        assert (
            response.headers["content-encoding"] == "gzip"
        )  # the precompressed copy, checked by hash
        wait_until_offline_ready(page)
    finally:
        site.stop()
    with pytest.raises(ConnectionError):
        fetch(site, BASE_URL)
    context.set_offline(True)
    pages = sorted(
        path.relative_to(site.out_dir).as_posix() for path in site.out_dir.rglob("index.html")
    )
    assert len(pages) >= 30
    for path in pages:
        response = page.goto(site.url + path.removesuffix("index.html"))
        assert response.ok and response.from_service_worker, path
        assert response.body() == (site.out_dir / path).read_bytes(), path
    page.goto(site.url + "search/")
    assert search_results(page, "lesc") == [f"{BASE_URL}resources/law-enforcement-support-center/"]
    page.goto(site.url + "search/?q=287g")
    page.locator("#search-status", has_text="“287g”").wait_for()
    page.click(".result-list li > a")
    page.wait_for_url(re.compile(r"/resources/287g-program/$"))
    assert page.text_content("h1") == "287g Program"
