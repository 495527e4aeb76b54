"""check-links' pieces: which addresses the content uses and where, Retry-After, and when to say
"offline"."""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from corner.commands import check_links as links
from corner.commands.check_links_http import Checker, Outcome, Settings, retry_after
from corner.content import load_content
from support import write_content


def test_every_url_field_is_collected_once_with_each_place_it_is_used(tmp_path):
    content, _ = load_content(write_content(tmp_path / "content"), datetime.date(2026, 11, 28))
    uses = links.link_uses(content)
    assert list(uses) == ["https://www.ice.gov/tipline"]
    assert [
        (document.path.name, parts) for document, parts in uses["https://www.ice.gov/tipline"]
    ] == [
        ("tip-line.json", ("body", 0, "source", "url")),
        ("tip-line.json", ("source", "url")),
        ("tip-line.json", ("contacts", 0, "source", "url")),
    ]


def answer(**headers) -> httpx.Response:
    return httpx.Response(429, headers=headers)


def test_retry_after_in_seconds_or_as_a_date_else_the_default():
    assert retry_after(answer(**{"Retry-After": "120"}), 1.0) == 120
    in_30_s = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 28 <= retry_after(answer(**{"Retry-After": in_30_s}), 1.0) <= 30
    assert retry_after(answer(**{"Retry-After": "soon"}), 1.5) == 1.5
    assert retry_after(answer(), 1.5) == 1.5


def failed(url: str, unreachable: str = "host") -> Outcome:
    return Outcome(url, "error", "connection refused", unreachable)


def test_offline_is_said_when_no_host_answers_and_there_are_several_or_the_network_is_down():
    assert links._offline([failed("http://a.example/"), failed("http://b.example/x")]).startswith(
        "cannot reach any of the 2 host(s)"
    )
    assert links._offline([failed("http://a.example/", "network")]).startswith(
        "cannot reach any of the 1 host(s)"
    )


def test_one_host_that_does_not_answer_or_one_answer_among_failures_is_no_outage():
    assert links._offline([failed("http://a.example/"), failed("http://a.example/b")]) == ""
    assert links._offline([failed("http://a.example/"), Outcome("http://b.example/")]) == ""
    assert links._offline([]) == ""


def test_addresses_the_schema_passes_but_no_client_can_ask_are_errors_not_crashes():
    # Both are valid URIs (RFC 3986), so validate accepts them; neither leaves the machine.
    async def check(urls):
        async with httpx.AsyncClient() as client:
            checker = Checker(client, Settings(timeout=1))
            return [await checker.check(url) for url in urls]

    # In a thread of its own: the end-to-end tests' browser keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        outcomes = thread.submit(asyncio.run, check(["http://user@/", "http://xn--/"])).result()
    assert outcomes == [
        Outcome("http://user@/", "error", "the address has no host name"),
        Outcome(
            "http://xn--/",
            "error",
            "not an address that can be asked: Malformed A-label, no Punycode eligible content "
            "found",
        ),
    ]
