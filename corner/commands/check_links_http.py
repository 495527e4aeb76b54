"""check-links, the HTTP side: ask web servers whether addresses still answer.

HEAD first, GET when HEAD is refused, redirects followed.

One request at a time per address; at most `concurrency` at once overall and `per_host` on one
host, so a content folder citing one site a hundred times does not hammer it. 5xx answers are
retried with a doubling backoff, 429 after the Retry-After the server asks for (bounded). Every
address ends in one Outcome: fine, a warning (redirected, or rate-limited until we gave up) or an
error.
"""

from __future__ import annotations

import asyncio
import email.utils
import errno
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

USER_AGENT = (
    "Corner-check-links/1.0 (checks that the source pages cited by a Corner content "
    "folder still answer; one HEAD or GET per address)"
)
PERMANENT = {301, 308}
MAX_REDIRECTS = 10
# Unable to reach DNS or the network at all (as opposed to one host that does not exist or answer).
NETWORK_DOWN = {socket.EAI_AGAIN, errno.ENETUNREACH, errno.ENETDOWN}


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0  # seconds for each connect, read or write
    concurrency: int = 16  # requests in flight at once
    per_host: int = 4  # of those, on any one host
    retries: int = 2  # further tries after a 5xx or 429
    backoff: float = 1.0  # seconds before the first retry after a 5xx, doubled for each next one
    max_retry_after: float = 60.0  # the longest a 429's Retry-After is waited for


@dataclass(frozen=True)
class Outcome:
    url: str
    severity: str | None = None  # None when the address answers as it is; else "warning" or "error"
    message: str = ""
    # "host": its name or port did not answer; "network": no DNS or network at all.
    unreachable: str = ""


def host_of(url: str) -> str:
    """The host name of an address ('' if it has none), never failing: content can hold
    addresses no client can ask."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _reason(response: httpx.Response) -> str:
    return f"{response.status_code} {response.reason_phrase}".strip()


def judge(url: str, response: httpx.Response, tries: int) -> Outcome:
    """What an answer means for the editor."""
    status, final = response.status_code, str(response.url)
    after = f" (after redirects to {final})" if response.history else ""
    if 200 <= status < 300 and response.history:
        first = response.history[0].status_code
        if first in PERMANENT:
            return Outcome(
                url, "warning", f"moved permanently ({first}) to {final}; update the content"
            )
        return Outcome(url, "warning", f"redirects ({first}, temporary) to {final}")
    if 200 <= status < 300:
        return Outcome(url)
    if status == 429:
        return Outcome(
            url, "warning", f"not checked: {_reason(response)} after {tries} tries{after}"
        )
    if status == 404:
        return Outcome(url, "error", f"404 Not Found: the page does not exist{after}")
    if status == 410:
        return Outcome(url, "error", f"410 Gone: the page was removed{after}")
    if status >= 500:
        return Outcome(url, "error", f"{_reason(response)}: the server failed {tries} tries{after}")
    return Outcome(url, "error", f"{_reason(response)}{after}")


def _causes(error: BaseException) -> Iterable[BaseException]:
    while error is not None:
        yield error
        error = error.__cause__ or error.__context__


def connect_failure(url: str, error: httpx.ConnectError) -> Outcome:
    """Why a connection could not be made: DNS, refused, TLS, no network."""
    host = host_of(url)
    for cause in _causes(error):
        if isinstance(cause, socket.gaierror):
            kind = "network" if cause.errno in NETWORK_DOWN else "host"
            return Outcome(
                url, "error", f"host name {host} not found (DNS: {cause.strerror})", kind
            )
        if isinstance(cause, ssl.SSLCertVerificationError):
            return Outcome(url, "error", f"TLS certificate not valid: {cause.verify_message}")
        if isinstance(cause, ssl.SSLError):
            return Outcome(url, "error", f"TLS handshake failed ({cause.reason or cause})")
        if isinstance(cause, ConnectionRefusedError):
            return Outcome(url, "error", "connection refused", "host")
        if isinstance(cause, OSError) and cause.errno in NETWORK_DOWN:
            return Outcome(url, "error", f"cannot connect: {cause.strerror}", "network")
    return Outcome(url, "error", f"cannot connect: {error}", "host")


def request_failure(url: str, error: Exception, timeout: float) -> Outcome:
    """Why no answer came: an address no client can ask, a timeout, a redirect loop, no
    connection."""
    if isinstance(error, (httpx.InvalidURL, UnicodeError)):  # IDNA refuses the host; a bad port
        return Outcome(url, "error", f"not an address that can be asked: {error}")
    if isinstance(error, httpx.UnsupportedProtocol):
        return Outcome(url, "error", "redirects to an address that is not http or https")
    if isinstance(error, httpx.ConnectTimeout):
        return Outcome(url, "error", f"no answer within {timeout:g} s (connecting)", "host")
    if isinstance(error, httpx.TimeoutException):
        return Outcome(url, "error", f"no answer within {timeout:g} s")
    if isinstance(error, httpx.TooManyRedirects):
        return Outcome(url, "error", f"more than {MAX_REDIRECTS} redirects (a redirect loop?)")
    if isinstance(error, httpx.ConnectError):
        return connect_failure(url, error)
    return Outcome(url, "error", f"request failed: {error or type(error).__name__}")


def retry_after(response: httpx.Response, default: float) -> float:
    """The seconds a 429 asks to wait: Retry-After as a number or an HTTP date."""
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return default


class Checker:
    """Checks addresses with one shared client, a bounded number at a time."""

    def __init__(self, client: httpx.AsyncClient, settings: Settings):
        self.client, self.settings = client, settings
        self.everywhere = asyncio.Semaphore(settings.concurrency)
        self.hosts: dict[str, asyncio.Semaphore] = {}

    async def check(self, url: str) -> Outcome:
        host = host_of(url)
        if not host:
            return Outcome(url, "error", "the address has no host name")
        on_host = self.hosts.setdefault(host, asyncio.Semaphore(self.settings.per_host))
        async with on_host, self.everywhere:
            try:
                response, tries = await self._answer(url)
            except (httpx.InvalidURL, UnicodeError, httpx.HTTPError) as error:
                return request_failure(url, error, self.settings.timeout)
        return judge(url, response, tries)

    async def _answer(self, url: str) -> tuple[httpx.Response, int]:
        """The final answer, after retrying 5xx (with backoff) and 429 (after Retry-After); and how
        many tries."""
        settings = self.settings
        for attempt in range(settings.retries + 1):
            response = await self._request(url)
            if attempt == settings.retries:
                break
            if response.status_code == 429:
                asked = retry_after(response, settings.backoff)
                await asyncio.sleep(min(asked, settings.max_retry_after))
            elif response.status_code >= 500:
                await asyncio.sleep(settings.backoff * 2**attempt)
            else:
                break
        return response, attempt + 1

    async def _request(self, url: str) -> httpx.Response:
        """HEAD, or GET when the server refuses HEAD (405, 501) or answers it with an error GET may
        not have."""
        try:
            response = await self.client.head(url)
            if response.status_code < 400 or response.status_code == 429:
                return response
        except (httpx.RemoteProtocolError, httpx.ReadError):  # some servers drop HEAD's connection
            pass
        # The status is enough: the body is never read.
        async with self.client.stream("GET", url) as response:
            return response


async def check_all(urls: list[str], settings: Settings, done: Callable[[Outcome], None]) -> None:
    """Check every address, calling done(outcome) as each finishes (so an interrupted run keeps
    what it has)."""
    limits = httpx.Limits(
        max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency
    )
    async with httpx.AsyncClient(
        timeout=settings.timeout,
        limits=limits,
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": USER_AGENT},
    ) as client:
        checker = Checker(client, settings)

        async def check_one(url: str) -> None:
            done(await checker.check(url))

        async with asyncio.TaskGroup() as group:
            for url in urls:
                group.create_task(check_one(url))
