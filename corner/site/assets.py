"""Step 2, the browser's files: pwa/ as the build ships it, and the web app manifest.

Scripts are minified; pwa/sw.js is not an asset (service_worker.py writes it, last) and neither
is pwa/preview/ (only the live preview's server serves it). What the pages' scripts must know
before they fetch anything, every page tells them (page_data).
"""

from __future__ import annotations

import json
from pathlib import Path

import rjsmin

from .changes import EDITION

PWA_DIR = Path(__file__).resolve().parent.parent.parent / "pwa"
PREVIEW_FOLDER = "preview"  # pwa/preview/: the live preview's script, style and service worker
# pwa/sw.js, written by service_worker.py (with this build's BUILD) at the same name: not an asset.
SERVICE_WORKER = "sw.js"
# The web app manifest: what the browser needs to offer Install (not the content manifest).
WEB_MANIFEST = "manifest.webmanifest"


def storage_prefix(base_url: str) -> str:
    """The start of every name the app keeps in the browser, localStorage keys and caches alike:
    one app's data per base URL, so that two apps on one host keep theirs apart."""
    return f"corner:{base_url}:"


# Up to this many entries, the page searches itself (pwa/app.js): its index loads in about 60 ms
# with no long task, even with the CPU 4x slower, and a keystroke is answered in the keystroke's
# own task, so the results are in the next frame. A larger index is loaded and searched in a
# worker, never freezing the page (at 1,000 entries, loading it in the page took tasks of up to
# 250 ms with the CPU 4x slower), and the answers come a frame later: Chromium runs the tasks
# posted during a key's input event (a worker's answer, even setTimeout 0) after the next frame.
PAGE_SEARCH_ENTRIES = 500


def page_data(base_url: str, entries: int = 0) -> dict[str, str]:
    """What every page tells its scripts in <html data-…> (templates/base.html): read before any
    fetch, by pwa/theme.js (a plain script, run before the page is drawn) and the modules. entries:
    how many the search index holds."""
    return {
        "storage": storage_prefix(base_url),
        "worker": base_url + SERVICE_WORKER,
        "edition": base_url + EDITION,
        "search": "page" if entries <= PAGE_SEARCH_ENTRIES else "worker",
    }


def compact_json(data) -> bytes:
    """JSON as the browser downloads it: no spaces, keys sorted (the same data, the same bytes)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode(
        "utf-8"
    )


def minified(path: Path) -> bytes:
    """A script without its comments and spaces: officers download code, not our notes."""
    return rjsmin.jsmin(path.read_text("utf-8")).encode("utf-8")


def static_assets() -> dict[str, bytes]:
    """The hand-written browser files, under assets/ in the output (scripts minified); not the
    live preview's own files (pwa/preview/), which only the preview server serves."""
    files = {}
    for path in sorted(PWA_DIR.rglob("*")):
        relative = path.relative_to(PWA_DIR)
        if (
            relative.parts[0] == PREVIEW_FOLDER
            or path.name == SERVICE_WORKER
            or path.name.startswith(".")
        ):
            continue
        if path.is_file():
            data = minified(path) if path.suffix == ".js" else path.read_bytes()
            files["assets/" + relative.as_posix()] = data
    return files


def web_manifest(site: dict, base_url: str) -> bytes:
    """The web app manifest: what the browser needs to offer 'Install' and start offline."""
    icon = f"{base_url}assets/icons/"
    icons = [
        {"src": f"{icon}icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
        {"src": f"{icon}icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
        {
            "src": f"{icon}maskable-512.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
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
        "shortcuts": [
            {
                "name": "Search",
                "short_name": "Search",
                "url": f"{base_url}search/",
                "icons": [icons[0]],
            }
        ],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
