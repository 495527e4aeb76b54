"""The build command: load → check → render → write, the whole build as one function.

    content/  check_content: load content/ and check it (nothing is built from an error)
    site/     render_site: every file of the site, in memory
    output/   precompressed, write_build: compress, then update --out (the service worker last)

build() runs them in that order and reports what it made; build_and_report is the command
(a progress bar for builds over a second, then the warnings and the summary line).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click

from ..cache import compiled_templates, load_kept, save_kept
from ..content import check_content
from ..errors import Problem
from ..output.compress import copies_of, gzipped, is_text, precompressed
from ..output.write import unchanged_files, write_build
from ..site import normalize_base_url, render_site
from ..site.changes import CONTENT_MANIFEST, build_date, edition, read_named, read_previous
from ..site.search import SEARCH_DOCS, SEARCH_INDEX
from ..site.service_worker import SERVICE_WORKER, is_precached


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
        unchanged = self.files - self.written_files
        return (
            f"Built {self.pages} pages ({self.files} files, {self.total_bytes:,} bytes, "
            f"with gzip and Brotli copies of {self.compressed_files} text files; "
            f"{self.written_files:,} written, {unchanged:,} unchanged since the last build) "
            f"into {self.out_dir} in {self.seconds:.2f} s; offline copy "
            f"{self.precache_bytes:,} bytes ({self.precache_gzip_bytes:,} gzipped); "
            f"search index and results {self.search_index_bytes:,} bytes."
        )


# The build's steps, in the order build() runs them, named as the progress bar shows them.
CHECK = "checking content"  # content/: load and check; nothing is built from an error
RENDER = "rendering"  # site/: every file in memory, the service worker last
COMPARE = "comparing with the last build"  # output/: which files the last build already wrote
COMPRESS = "compressing"  # output/: gzip and Brotli copies of the changed text files
WRITE = "writing"  # output/: what changed, into --out, the service worker last
STEPS = (CHECK, RENDER, COMPARE, COMPRESS, WRITE)
log = logging.getLogger(__name__)


class Steps:
    """The build's steps as they run: `with steps(RENDER): …`. Each tells on_step (the progress
    bar) as it begins and logs how long it took (build.py -v); one out of order is a bug."""

    def __init__(self, on_step: Callable[[str], None]):
        self.on_step = on_step
        self.next = 0

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        if STEPS.index(name) != self.next:
            raise RuntimeError(
                f"build step {name!r} run out of order: {STEPS[self.next]!r} comes next"
            )
        self.on_step(name)
        started = time.perf_counter()
        yield
        log.info("%s: %.2f s", name, time.perf_counter() - started)
        self.next += 1


def build(
    content_dir: Path,
    out_dir: Path,
    base_url: str = "/",
    strict: bool = False,
    step: Callable[[str], None] = lambda name: None,
    previous: Path | None = None,
) -> BuildReport:
    """Build the site from content_dir into out_dir; on any error out_dir is left as it was.
    step(name) is called as each of STEPS begins. previous names the published build to compare
    with (its content-manifest.json, or its folder); by default, the one in out_dir."""
    started = time.perf_counter()
    steps = Steps(step)
    base_url = normalize_base_url(base_url)
    # The content manifest of the build this one follows: What's new counts changes since it.
    previous_content_manifest = (
        read_named(previous) if previous is not None else read_previous(out_dir)
    )
    with steps(CHECK):
        # What the last build into out_dir kept: the valid files, each entry's parts and terms.
        entries = load_kept(out_dir)
        content, warnings = check_content(content_dir, strict, f"nothing was written to {out_dir}")
    with steps(RENDER):
        this_edition = edition(content, previous_content_manifest, build_date())
        files = render_site(
            content, base_url, this_edition, kept=entries, templates=compiled_templates(out_dir)
        )
    with steps(COMPARE):
        # Files the last build wrote with the same bytes are kept as they are, with their
        # compressed copies: after a one-entry change, only what that change touched is
        # compressed and written.
        unchanged = unchanged_files(out_dir, files, copies_of)
        kept = unchanged | {copy for path in unchanged for copy in copies_of(path)}
        changed = {path: data for path, data in files.items() if path not in unchanged}
    with steps(COMPRESS):
        copies = precompressed(changed)
    with steps(WRITE):
        # Each file's copies before it: a file with the new bytes has its new copies, as the
        # next build's comparison assumes. The service worker after every file it names; before
        # it, the record the next build reads, so that a build failing halfway is not taken
        # for published.
        last = [
            *copies_of(CONTENT_MANIFEST),
            CONTENT_MANIFEST,
            *copies_of(SERVICE_WORKER),
            SERVICE_WORKER,
        ]
        write_build(out_dir, {**copies, **changed}, kept, last)
        save_kept(out_dir, entries)
    return _report(out_dir, files, copies, unchanged, kept, warnings, started)


def _report(
    out_dir: Path,
    files: dict[str, bytes],
    copies: dict[str, bytes],
    unchanged: set[str],
    kept: set[str],
    warnings: list[Problem],
    started: float,
) -> BuildReport:
    """What the build wrote and kept, counted for its summary line."""
    sizes = {
        **{path: len(data) for path, data in {**files, **copies}.items()},
        **{path: (out_dir / path).stat().st_size for path in kept - unchanged},
    }
    precached = {path: data for path, data in files.items() if is_precached(path)}
    return BuildReport(
        out_dir=out_dir,
        pages=sum(path.endswith(".html") for path in files),
        files=len(sizes),
        written_files=len(sizes) - len(kept),
        total_bytes=sum(sizes.values()),
        compressed_files=sum(is_text(path) for path in files),
        precache_bytes=sum(map(len, precached.values())),
        # Text files' .gz copies are already made; only the PNGs are compressed to count them.
        precache_gzip_bytes=sum(
            sizes.get(path + ".gz") or len(gzipped(data)) for path, data in precached.items()
        ),
        search_index_bytes=len(files[SEARCH_INDEX]) + len(files[SEARCH_DOCS]),
        seconds=time.perf_counter() - started,
        warnings=warnings,
    )


DONE = "done"  # what the progress bar says once the last step has ended (not a step)


class BuildProgress:
    """A progress bar (on stderr) over the build's steps, shown only once a build has taken a
    second: a quick build prints just its summary."""

    def __init__(self):
        self.started = time.monotonic()
        self.bar = None

    def step(self, name: str) -> None:
        if self.bar is None and time.monotonic() - self.started >= 1:
            self.bar = click.progressbar(
                length=len(STEPS),
                label="Building",
                show_eta=False,
                item_show_func=lambda item: item,
                file=click.get_text_stream("stderr"),
            )
        if self.bar is not None:
            self.bar.update(STEPS.index(name) - self.bar.pos, current_item=name)

    def finish(self) -> None:
        if self.bar is not None:
            # The last step has ended: the bar is full, and says so.
            self.bar.update(self.bar.length - self.bar.pos, current_item=DONE)
            self.bar.render_finish()


def build_and_report(
    content_dir: Path,
    out_dir: Path,
    base_url: str,
    strict: bool = False,
    previous: Path | None = None,
) -> None:
    """The build command: build with a progress bar, then print the warnings and the summary."""
    progress = BuildProgress()
    try:
        report = build(
            content_dir, out_dir, base_url, strict, step=progress.step, previous=previous
        )
    finally:
        progress.finish()
    for warning in report.warnings:
        click.echo(str(warning), err=True)
    click.echo(report.summary())
