"""The check-links command: every http(s) address in the content checked once, each problem
shown where it is used.

Step 1 of the build (content/) first; then check_links_http.py asks each address.
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

from .. import report
from ..content import Content
from ..content.jsonfile import Document, walk
from ..errors import CornerError, Problem
from .check_links_http import Outcome, Settings, check_all, host_of

# How long to wait before retrying a 5xx, doubled each time, and the longest wait a 429 may ask for.
# Module constants so tests can make them small.
BACKOFF = 1.0
MAX_RETRY_AFTER = 60.0
log = logging.getLogger(__name__)


def link_uses(content: Content) -> dict[str, list[tuple[Document, tuple]]]:
    """Each http(s) address of the content (without its #fragment), and every (document, path)
    that uses it, in file order."""
    uses: dict[str, list[tuple[Document, tuple]]] = {}
    for document in sorted(content.documents, key=lambda document: document.display):
        for parts, value in walk(document.data):
            is_url = isinstance(value, str) and parts and parts[-1] == "url"
            if is_url and value.lower().startswith(("http://", "https://")):
                uses.setdefault(value.split("#", 1)[0], []).append((document, parts))
    return uses


def _problems(outcomes: dict[str, Outcome], uses: dict[str, list]) -> list[Problem]:
    """A problem at every place an address with a problem is used."""
    return sorted(
        document.problem(parts, f"{url}: {outcome.message}", severity=outcome.severity)
        for url, outcome in outcomes.items()
        if outcome.severity
        for document, parts in uses[url]
    )


def _offline(outcomes: list[Outcome]) -> str:
    """What to say, once, when no address could be reached at all (no network, no DNS); ""
    otherwise."""
    if not outcomes or not all(outcome.unreachable for outcome in outcomes):
        return ""
    outcomes = sorted(outcomes, key=lambda outcome: outcome.url)  # the same example every time
    hosts = {host_of(outcome.url) for outcome in outcomes}
    if len(hosts) < 2 and not any(outcome.unreachable == "network" for outcome in outcomes):
        return ""  # one host that does not answer is that host's problem, shown at each use
    return (
        f"cannot reach any of the {len(hosts)} host(s) the content links to "
        f"({outcomes[0].message}): is this computer offline? No link was checked."
    )


def run_checks(urls: list[str], settings: Settings) -> tuple[dict[str, Outcome], bool]:
    """The outcome of each address checked, and whether Ctrl+C stopped the run before the end."""
    outcomes: dict[str, Outcome] = {}

    def done(outcome: Outcome) -> None:
        log.info("%s: %s", outcome.url, outcome.message or "fine")
        outcomes[outcome.url] = outcome

    try:
        asyncio.run(check_all(urls, settings, done))
    except KeyboardInterrupt:
        return outcomes, True
    return outcomes, False


def check_links(
    content_dir: Path, timeout: float, concurrency: int, strict: bool, fmt: str
) -> None:
    """The check-links command: exit status 1 on any broken link (with strict, on any warning
    too)."""
    content, _ = report.checked_content(content_dir, fmt, consequence="no link was checked")
    uses = link_uses(content)
    if not uses:
        report.show([], fmt, "The content links to no web address: nothing to check.")
        return
    settings = Settings(
        timeout=timeout,
        concurrency=concurrency,
        per_host=min(concurrency, 4),
        backoff=BACKOFF,
        max_retry_after=MAX_RETRY_AFTER,
    )
    started = time.perf_counter()
    outcomes, interrupted = run_checks(list(uses), settings)
    seconds = time.perf_counter() - started
    offline = not interrupted and _offline(list(outcomes.values()))
    if offline:
        raise CornerError(offline)
    problems = _problems(outcomes, uses)
    errors = sum(problem.severity == "error" for problem in problems)
    warnings = len(problems) - errors
    hosts = len({host_of(url) for url in outcomes})
    checked = f"{len(outcomes)} of {len(uses)} links" if interrupted else f"{len(uses)} links"
    summary = (
        f"{checked} checked ({hosts} host(s)) in {seconds:.1f} s: "
        f"{errors} error(s), {warnings} warning(s)"
    )
    if interrupted:
        report.fail(problems, fmt, f"stopped by Ctrl+C: {summary}")
    if errors or (strict and warnings):
        report.fail(problems, fmt, summary)
    report.show(problems, fmt, summary)
