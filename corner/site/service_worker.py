"""Step 2, last: the service worker, pwa/sw.js with this build's BUILD written above it.

BUILD names every file the app needs offline with a hash of its bytes, and the build's version is
a hash of that list: so the worker is made from every other file of the build, and must be made
last (site/__init__.py render_site does). The browser installs a new worker exactly when one of
those files changed; its install precaches them and checks each hash.
"""

from __future__ import annotations

import hashlib
import json
import re

from ..errors import CornerError
from .assets import PWA_DIR, SERVICE_WORKER, minified, storage_prefix
from .changes import CONTENT_MANIFEST
from .entry_pages import (
    ENTRY_CHUNK,
    ENTRY_FOLDER,
    ENTRY_PAGE,
    ENTRY_SHELL,
    PAGE_PARTS,
    PART_MARKER,
    chunk_count,
)

# Never precached: the service worker itself (the browser fetches it to check for updates) and
# the content manifest (only the next build reads it).
NOT_PRECACHED = {SERVICE_WORKER, CONTENT_MANIFEST}
# Nor what only the server or the browser's install uses: 404.html (offline, the offline page
# answers an unknown address) and the manifest's PNG icons (read when the app is installed, which
# needs a connection anyway). Each file less is a round trip less on the first visit: on a slow
# 3G link, 400 ms for every six files. The iPhone's icon (1.4 KB) is precached: every page links
# it, Firefox loads it with each page (offline it would fail), and Safari's Add to Home Screen
# then finds it without a signal.
SERVER_ONLY = re.compile(r"404\.html|assets/icons/(?!apple-touch-icon\.png)[^/]+\.png")


def is_precached(path: str) -> bool:
    """Whether the app needs the file offline: not entry pages (their shell and parts are), not
    the worker, the content manifest, or what only the server or an install uses."""
    return (
        path not in NOT_PRECACHED
        and not ENTRY_PAGE.fullmatch(path)
        and not SERVER_ONLY.fullmatch(path)
    )


OFFLINE_PAGE = "offline/"  # what the worker answers a page it does not hold, offline
BUILD_COMMENT = (
    "// Written by build.py: this build's version and every file it precaches, with its hash.\n"
)
# Enough of each file's SHA-256 to tell two versions of it apart.
HASH_CHARS = 16


def precache_list(files: dict[str, bytes], base_url: str) -> dict[str, str]:
    """{URL: content hash} for every file the app needs offline; pages by their folder URL."""
    return {
        base_url + path.removesuffix("index.html"): hashlib.sha256(data).hexdigest()[:HASH_CHARS]
        for path, data in sorted(files.items())
        if is_precached(path)
    }


# Characters a browser keeps as they are in a URL path: anything else is escaped or normalized,
# so the address it requests would not be the one the precache list names.
PLAIN_URL = re.compile(r"[A-Za-z0-9._~/-]+")


def check_precache(precache: dict[str, str], files: dict[str, bytes], base_url: str) -> None:
    """Refuse a precache list naming a file the build did not write, or an address that would not
    be served as written (escaped, or redirected: a folder without its trailing slash)."""
    for url in precache:
        path = url.removeprefix(base_url)
        target = path + "index.html" if path.endswith("/") or not path else path
        if not url.startswith(base_url):
            raise CornerError(f"precache list names {url}, outside the app's base URL {base_url}")
        if target not in files:
            raise CornerError(f"precache list names {url}, but the build has no file {target}")
        if not PLAIN_URL.fullmatch(url) or "//" in url or f"{path}/index.html" in files:
            raise CornerError(
                f"precache list names {url}, which a browser would not request as "
                "written; rename the file to letters, digits and - _ . ~"
            )


def build_version(precache: dict[str, str], worker_source: bytes) -> str:
    """A short hash of the build: it changes exactly when any precached file or the worker
    changes."""
    # The worker's own code counts too: a new worker must never reuse a live cache's name.
    listing = json.dumps(precache, sort_keys=True).encode("utf-8")
    return hashlib.sha256(listing + b"\0" + worker_source).hexdigest()[:16]


def entry_pages(base_url: str, entries: int) -> dict:
    """What the worker makes an entry's page from offline: BUILD.entryPages (see pwa/sw.js)."""
    return {
        "prefix": base_url + ENTRY_FOLDER,  # where entry pages are: <prefix><id>/
        "shell": base_url + ENTRY_SHELL,
        "chunk": base_url + ENTRY_CHUNK,  # with {number} the chunk's number
        "chunkCount": chunk_count(entries),
        "marker": PART_MARKER.pattern,  # a regular expression the same in Python and JavaScript
        "parts": list(PAGE_PARTS),  # the marker names, in the order a chunk lists an entry's parts
    }


def check_named_files(build: dict) -> None:
    """Refuse a BUILD naming a file it does not precache: offline, the worker could not find it."""
    pages = build["entryPages"]
    chunks = [pages["chunk"].format(number=n) for n in range(pages["chunkCount"])]
    for url in [build["offlinePage"], pages["shell"], *chunks]:
        if url not in build["precache"]:
            raise CornerError(f"the service worker names {url}, which it does not precache")


def worker_script(
    files: dict[str, bytes], base_url: str, history: list[dict] = (), entries: int = 0
) -> bytes:
    """pwa/sw.js with this build's version, precache list and content history prepended."""
    source = minified(PWA_DIR / SERVICE_WORKER)
    precache = precache_list(files, base_url)
    check_precache(precache, files, base_url)
    build = {
        "version": build_version(precache, source),
        "scope": base_url,
        "storage": storage_prefix(base_url),  # its caches' names begin so
        "precache": precache,
        "offlinePage": base_url + OFFLINE_PAGE,
        "history": list(history),  # what changed, newest first: the update prompt names it
        "entryPages": entry_pages(base_url, entries),
    }
    check_named_files(build)
    header = BUILD_COMMENT + f"const BUILD = {json.dumps(build, indent=1, sort_keys=True)};\n\n"
    return header.encode("utf-8") + source
