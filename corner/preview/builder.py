"""The live preview's build: steps 1 and 2 (content/, site/) into a folder of its own.

Only what changed is written, and a build that fails leaves the last good one in place; compiled
templates and entries' parts are kept between builds until something they are made of changes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache, TemplateError

from ..content import check_content
from ..content.jsonfile import display_path
from ..errors import ContentError, CornerError
from ..site import render_site
from ..site.changes import build_date, edition
from ..site.entry_pages import KeptParts
from ..site.pages import TEMPLATE_DIR

log = logging.getLogger(__name__)
NO_BUILD = "none"  # the build id before any build succeeded


class TemplateMemory(BytecodeCache):
    """Compiled templates kept between preview builds (most of a small build's time): Jinja uses
    one only while its template's source is the same, so an edited template is compiled anew."""

    def __init__(self):
        self.compiled: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket) -> None:
        kept = self.compiled.get(bucket.key)
        if kept and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = (bucket.checksum, bucket.code)


@dataclass
class Outcome:
    """One preview build: the build now served, what it wrote, and what went wrong."""

    build: str  # the id of the build being served (NO_BUILD before any succeeded)
    written: int = 0  # files written or removed; 0 when the output did not change
    problems: list[str] = field(default_factory=list)  # located messages, as validate prints them
    summary: str = ""  # "2 error(s), 0 warning(s)" when the build failed
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def template_problem(error: Exception) -> str:
    """'templates/home.html:12: unexpected end of template': where in a template a page failed."""
    if getattr(error, "filename", None) and getattr(error, "lineno", None):
        return f"{display_path(Path(error.filename))}:{error.lineno}: {error.message}"
    # An error raised while rendering (an undefined name): Jinja puts the template's file and line
    # in the traceback.
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if Path(frame.filename).is_relative_to(TEMPLATE_DIR)
    ]
    if not frames:
        return f"templates: {error}"
    return f"{display_path(Path(frames[-1].filename))}:{frames[-1].lineno}: {error}"


class PreviewBuilder:
    """Builds content_dir into folder, for base_url, comparing with the published build's content
    manifest (previous) so that What's new shows what the next `build` would add."""

    def __init__(self, content_dir: Path, folder: Path, base_url: str, previous: dict | None):
        self.content_dir, self.folder = content_dir, folder
        self.base_url, self.previous = base_url, previous
        self.templates = TemplateMemory()
        self.parts = KeptParts()
        self.digests: dict[str, bytes] = {}  # what the folder holds: a hash of each file
        self.files: dict[str, bytes] = {}  # and the files themselves, as the last build made them
        self.session = secrets.token_hex(4)  # a page from an earlier session never matches
        self.builds = 0
        self.build = NO_BUILD

    def rebuild(self) -> Outcome:
        """Build again; on any problem keep the last good build in the folder."""
        started = time.perf_counter()
        try:
            files, warnings = self._render()
        except ContentError as error:
            return self._failed(
                started, [str(problem) for problem in error.problems], error.message
            )
        except CornerError as error:
            return self._failed(started, [error.message], "1 error")
        except TemplateError as error:
            return self._failed(started, [template_problem(error)], "1 error in the templates")
        except Exception as error:  # a bug: the preview keeps running and the traceback is logged
            log.exception("the preview build failed")
            failed = f"the build failed ({type(error).__name__}: {error}); see the terminal"
            return self._failed(started, [failed], "1 error")
        written = self._write(files)
        if written:
            self.builds += 1
            self.build = f"{self.session}-{self.builds}"
        return Outcome(
            self.build,
            written,
            warnings=[str(w) for w in warnings],
            seconds=time.perf_counter() - started,
        )

    def _render(self):
        content, warnings = check_content(self.content_dir)
        this_edition = edition(content, self.previous, build_date())
        files = render_site(
            content,
            self.base_url,
            this_edition,
            preview=True,
            templates=self.templates,
            kept=self.parts,
        )
        return files, warnings

    def _failed(self, started: float, problems: list[str], summary: str) -> Outcome:
        return Outcome(
            self.build, problems=problems, summary=summary, seconds=time.perf_counter() - started
        )

    def _write(self, files: dict[str, bytes]) -> int:
        """Write the files that changed, each replaced in one step; remove those the build
        dropped."""
        digests = {  # a file kept from the last build (the same object) has the same hash
            path: self.digests[path]
            if self.files.get(path) is data
            else hashlib.blake2b(data, digest_size=16).digest()
            for path, data in files.items()
        }
        changed = [path for path, digest in digests.items() if self.digests.get(path) != digest]
        for path in changed:
            target = self.folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            staged = target.with_name(f".{target.name}.new")
            staged.write_bytes(files[path])
            os.replace(staged, target)  # a page requested meanwhile is the old one or the new one
        gone = self.digests.keys() - digests.keys()
        for path in gone:
            (self.folder / path).unlink(missing_ok=True)
        self.digests, self.files = digests, files
        return len(changed) + len(gone)
