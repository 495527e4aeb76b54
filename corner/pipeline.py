"""load → validate → render → write: the whole build, as one function."""
from __future__ import annotations

import datetime
import logging
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from jinja2 import BytecodeCache

from . import pwa
from .changes import MANIFEST, Edition, edition, read_named, read_previous
from .compress import copies_of, gzipped, is_text, precompressed
from .content import load_content
from .errors import ContentError, CornerError, Problem
from .output import unchanged_files, write_atomically
from .render import KeptParts, as_of, render_pages
from .search import build_search

# This build's content version, which pages read (pwa/lifecycle.js) rather than carry.
EDITION = "edition.json"


@dataclass
class BuildReport:
    """What a build produced, for the command's summary line and for benchmarks."""

    out_dir: Path
    pages: int
    files: int  # every file of the build, the .gz and .br copies included
    written_files: int  # those not kept unchanged from the last build
    total_bytes: int
    compressed_files: int  # text files with a .gz and a .br copy beside them
    precache_bytes: int
    precache_gzip_bytes: int
    search_index_bytes: int
    seconds: float
    warnings: list[Problem]

    def summary(self) -> str:
        return (f"Built {self.pages} pages ({self.files} files, {self.total_bytes:,} bytes, with gzip and Brotli "
                f"copies of {self.compressed_files} text files; {self.written_files:,} written, "
                f"{self.files - self.written_files:,} unchanged since the last build) into {self.out_dir} "
                f"in {self.seconds:.2f} s; offline copy {self.precache_bytes:,} bytes "
                f"({self.precache_gzip_bytes:,} gzipped); search index and results {self.search_index_bytes:,} bytes.")


# The last time zone to leave a date: a fact dated "today" anywhere on Earth is not in the future.
LATEST_TIME_ZONE = datetime.timezone(datetime.timedelta(hours=14))
BASE_URL = re.compile(r"^/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*$")


def _source_date() -> datetime.date | None:
    """The day SOURCE_DATE_EPOCH names, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date() if epoch and epoch.isdigit() else None


def today() -> datetime.date:
    """Today's latest date anywhere (or SOURCE_DATE_EPOCH's): no fact dated today is in the future."""
    return _source_date() or datetime.datetime.now(LATEST_TIME_ZONE).date()


def build_date() -> str:
    """The day of this build as dated on What's new (UTC, or SOURCE_DATE_EPOCH's)."""
    return (_source_date() or datetime.datetime.now(datetime.timezone.utc).date()).isoformat()


def normalize_base_url(base_url: str) -> str:
    """'/corner' → '/corner/'; the base must be a plain absolute path that browsers keep as it is."""
    normalized = base_url if base_url.endswith("/") else base_url + "/"
    if not BASE_URL.match(normalized):
        raise CornerError(f"--base-url must be a path such as / or /corner/ (letters, digits, - _ . ~), not {base_url!r}")
    return normalized


def check_content(content_dir: Path, strict: bool = False, consequence: str = ""):
    """Load and check the content; raise ContentError listing every problem if it cannot be built."""
    if not content_dir.is_dir():
        raise CornerError(f"content folder not found: {content_dir}")
    content, problems = load_content(content_dir, today())
    warnings = [p for p in problems if p.severity == "warning"]
    if content is None or (strict and warnings):
        raise ContentError(problems, consequence)
    return content, warnings


def render_site(content, base_url: str, this_edition: Edition | None = None, preview: bool = False,
                templates: BytecodeCache | None = None, kept: KeptParts | None = None) -> dict[str, bytes]:
    """Every output file: pages, assets, search index, manifests and service worker. A preview
    (corner/preview) has pages that load the preview script, and no service worker: the preview
    server answers for it. templates and kept: compiled templates and entry parts of an earlier
    build, to use again where nothing they are made of changed."""
    this_edition = this_edition or edition(content, None, build_date())
    files, entry_shell, entry_parts = render_pages(content, base_url, this_edition, preview, templates, kept)
    files.update(pwa.entry_page_files(entry_shell, entry_parts))
    files.update(pwa.static_assets())
    index, docs = build_search(list(content.resources.values()), content.sections_of, content.synonyms)
    files[pwa.SEARCH_INDEX] = pwa.compact_json(index)
    files[pwa.SEARCH_DOCS] = pwa.compact_json(docs)
    files[pwa.MANIFEST] = pwa.manifest(content.site, base_url)
    files[MANIFEST] = this_edition.manifest
    files[EDITION] = pwa.compact_json({"content": this_edition.content, "date": this_edition.date,
                                       "label": as_of(this_edition.date)})
    if not preview:
        files[pwa.SERVICE_WORKER] = pwa.service_worker(files, base_url, this_edition.history, len(entry_parts))
    return files


# The build's steps, as a progress bar names them (build.py shows one for builds over a second).
STEPS = ("checking content", "rendering", "comparing with the last build", "compressing", "writing")
log = logging.getLogger(__name__)


def _logged(step: Callable[[str], None], started: float) -> Callable[[str], None]:
    """step, and a log line (build.py -v) with the seconds each step took."""
    last = [STEPS[0], started]

    def logged_step(name: str) -> None:
        now = time.perf_counter()
        if name != STEPS[0]:
            log.info("%s: %.2f s", last[0], now - last[1])
        last[:] = [name, now]
        if name in STEPS:
            step(name)

    return logged_step


def build(content_dir: Path, out_dir: Path, base_url: str = "/", strict: bool = False,
          step: Callable[[str], None] = lambda name: None, previous: Path | None = None) -> BuildReport:
    """Build the site from content_dir into out_dir; on any error out_dir is left as it was.
    step(name) is called as each of STEPS begins. previous names the published build to compare
    with (its content-manifest.json, or its folder); by default, the one in out_dir."""
    started = time.perf_counter()
    step = _logged(step, started)
    base_url = normalize_base_url(base_url)
    previous_manifest = read_named(previous) if previous is not None else read_previous(out_dir)
    step(STEPS[0])
    content, warnings = check_content(content_dir, strict, f"nothing was written to {out_dir}")
    step(STEPS[1])
    # What changed is measured against the build this one follows.
    files = render_site(content, base_url, edition(content, previous_manifest, build_date()))
    step(STEPS[2])
    # Files the last build wrote with the same bytes are kept as they are, with their compressed
    # copies: after a one-entry change, only what that change touched is compressed and written.
    unchanged = unchanged_files(out_dir, files, copies_of)
    kept = unchanged | {copy for path in unchanged for copy in copies_of(path)}
    changed = {path: data for path, data in files.items() if path not in unchanged}
    step(STEPS[3])
    copies = precompressed(changed)
    step(STEPS[4])
    write_atomically(out_dir, {**changed, **copies}, kept)
    step("done")
    sizes = {**{path: len(data) for path, data in {**files, **copies}.items()},
             **{path: (out_dir / path).stat().st_size for path in kept - unchanged}}
    precached = {path: data for path, data in files.items() if pwa.is_precached(path)}
    return BuildReport(
        out_dir=out_dir,
        pages=sum(path.endswith(".html") for path in files),
        files=len(sizes),
        written_files=len(sizes) - len(kept),
        total_bytes=sum(sizes.values()),
        compressed_files=sum(is_text(path) for path in files),
        precache_bytes=sum(map(len, precached.values())),
        # Text files' .gz copies are already made; only the PNGs are compressed to count them.
        precache_gzip_bytes=sum(sizes.get(path + ".gz") or len(gzipped(data)) for path, data in precached.items()),
        search_index_bytes=len(files[pwa.SEARCH_INDEX]) + len(files[pwa.SEARCH_DOCS]),
        seconds=time.perf_counter() - started,
        warnings=warnings,
    )
