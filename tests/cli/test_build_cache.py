"""The build cache beside --out: a one-entry change renders that entry again, and those that show
it (as related), no others, and the result is the build from scratch; a broken cache is not used."""

from __future__ import annotations

import json
import subprocess
import sys

from corner.cache import CACHE_FILE, cache_folder
from support import ROOT, edit_json

RENDERED = "INFO corner.site.entry_pages: {} of 20 entries rendered anew"


def build(content_dir, out, *args) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [
            sys.executable,
            "build.py",
            "-v",
            "build",
            "--content",
            str(content_dir),
            "--out",
            str(out),
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result


def snapshot(folder) -> dict:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_one_entry_changed_renders_it_and_those_relating_to_it_as_a_build_from_scratch(
    content_dir, tmp_path
):
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    relating = [
        path
        for path in (content_dir / "resources").glob("*.json")
        if "hsi-tip-line" in json.loads(path.read_text("utf-8")).get("related", [])
    ]
    assert relating
    assert RENDERED.format(20) in build(content_dir, out).stderr
    assert (cache_folder(out) / CACHE_FILE).is_file() and cache_folder(out).parent == tmp_path
    published = tmp_path / "published.json"
    published.write_bytes((out / "content-manifest.json").read_bytes())
    edit_json(
        content_dir / "resources/hsi-tip-line.json", lambda d: d.update(title="Tip Line (renamed)")
    )
    assert RENDERED.format(1 + len(relating)) in build(content_dir, out).stderr
    assert RENDERED.format(20) in build(content_dir, fresh, "--previous", published).stderr
    assert snapshot(out) == snapshot(fresh)
    assert b"Tip Line (renamed)" in (out / "resources/hsi-tip-line/index.html").read_bytes()
    assert RENDERED.format(0) in build(content_dir, out).stderr


def test_a_site_edit_renders_every_entry_again(content_dir, tmp_path):
    out = tmp_path / "site"
    build(content_dir, out)
    edit_json(
        content_dir / "site.json", lambda d: d.update(title="Another Corner")
    )  # every page shows it
    result = build(content_dir, out)
    assert RENDERED.format(20) in result.stderr
    assert b"Another Corner" in (out / "resources/hsi-tip-line/index.html").read_bytes()


def test_a_broken_cache_is_ignored(content_dir, tmp_path):
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    build(content_dir, out)
    (cache_folder(out) / CACHE_FILE).write_bytes(b"\x00 not a cache")
    assert RENDERED.format(20) in build(content_dir, out).stderr
    build(content_dir, fresh, "--previous", out)
    assert snapshot(out) == snapshot(fresh)


def test_a_file_found_valid_before_and_broken_since_is_reported(content_dir, tmp_path):
    out = tmp_path / "site"
    build(content_dir, out)
    edit_json(
        content_dir / "resources/hsi-tip-line.json", lambda d: d["contacts"][0].update(phone="123")
    )
    result = subprocess.run(
        [sys.executable, "build.py", "build", "--content", str(content_dir), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert (
        "resources/hsi-tip-line.json:" in result.stderr
        and '$.contacts[0].phone: "123" is not valid here' in result.stderr
    )
