"""The installable, offline part: static assets, web app manifest, service worker."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import rjsmin

from .errors import CornerError

PWA_DIR = Path(__file__).resolve().parent.parent / "pwa"
SERVICE_WORKER = "sw.js"
PREVIEW_FOLDER = "preview"  # pwa/preview/: the live preview's script, style and service worker
MANIFEST = "manifest.webmanifest"
SEARCH_INDEX = "search-index.json"
SEARCH_DOCS = "search-docs.json"
# Never precached: the service worker itself (the browser fetches it to check for updates) and
# the content manifest (only the next build reads it).
NOT_PRECACHED = {SERVICE_WORKER, "content-manifest.json"}
# Nor what only the server or the browser's install uses: 404.html (offline, the offline page
# answers an unknown address) and the manifest's PNG icons (read when the app is installed, which
# needs a connection anyway). Each file less is a round trip less on the first visit: on a slow
# 3G link, 400 ms for every six files. The iPhone's icon (1.4 KB) is precached: every page links
# it, Firefox loads it with each page (offline it would fail), and Safari's Add to Home Screen
# then finds it without a signal.
SERVER_ONLY = re.compile(r"404\.html|assets/icons/(?!apple-touch-icon\.png)[^/]+\.png")
# Entry pages are not precached one by one: 10,000 of them would be megabytes on a phone plan.
# The worker makes each from one shared shell and the entry's own parts, precached in chunks of
# about PARTS_PER_CHUNK entries; a chunk is chosen by a hash of the id, so editing or adding an
# entry changes one chunk and an update downloads little.
ENTRY_PAGE = re.compile(r"resources/[^/]+/index\.html")
ENTRY_PARTS = "resource-pages/"
ENTRY_SHELL = ENTRY_PARTS + "shell.txt"  # not a page: markers in place of its parts
PARTS_PER_CHUNK = 50


def is_precached(path: str) -> bool:
    return path not in NOT_PRECACHED and not ENTRY_PAGE.fullmatch(path) and not SERVER_ONLY.fullmatch(path)


def compact_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def chunk_count(entries: int) -> int:
    """A power of two, so that chunks stay near PARTS_PER_CHUNK entries as content grows."""
    count = 1
    while count * PARTS_PER_CHUNK < entries:
        count *= 2
    return count


def chunk_of(entry_id: str, chunks: int) -> int:
    """FNV-1a (32-bit) of the id, modulo the chunk count: pwa/sw.js computes the same."""
    value = 0x811C9DC5
    for code in entry_id.encode("utf-8"):  # ids are ASCII (common.schema.json), so bytes are JS char codes
        value = ((value ^ code) * 0x01000193) & 0xFFFFFFFF
    return value % chunks


def entry_page_files(shell: str, parts: dict[str, list[str]]) -> dict[str, bytes]:
    """The shared entry shell and every entry's parts, {id: [title, description, main]}, in chunks."""
    chunks = [{} for _ in range(chunk_count(len(parts)))]
    for entry_id, own_parts in parts.items():
        chunks[chunk_of(entry_id, len(chunks))][entry_id] = own_parts
    files = {f"{ENTRY_PARTS}{number}.json": compact_json(chunk) for number, chunk in enumerate(chunks)}
    files[ENTRY_SHELL] = shell.encode("utf-8")
    return files


def minified(path: Path) -> bytes:
    """A script without its comments and spaces: officers download code, not our notes."""
    return rjsmin.jsmin(path.read_text("utf-8")).encode("utf-8")


def static_assets() -> dict[str, bytes]:
    """The hand-written browser files, under assets/ in the output (scripts minified); not the live
    preview's own files (pwa/preview/), which only the preview server serves."""
    files = {}
    for path in sorted(PWA_DIR.rglob("*")):
        relative = path.relative_to(PWA_DIR)
        if relative.parts[0] == PREVIEW_FOLDER or path.name == SERVICE_WORKER or path.name.startswith("."):
            continue
        if path.is_file():
            data = minified(path) if path.suffix == ".js" else path.read_bytes()
            files["assets/" + relative.as_posix()] = data
    return files


def manifest(site: dict, base_url: str) -> bytes:
    """The web app manifest: what the browser needs to offer 'Install' and start offline."""
    icons = [
        {"src": f"{base_url}assets/icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
        {"src": f"{base_url}assets/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
        {"src": f"{base_url}assets/icons/maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
    ]
    data = {
        "id": base_url,
        "name": site["title"],
        "short_name": site["short_name"],
        "description": site["description"],
        "lang": site["lang"],
        "start_url": base_url,
        "scope": base_url,
        "display": "standalone",
        "theme_color": site["theme_color"],
        "background_color": site["background_color"],
        "icons": icons,
        "shortcuts": [{"name": "Search", "short_name": "Search", "url": f"{base_url}search/",
                       "icons": [icons[0]]}],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# Enough of each file's SHA-256 to tell two versions of it apart.
HASH_CHARS = 16


def precache_manifest(files: dict[str, bytes], base_url: str) -> dict[str, str]:
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
    """Refuse a precache list naming a file the build did not write, or an address that would not be
    served as written (escaped, or redirected: a folder without its trailing slash)."""
    for url in precache:
        path = url.removeprefix(base_url)
        target = path + "index.html" if path.endswith("/") or not path else path
        if not url.startswith(base_url):
            raise CornerError(f"precache list names {url}, outside the app's base URL {base_url}")
        if target not in files:
            raise CornerError(f"precache list names {url}, but the build has no file {target}")
        if not PLAIN_URL.fullmatch(url) or "//" in url or f"{path}/index.html" in files:
            raise CornerError(f"precache list names {url}, which a browser would not request as written; "
                              "rename the file to letters, digits and - _ . ~")


def build_version(precache: dict[str, str], worker_source: bytes) -> str:
    """A short hash of the build: it changes exactly when any precached file or the worker changes."""
    # The worker's own code counts too: a new worker must never reuse a live cache's name.
    listing = json.dumps(precache, sort_keys=True).encode("utf-8")
    return hashlib.sha256(listing + b"\0" + worker_source).hexdigest()[:16]


def service_worker(files: dict[str, bytes], base_url: str, history: list[dict] = (), entries: int = 0) -> bytes:
    """pwa/sw.js with this build's version, precache list and content history prepended."""
    source = minified(PWA_DIR / SERVICE_WORKER)
    precache = precache_manifest(files, base_url)
    check_precache(precache, files, base_url)
    build = {
        "version": build_version(precache, source),
        "scope": base_url,
        "precache": precache,
        "offlinePage": base_url + "offline/",
        "history": list(history),  # what changed, newest first: the update prompt names it
        "entryPages": {"prefix": base_url + "resources/", "shell": base_url + ENTRY_SHELL,
                       "chunks": base_url + ENTRY_PARTS, "chunkCount": chunk_count(entries)},
    }
    header = "// Written by build.py: this build's version and every file it precaches, with its hash.\n"
    header += f"const BUILD = {json.dumps(build, indent=1, sort_keys=True)};\n\n"
    return header.encode("utf-8") + source
