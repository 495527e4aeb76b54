"""Step 2 of the build: make the whole site in memory, {output path: bytes}, from checked content.

    pages.py           the HTML pages, rendered with templates/
    entry_pages.py     entry pages as one shell and each entry's parts, in chunks
    finder.py          the field-office finder's page data
    search.py          the search index and the entries' display text
    changes.py         what changed since the last build: the edition, What's new
    assets.py          pwa/ as shipped (scripts minified), the web app manifest
    service_worker.py  sw.js with this build's precache list: made last, from all the rest

Nothing here writes a file: output/ does, once everything is made.
"""

from __future__ import annotations

import re

from jinja2 import BytecodeCache

from ..content import Content
from ..errors import CornerError
from .assets import WEB_MANIFEST, compact_json, static_assets, web_manifest
from .changes import CONTENT_MANIFEST, EDITION, Edition, build_date, edition
from .entry_pages import KeptParts, entry_page_files
from .pages import as_of, render_pages
from .search import SEARCH_DOCS, SEARCH_INDEX, build_search
from .service_worker import SERVICE_WORKER, worker_script

BASE_URL = re.compile(r"^/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*$")


def normalize_base_url(base_url: str) -> str:
    """'/corner' → '/corner/'; the base must be a plain absolute path that browsers keep as it
    is."""
    normalized = base_url if base_url.endswith("/") else base_url + "/"
    if not BASE_URL.match(normalized):
        raise CornerError(
            f"--base-url must be a path such as / or /corner/ "
            f"(letters, digits, - _ . ~), not {base_url!r}"
        )
    return normalized


def render_site(
    content: Content,
    base_url: str,
    this_edition: Edition | None = None,
    preview: bool = False,
    templates: BytecodeCache | None = None,
    kept: KeptParts | None = None,
) -> dict[str, bytes]:
    """Every output file: pages, assets, search index, manifests and, last, the service worker.
    A preview (corner/preview) has pages that load the preview script, and no service worker:
    the preview server answers for it. templates and kept: compiled templates and entry parts of
    an earlier build, to use again where nothing they are made of changed."""
    this_edition = this_edition or edition(content, None, build_date())
    kept = KeptParts() if kept is None else kept
    files = app_files(content, base_url, this_edition, kept, preview, templates)
    if preview:
        return files
    # The worker lists every other file with a hash of its bytes, and its version is a hash of
    # that list: it is made from the finished set, so nothing may be added after it.
    worker = worker_script(files, base_url, this_edition.history, len(content.resources))
    return {**files, SERVICE_WORKER: worker}


def app_files(
    content: Content,
    base_url: str,
    this_edition: Edition,
    kept: KeptParts,
    preview: bool = False,
    templates: BytecodeCache | None = None,
) -> dict[str, bytes]:
    """Every output file but the service worker: pages, entry parts, assets, search, manifests."""
    files, entry_shell, entry_parts = render_pages(
        content, base_url, this_edition, preview, templates, kept
    )
    files.update(entry_page_files(entry_shell, entry_parts, kept))
    files.update(static_assets())
    index, docs = build_search(
        list(content.resources.values()), content.sections_of, content.synonyms, kept.terms()
    )
    files[SEARCH_INDEX] = compact_json(index)
    files[SEARCH_DOCS] = compact_json(docs)
    files[WEB_MANIFEST] = web_manifest(content.site, base_url)
    files[CONTENT_MANIFEST] = this_edition.content_manifest
    files[EDITION] = compact_json(
        {
            "content": this_edition.content,
            "date": this_edition.date,
            "label": as_of(this_edition.date),
        }
    )
    return files
