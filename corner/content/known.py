"""What one load of the content keeps for the next: the files found valid, and their entries'
fingerprints.

KNOWN holds the data of the files the last load found valid (parsed, matching their schema), by a
hash of their schema, schema/ and their bytes, with whether the data holds an infinity: a file
with the same bytes is not parsed or checked again. A build reads KNOWN from its cache
(corner/cache.py), the live preview keeps it between rebuilds. Within one process, a file whose
size, times and inode are as they were is not even read again, and an entry is fingerprinted
only once while its data is the same (changes.py and entry_pages.py compare entries by it).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .schema import schemas_digest

KNOWN: dict[bytes, tuple[Any, bool]] = {}
_seen: dict[bytes, tuple[Any, bool]] = {}  # those of the load under way


def begin_load() -> None:
    _seen.clear()


def end_load() -> None:
    """Keep what this load found valid, and only that, for the next."""
    KNOWN.clear()
    KNOWN.update(_seen)


def key_of(schema_name: str, raw: bytes) -> bytes:
    """The KNOWN key of a file's bytes, checked against schema_name."""
    digest = hashlib.blake2b(schema_name.encode() + b"\0" + schemas_digest(), digest_size=16)
    digest.update(raw)
    return digest.digest()


def seen(key: bytes) -> tuple[Any, bool]:
    """A KNOWN file found again by this load: its data, and whether it holds an infinity."""
    _seen[key] = KNOWN[key]
    return _seen[key]


def found_valid(key: bytes, data: tuple[Any, bool]) -> None:
    _seen[key] = data


# Files an earlier load in this process found valid, by path: their stat then, their KNOWN key and
# their text. The live preview's rebuilds use it not to read thousands of unchanged files again. A
# file is read again when its size, times or inode differ, when forget() names it, or when it had
# been modified less than RACY_SECONDS before it was read: a second save within the file system's
# time resolution would leave its times as they were.
_files: dict[str, tuple[tuple, bytes, str]] = {}  # by the path's text: hashing a Path takes longer
RACY_SECONDS = 2


def stat_of(path: Path) -> tuple | None:
    """What says a file is as it was: its size, times and inode (None if it cannot be read)."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)


def recall(path: Path, stat: tuple | None) -> tuple[bytes, str] | None:
    """The KNOWN key and the text of a file read before that is as it was then, else None."""
    kept = _files.get(os.fspath(path))
    if stat is None or kept is None or kept[0] != stat or kept[1] not in KNOWN:
        return None
    return kept[1], kept[2]


def remember(path: Path, stat: tuple | None, read_at: int, key: bytes, text: str) -> None:
    """Remember a valid file read at read_at (time.time_ns()), with its stat from before the
    read, unless it changed meanwhile or too recently to trust its times."""
    if stat and stat[1] < read_at - RACY_SECONDS * 10**9 and stat == stat_of(path):
        _files[os.fspath(path)] = (stat, key, text)


def forget(paths) -> None:
    """Read these files again at the next load (the preview's watcher saw them change). A path
    may be absolute where the load's was relative to the working folder, or the other way round."""
    for path in paths:
        for spelling in {os.fspath(path), os.path.abspath(path), os.path.relpath(path)}:
            _files.pop(spelling, None)


def fingerprint(data) -> str:
    """A short hash of JSON data, the same for equal data."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# The last entry_fingerprints, by the identity of each entry's data (held here, so no other object
# takes its id): unchanged files give the same objects again (KNOWN), and content is not modified
# once loaded.
_fingerprints: dict[int, tuple[dict, str]] = {}


def entry_fingerprints(resources: dict[str, dict]) -> dict[str, str]:
    """{id: fingerprint(entry)}, made anew only for entries not fingerprinted last time: the
    build compares entries in several steps, the live preview on every save."""
    made = {}
    for resource in resources.values():
        earlier = _fingerprints.get(id(resource))
        fresh = earlier is not None and earlier[0] is resource
        made[id(resource)] = earlier if fresh else (resource, fingerprint(resource))
    _fingerprints.clear()
    _fingerprints.update(made)
    return {rid: made[id(resource)][1] for rid, resource in resources.items()}


def known_fingerprints() -> dict[bytes, str]:
    """The fingerprints of KNOWN files' data, by KNOWN key: for the build cache."""
    return {
        key: _fingerprints[id(data)][1]
        for key, (data, _) in KNOWN.items()
        if _fingerprints.get(id(data), (None,))[0] is data
    }


def remember_fingerprints(saved: dict[bytes, str]) -> None:
    """Take the fingerprints known_fingerprints gave for KNOWN files' data as made."""
    for key, fingerprint_made in saved.items():
        if key in KNOWN:
            data = KNOWN[key][0]
            _fingerprints[id(data)] = (data, fingerprint_made)
