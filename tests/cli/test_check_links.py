"""check-links against a local server answering every case: what an editor reads, where, and the
exit status."""

from __future__ import annotations

import copy
import json
import re
import signal
import subprocess
import sys

import pytest

from corner.commands import check_links as links
from corner.commands import check_links_http as linkcheck
from link_server import LinkServer
from support import ROOT, SMALL_CONTENT, write_content
from support import run_cli as run

SITE = "content/site.json"
TIP_LINE = "content/resources/tip-line.json"
TIP_FORM = "content/resources/tip-form.json"
DNS_URL = "http://corner-check-links.invalid/page"  # .invalid never resolves (RFC 6761)
SUMMARY = re.compile(
    r"^(Error: )?(\d+ of )?\d+ links checked \(\d+ host\(s\)\) in \d+\.\d s: \d+ error\(s\), \d+ "
    r"warning\(s\)$"
)


@pytest.fixture
def server():
    link_server = LinkServer()
    yield link_server
    link_server.stop()


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    """Retry 5xx after 10 ms (not 1 s), and wait at most 50 ms of a 429's Retry-After: 1."""
    monkeypatch.setattr(links, "BACKOFF", 0.01)
    monkeypatch.setattr(links, "MAX_RETRY_AFTER", 0.05)


def fact(url: str) -> dict:
    return {"text": "A fact.", "source": {"url": url, "as_of": "2026-11"}}


def content_linking_to(
    tmp_path, monkeypatch, site_url: str, facts: list[str], source: str, contact: str, form: str
):
    """SMALL_CONTENT in ./content, its addresses replaced: the publisher's, one fact per address,
    the sources."""
    monkeypatch.chdir(tmp_path)
    files = copy.deepcopy(SMALL_CONTENT)
    files["site.json"]["publisher"]["url"] = site_url
    tip_line = files["resources/tip-line.json"]
    tip_line["body"] = [fact(url) for url in facts]
    tip_line["source"]["url"] = source
    tip_line["contacts"][0]["source"]["url"] = contact
    files["resources/tip-form.json"]["source"] = {"url": form, "as_of": "2026-11-28"}
    return write_content(tmp_path / "content", files)


CASES = [
    "/found",
    "/moved-308",
    "/gone",
    "/forbidden",
    "/flaky",
    "/broken",
    "/busy",
    "/no-head",
    "/hang",
    "closed",
    "dns",
    "tls",
    "/loop",
    "/missing#contacts",
]


def every_case(server: LinkServer) -> list[str]:
    special = {
        "closed": server.closed_url + "/",
        "dns": DNS_URL,
        "tls": server.url.replace("http:", "https:") + "/ok",
    }
    return [special.get(case, server.url + case) for case in CASES]


def fact_at(index: int) -> str:
    """Where the address of body fact `index` stands (each fact takes seven lines as written)."""
    return f"{TIP_LINE}:{10 + 7 * index}:16: $.body[{index}].source.url"


@pytest.fixture
def content(tmp_path, monkeypatch, server):
    return content_linking_to(
        tmp_path,
        monkeypatch,
        server.url + "/moved",
        every_case(server),
        source=server.url + "/ok",
        contact=server.url + "/missing",
        form=server.url + "/missing",
    )


def test_every_case_is_reported_where_the_address_is_used(content, server):
    result = run("check-links", "--content", "content", "--timeout", "0.5")
    base, closed = server.url, server.closed_url
    lines = result.output.splitlines()
    assert lines[:-1] == [
        f"{TIP_FORM}:10:12: $.source.url: {base}/missing: 404 Not Found: the page does not exist",
        f"{fact_at(0)}: warning: {base}/found: redirects (302, temporary) to {base}/ok",
        f"{fact_at(1)}: warning: {base}/moved-308: moved permanently (308) to {base}/ok; update "
        "the content",
        f"{fact_at(2)}: {base}/gone: 410 Gone: the page was removed",
        f"{fact_at(3)}: {base}/forbidden: 403 Forbidden",
        f"{fact_at(5)}: {base}/broken: 500 Internal Server Error: the server failed 3 tries",
        f"{fact_at(8)}: {base}/hang: no answer within 0.5 s",
        f"{fact_at(9)}: {closed}/: connection refused",
        f"{fact_at(10)}: {DNS_URL}: host name corner-check-links.invalid not found (DNS: Name or "
        "service not known)",
        f"{fact_at(11)}: {base.replace('http:', 'https:')}/ok: TLS handshake failed "
        "(WRONG_VERSION_NUMBER)",
        f"{fact_at(12)}: {base}/loop: more than 10 redirects (a redirect loop?)",
        f"{fact_at(13)}: {base}/missing: 404 Not Found: the page does not exist",
        f"{TIP_LINE}:121:16: $.contacts[0].source.url: {base}/missing: 404 Not Found: the page "
        "does not exist",
        f"{SITE}:14:12: $.publisher.url: warning: {base}/moved: moved permanently (301) to "
        f"{base}/ok; update the content",
    ]
    assert SUMMARY.match(lines[-1]) and lines[-1].startswith(
        "Error: 16 links checked (2 host(s)) in "
    )
    assert lines[-1].endswith(": 11 error(s), 3 warning(s)")
    assert result.exit_code == 1


def test_each_address_is_asked_once_head_first_then_get_only_where_head_fails(content, server):
    run("check-links", "--content", "content", "--timeout", "0.5")
    assert (
        server.asked("/ok") == ["HEAD"] * 4
    )  # once for itself, once after each of the 3 redirects to it
    assert server.asked("/moved") == ["HEAD"] and server.asked("/found") == ["HEAD"]
    assert server.asked("/hang") == ["HEAD"]  # a timeout is not tried again with GET
    assert server.asked("/missing") == [
        "HEAD",
        "GET",
    ]  # used three times, #fragment included; an error is confirmed by GET
    assert server.asked("/no-head") == ["HEAD", "GET"]
    assert server.asked("/flaky") == [
        "HEAD",
        "GET",
        "HEAD",
    ]  # 500 twice, then a retry after the backoff: 200
    assert server.asked("/broken") == ["HEAD", "GET"] * 3


def test_a_429_is_tried_again_after_the_wait_it_asks_for(content, server):
    run("check-links", "--content", "content", "--timeout", "0.5")
    asked = [when for when, _, path, _ in server.requests if path == "/busy"]
    assert len(asked) == 2 and asked[1] - asked[0] >= 0.045  # Retry-After: 1, bounded to 50 ms here


def test_the_user_agent_says_what_is_asking_and_why(content, server):
    run("check-links", "--content", "content", "--timeout", "0.5")
    assert {agent for _, _, _, agent in server.requests} == {linkcheck.USER_AGENT}
    assert (
        linkcheck.USER_AGENT.startswith("Corner-check-links/")
        and "source pages" in linkcheck.USER_AGENT
    )


def working_content(tmp_path, monkeypatch, server, publisher: str):
    ok = server.url + "/ok"
    return content_linking_to(
        tmp_path, monkeypatch, publisher, [ok, server.url + "/no-head"], ok, ok, ok
    )


def test_redirects_alone_pass_unless_strict(tmp_path, monkeypatch, server):
    working_content(tmp_path, monkeypatch, server, server.url + "/moved")
    result = run("check-links", "--content", "content")
    assert result.exit_code == 0
    assert (
        result.output.splitlines()[0]
        == f"{SITE}:14:12: $.publisher.url: warning: {server.url}/moved: moved permanently (301) "
        f"to {server.url}/ok; update the content"
    )
    assert re.match(
        r"^3 links checked \(1 host\(s\)\) in \d+\.\d s: 0 error\(s\), 1 warning\(s\)$",
        result.output.splitlines()[1],
    )
    assert run("check-links", "--content", "content", "--strict").exit_code == 1


def test_links_that_all_work_exit_0(tmp_path, monkeypatch, server):
    working_content(tmp_path, monkeypatch, server, server.url + "/ok")
    result = run("check-links", "--content", "content")
    assert result.exit_code == 0
    assert re.match(
        r"^2 links checked \(1 host\(s\)\) in \d+\.\d s: 0 error\(s\), 0 warning\(s\)\n$",
        result.output,
    )


def test_github_and_json_formats(content, server):
    github = run("check-links", "--content", "content", "--timeout", "0.5", "--format", "github")
    assert (
        f"::error file={TIP_FORM},line=10,col=12::$.source.url: {server.url}/missing: 404 Not "
        "Found: the page does not exist" in github.stdout.splitlines()
    )
    assert (
        f"::warning file={SITE},line=14,col=12::$.publisher.url: {server.url}/moved: moved "
        f"permanently (301) to {server.url}/ok; update the content" in github.stdout.splitlines()
    )
    assert github.exit_code == 1 and SUMMARY.match(github.stderr.strip())
    as_json = run("check-links", "--content", "content", "--timeout", "0.5", "--format", "json")
    found = json.loads(as_json.stdout)
    assert found[0] == {
        "file": TIP_FORM,
        "line": 10,
        "column": 12,
        "path": "$.source.url",
        "message": f"{server.url}/missing: 404 Not Found: the page does not exist",
        "severity": "error",
    }
    assert [item["severity"] for item in found].count("warning") == 3 and len(found) == 14
    assert as_json.exit_code == 1 and SUMMARY.match(as_json.stderr.strip())


def test_no_network_is_said_once_not_once_per_link(tmp_path, monkeypatch):
    elsewhere = "http://corner-check-links-2.invalid/"
    content_linking_to(
        tmp_path, monkeypatch, DNS_URL, [DNS_URL, elsewhere], DNS_URL, elsewhere, DNS_URL
    )
    result = run("check-links", "--content", "content")
    assert result.output == (
        "Error: cannot reach any of the 2 host(s) the content links to (host name "
        "corner-check-links-2.invalid not found (DNS: Name or service not known)): "
        "is this computer offline? No link was checked.\n"
    )
    assert result.exit_code == 1


def test_content_with_errors_is_not_checked(content):
    (content / "resources/tip-form.json").write_text("{")
    result = run("check-links", "--content", "content")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "Error: 1 error(s), 0 warning(s); no link was checked"


def test_ctrl_c_stops_cleanly_with_what_was_checked(tmp_path, monkeypatch, server):
    ok = server.url + "/ok"
    content_linking_to(
        tmp_path,
        monkeypatch,
        ok,
        [server.url + "/hang", server.url + "/found"],
        ok,
        ok,
        server.url + "/missing",
    )
    # One request at a time, in file order (tip-form.json, then tip-line.json): once /hang is asked,
    # /missing has its verdict.
    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "check-links",
        "--content",
        "content",
        "--timeout",
        "60",
        "--concurrency",
        "1",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.server.hanging.wait(timeout=30), "check-links never asked /hang"
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert stdout == ""
    lines = stderr.splitlines()
    assert (
        lines[0]
        == f"{TIP_FORM}:10:12: $.source.url: {server.url}/missing: 404 Not Found: the page does "
        "not exist"
    )
    assert re.match(
        r"^Error: stopped by Ctrl\+C: 1 of 4 links checked \(1 host\(s\)\) in \d+\.\d s: 1 "
        r"error\(s\), 0 warning\(s\)$",
        lines[1],
    ), stderr
    assert len(lines) == 2 and process.returncode == 1


def test_content_without_web_addresses_has_nothing_to_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = copy.deepcopy(SMALL_CONTENT)
    for field in ("body", "source", "contacts"):
        del files["resources/tip-line.json"][field]
    write_content(tmp_path / "content", files)
    result = run("check-links", "--content", "content")
    assert (result.exit_code, result.output) == (
        0,
        "The content links to no web address: nothing to check.\n",
    )
