"""The build cache: what a command-line build keeps for the next one into the same --out, so that
a one-entry change renders and indexes one entry (the live preview keeps the same in memory).

It is kept beside the output folder, in .<name>-cache/ (outside it: never published), and holds the
data of the content files found valid (content/known.py KNOWN: a file with the same bytes is not
parsed or checked again) with the fingerprints of entries, each entry's rendered parts and search
terms and each section's page (site/entry_pages.py KeptParts) and the compiled templates (Jinja's
own bytecode cache, each used only while its template's source is the same). Each is used again only
while what it is made of is the same, and all of it only with the same code: a hash of corner/'s
Python files and of the Python and Jinja versions. A cache that is missing, unreadable or from other
code is ignored (the build then renders everything); one that cannot be saved costs the next build
its time, nothing else.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import marshal
import os
import sys
from pathlib import Path

import jinja2

from .content import known
from .site.entry_pages import KeptParts

CODE_DIR = Path(__file__).resolve().parent
CACHE_FILE = "build.marshal"
log = logging.getLogger(__name__)


def cache_folder(out_dir: Path) -> Path:
    """Where the builds into out_dir keep their cache: .<name>-cache beside it."""
    out_dir = out_dir.resolve()
    return out_dir.with_name(f".{out_dir.name}-cache")


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code that makes what the cache holds."""
    digest = hashlib.sha256(f"{sys.version}|{jinja2.__version__}".encode())
    for path in sorted(CODE_DIR.rglob("*.py")):
        digest.update(path.relative_to(CODE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def compiled_templates(out_dir: Path) -> jinja2.BytecodeCache | None:
    """Jinja's cache of compiled templates for the builds into out_dir (None where it cannot be
    made: templates are compiled anew)."""
    folder = cache_folder(out_dir) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(os.fspath(folder))


def load_kept(out_dir: Path) -> KeptParts:
    """The entries' parts and terms and the section pages the last build into out_dir kept (none
    if there are none of this code's); the content files it found valid, and their entries'
    fingerprints, go to content/known.py."""
    kept = KeptParts()
    try:
        saved = marshal.loads((cache_folder(out_dir) / CACHE_FILE).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return kept
    if isinstance(saved, dict) and saved.get("code") == code_version():
        kept.scope, kept.parts = saved["scope"], saved["parts"]
        kept.section_scope, kept.sections = saved["section_scope"], saved["sections"]
        known.KNOWN.update(saved["known"])
        known.remember_fingerprints(saved["fingerprints"])
    return kept


def save_kept(out_dir: Path, kept: KeptParts) -> None:
    """Keep the entries' parts and terms, the section pages, and the valid content files with
    their entries' fingerprints, for the next build into out_dir."""
    folder = cache_folder(out_dir)
    staged = folder / (CACHE_FILE + ".new")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(
            marshal.dumps(
                {
                    "code": code_version(),
                    "scope": kept.scope,
                    "parts": kept.parts,
                    "section_scope": kept.section_scope,
                    "sections": kept.sections,
                    "known": known.KNOWN,
                    "fingerprints": known.known_fingerprints(),
                }
            )
        )
        os.replace(staged, folder / CACHE_FILE)
    except OSError as error:
        log.warning("the build cache could not be saved in %s: %s", folder, error.strerror)
