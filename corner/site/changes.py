"""Step 2, what changed since the last build: for the update prompt and the What's new page.

Each build writes its content manifest, content-manifest.json (a hash per resource, and the
history of changes), into the output; the next build compares against it: the one in the folder
it replaces, or the one an editor names (`build --previous`, e.g. the live site's). It is not the
web app manifest (assets.py WEB_MANIFEST) nor the precache list (service_worker.py).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from ..content.known import entry_fingerprints, fingerprint
from ..content.load import source_date
from ..errors import CornerError

CONTENT_MANIFEST = "content-manifest.json"
CONTENT_MANIFEST_VERSION = 1
# This build's content version, which pages read (pwa/lifecycle.js) rather than carry.
EDITION = "edition.json"
HISTORY_LENGTH = 12  # builds with changes, newest first


def build_date() -> str:
    """The day of this build as dated on What's new (UTC, or SOURCE_DATE_EPOCH's)."""
    return (source_date() or datetime.datetime.now(datetime.UTC).date()).isoformat()


@dataclass
class Edition:
    """The content a build carries: since when (its last change), a fingerprint, and its history;
    and the content manifest that records them for the next build."""

    date: str
    content: str
    history: list[dict]
    content_manifest: bytes  # content-manifest.json as written


# Content besides entries, site and sections, each fingerprinted apart so that What's new and the
# update prompt can name it: content-manifest.json key → what content holds it.
OPTIONAL_PARTS = {"finder": "field_offices", "words": "synonyms"}


def content_fingerprints(content) -> dict:
    """Each resource's title and fingerprint, one fingerprint for the site and sections, and one
    for each of OPTIONAL_PARTS: what the next build compares with."""
    fingerprints = entry_fingerprints(content.resources)
    return {
        "resources": {
            rid: {"title": resource["title"], "hash": fingerprints[rid]}
            for rid, resource in sorted(content.resources.items())
        },
        "other": fingerprint({"site": content.site, "sections": content.sections}),
        **{key: fingerprint(getattr(content, name)) for key, name in OPTIONAL_PARTS.items()},
    }


def read_previous(out_dir: Path) -> dict | None:
    """The content manifest an earlier build left in out_dir, if there is a readable one."""
    return _read_content_manifest(out_dir / CONTENT_MANIFEST)


def read_named(path: Path) -> dict:
    """The previous published build's content manifest, named by the editor: a
    content-manifest.json (such as the live site's, downloaded) or a folder holding one. Unlike
    a folder that happens to be there, a named one must be readable."""
    file = path / CONTENT_MANIFEST if path.is_dir() else path
    if not file.is_file():
        raise CornerError(
            f"--previous {path}: no {CONTENT_MANIFEST} there; name the previous "
            f"build's {CONTENT_MANIFEST} or the folder holding it"
        )
    data = _read_content_manifest(file)
    if data is None:
        raise CornerError(
            f"--previous {file}: not a {CONTENT_MANIFEST} a build of this version wrote"
        )
    return data


def _read_content_manifest(file: Path) -> dict | None:
    try:
        data = json.loads(file.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    valid = (
        isinstance(data, dict)
        and data.get("version") == CONTENT_MANIFEST_VERSION
        and isinstance(data.get("resources"), dict)
        and isinstance(data.get("history"), list)
        and all(
            isinstance(item, dict) and isinstance(item.get("title"), str)
            for item in data["resources"].values()
        )
        and all(
            isinstance(entry, dict) and isinstance(entry.get("date"), str)
            for entry in data["history"]
        )
    )
    return data if valid else None


def compare(previous: dict, current: dict) -> dict:
    """Resources added, updated and removed (as {id, title}, by title), whether the site or the
    sections changed, and which of OPTIONAL_PARTS changed (named only if they did; a manifest
    written before they were fingerprinted says nothing of them)."""
    before, after = previous["resources"], current["resources"]

    def listing(ids, resources):
        return sorted(
            ({"id": rid, "title": resources[rid]["title"]} for rid in ids),
            key=lambda item: item["title"].lower(),
        )

    both = after.keys() & before.keys()
    return {
        "added": listing(after.keys() - before.keys(), after),
        "updated": listing(
            {rid for rid in both if before[rid].get("hash") != after[rid]["hash"]}, after
        ),
        "removed": listing(before.keys() - after.keys(), before),
        "other": previous.get("other") != current["other"],
        **{key: True for key in OPTIONAL_PARTS if previous.get(key, current[key]) != current[key]},
    }


def edition(content, previous: dict | None, today: str) -> Edition:
    """This build's edition, compared with the previous build's content manifest: unchanged
    content keeps the previous date and history."""
    current = content_fingerprints(content)
    digest = fingerprint(current)
    history = list(previous["history"]) if previous else []
    if not previous:
        history = [{"date": today, "content": digest, "published": len(content.resources)}]
    elif any((change := compare(previous, current)).values()):  # an entry listed, a part changed
        history = [{"date": today, "content": digest, **change}, *history][:HISTORY_LENGTH]
    else:
        # Unchanged content keeps its edition, even where the manifest now holds more than the
        # previous one did (pages and the update prompt know an edition by this digest).
        digest = previous.get("content", digest)
    data = {"version": CONTENT_MANIFEST_VERSION, "content": digest, **current, "history": history}
    written = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    return Edition(
        date=history[0]["date"],
        content=digest,
        history=history,
        content_manifest=written.encode("utf-8"),
    )
