"""load → validate → render → write: the whole build, as one function."""
from __future__ import annotations

import datetime
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from . import pwa
from .changes import MANIFEST, Edition, edition, read_previous
from .compress import gzipped, precompressed
from .content import load_content
from .errors import ContentError, CornerError, Problem
from .output import write_atomically
from .render import render_pages
from .search import build_search

@dataclass
class BuildReport:
    """What a build produced, for the command's summary line and for benchmarks."""

    out_dir: Path
    pages: int
    files: int  # every file written, the .gz and .br copies included
    total_bytes: int
    compressed_files: int  # text files with a .gz and a .br copy beside them
    precache_bytes: int
    precache_gzip_bytes: int
    search_index_bytes: int
    seconds: float
    warnings: list[Problem]

    def summary(self) -> str:
        return (f"Built {self.pages} pages ({self.files} files, {self.total_bytes:,} bytes, with gzip and Brotli "
                f"copies of {self.compressed_files} text files) into {self.out_dir} "
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


def compact_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def render_site(content, base_url: str, this_edition: Edition | None = None) -> dict[str, bytes]:
    """Every output file: pages, assets, search index, manifests and service worker."""
    this_edition = this_edition or edition(content, None, build_date())
    files = render_pages(content, base_url, this_edition)
    files.update(pwa.static_assets())
    index, docs = build_search(list(content.resources.values()), content.sections_of)
    files[pwa.SEARCH_INDEX] = compact_json(index)
    files[pwa.SEARCH_DOCS] = compact_json(docs)
    files[pwa.MANIFEST] = pwa.manifest(content.site, base_url)
    files[MANIFEST] = this_edition.manifest
    files[pwa.SERVICE_WORKER] = pwa.service_worker(files, base_url, this_edition.history)
    return files


def build(content_dir: Path, out_dir: Path, base_url: str = "/", strict: bool = False) -> BuildReport:
    """Build the site from content_dir into out_dir; on any error out_dir is left as it was."""
    started = time.perf_counter()
    base_url = normalize_base_url(base_url)
    content, warnings = check_content(content_dir, strict, f"nothing was written to {out_dir}")
    # What changed is measured against the build this one replaces.
    files = render_site(content, base_url, edition(content, read_previous(out_dir), build_date()))
    copies = precompressed(files)  # after the service worker: it precaches the real files only
    write_atomically(out_dir, {**files, **copies})
    precached = {path: data for path, data in files.items() if path not in pwa.NOT_PRECACHED}
    return BuildReport(
        out_dir=out_dir,
        pages=sum(path.endswith(".html") for path in files),
        files=len(files) + len(copies),
        total_bytes=sum(map(len, files.values())) + sum(map(len, copies.values())),
        compressed_files=len(copies) // 2,
        precache_bytes=sum(map(len, precached.values())),
        # Text files' .gz copies are already made; only the PNGs are compressed to count them.
        precache_gzip_bytes=sum(len(copies.get(path + ".gz") or gzipped(data)) for path, data in precached.items()),
        search_index_bytes=len(files[pwa.SEARCH_INDEX]) + len(files[pwa.SEARCH_DOCS]),
        seconds=time.perf_counter() - started,
        warnings=warnings,
    )
