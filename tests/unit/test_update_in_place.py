"""A folder holding a build is updated in place, only where it changed, and never left as one a
browser would install wrongly: every file whole, the service worker last, nothing of the earlier
build removed before it (corner/output/write.py)."""

from __future__ import annotations

import os
import threading

import pytest

from corner.commands.build import build
from corner.errors import CornerError
from corner.output import write
from corner.output.write import write_build
from support import edit_json, read_build

WORKER = ["sw.js.gz", "sw.js.br", "sw.js"]
UPDATES = 200


def site(number: int, dropped: bool = False) -> dict[str, bytes]:
    files = {
        "index.html": b"page " * number,
        "sw.js": b"worker %d" % number,
        "sw.js.gz": b"gz %d" % number,
        "sw.js.br": b"br %d" % number,
    }
    if not dropped:
        files["resources/gone/index.html"] = b"an entry"
    return files


def test_a_reader_never_finds_a_page_missing_or_half_written_while_builds_update_it(tmp_path):
    out = tmp_path / "dist"
    write_build(out, site(1))
    seen, stop = set(), threading.Event()

    def look() -> None:  # what a web server does: read the page by its path, again and again
        while not stop.is_set():
            try:
                seen.add((out / "index.html").read_bytes())
            except FileNotFoundError:
                seen.add(b"missing")

    watcher = threading.Thread(target=look)
    watcher.start()
    try:
        for number in range(2, UPDATES + 1):
            write_build(out, site(number))
    finally:
        stop.set()
        watcher.join()
    assert len(seen) > 1 and seen <= {b"page " * number for number in range(1, UPDATES + 1)}
    assert sorted(os.listdir(out)) == [".corner-build", "index.html", "resources", *sorted(WORKER)]


def test_the_worker_comes_after_every_file_it_names_and_nothing_is_removed_before_it(
    tmp_path, monkeypatch
):
    out = tmp_path / "dist"
    write_build(out, site(1))
    events, replace, unlink = [], os.replace, os.unlink

    def replaced(source, target) -> None:
        events.append(("write", os.path.relpath(target, out)))
        replace(source, target)

    def removed(path, *args, **kwargs) -> None:
        events.append(("remove", os.path.relpath(path, out)))
        unlink(path, *args, **kwargs)

    monkeypatch.setattr(write.os, "replace", replaced)
    monkeypatch.setattr(write.os, "unlink", removed)
    write_build(out, site(2, dropped=True), last=WORKER)
    files = [path for kind, path in events if kind == "write" and path != ".corner-build"]
    assert files == ["index.html", *WORKER]
    assert [path for kind, path in events if kind == "remove"] == ["resources/gone/index.html"]
    assert events.index(("remove", "resources/gone/index.html")) > events.index(("write", "sw.js"))
    assert not (out / "resources").exists()  # the dropped entry's folder too
    assert (out / ".corner-build").read_text().split() == ["index.html", *sorted(WORKER)]


def test_a_build_that_fails_halfway_leaves_every_file_the_last_worker_names(
    content_dir, tmp_path, monkeypatch
):
    out = tmp_path / "dist"
    build(content_dir, out)
    published = tmp_path / "published.json"
    published.write_bytes((out / "content-manifest.json").read_bytes())
    worker = (out / "sw.js").read_bytes()
    named = [url.removeprefix("/") for url in read_build(worker)["precache"]]
    listed = (out / ".corner-build").read_text().split()
    edit_json(content_dir / "site.json", lambda data: data.update(title="Renamed Corner"))
    replace, written = os.replace, []

    def failing(source, target) -> None:  # the disk fills up after a few files
        if len(written) == 5:
            raise OSError(28, "No space left on device")
        written.append(target)
        replace(source, target)

    monkeypatch.setattr(write.os, "replace", failing)
    with pytest.raises(CornerError, match="No space left on device"):
        build(content_dir, out)
    assert (out / "sw.js").read_bytes() == worker
    assert all(
        (out / (path + "index.html" if path.endswith("/") or not path else path)).is_file()
        for path in named
    )
    assert all((out / path).is_file() for path in listed)
    assert not [path for path in out.rglob("*") if path.name.endswith(write.STAGED)]
    assert (out / "content-manifest.json").read_bytes() == published.read_bytes()
    monkeypatch.setattr(write.os, "replace", replace)
    build(content_dir, out)  # the next build finishes the job: the folder holds it alone
    fresh = tmp_path / "fresh"
    build(content_dir, fresh, previous=published)
    assert snapshot(out) == snapshot(fresh)


def snapshot(folder) -> dict:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_keeping_a_file_the_earlier_build_does_not_have_is_refused(tmp_path):
    out = tmp_path / "dist"
    write_build(out, site(1))
    with pytest.raises(CornerError, match="the earlier build has no such file"):
        write_build(out, {"index.html": b"new"}, kept={"nope.html"})
    assert (out / "index.html").read_bytes() == b"page "
