"""The command line as an editor uses it: exit codes, exact messages, nothing half-written."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from support import ROOT, edit_json
from support import run_cli as run


def snapshot(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_validate_accepts_the_default_content():
    result = run("validate")
    assert result.exit_code == 0
    assert result.output.strip() == "20 resources in 3 sections: content is valid."


def test_validate_reports_every_problem_as_file_line_column_path_message(content_dir):
    edit_json(
        content_dir / "resources/hsi-tip-line.json", lambda d: d["contacts"][0].update(phone="123")
    )
    edit_json(
        content_dir / "resources/child-exploitation.json", lambda d: d.update(related=["nope"])
    )
    result = run("validate", "--content", content_dir)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert (
        lines[0] == f"{content_dir}/resources/child-exploitation.json:21:5: $.related[0]: "
        'resource "nope" does not exist: expected a file resources/nope.json'
    )
    assert lines[1].startswith(
        f'{content_dir}/resources/hsi-tip-line.json:33:16: $.contacts[0].phone: "123" is not valid '
        "here."
    )
    assert lines[-1] == "Error: 2 error(s), 0 warning(s)"


def test_missing_content_folder_is_a_clean_error(tmp_path):
    result = run("validate", "--content", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert result.output == f"Error: content folder not found: {tmp_path / 'nowhere'}\n"


def test_build_writes_the_site_under_the_base_url(content_dir, tmp_path):
    out = tmp_path / "site"
    result = run("build", "--content", content_dir, "--out", out, "--base-url", "/corner")
    assert result.exit_code == 0
    written = [path for path in out.rglob("*") if path.is_file() and path.name != ".corner-build"]
    pages = [path for path in written if path.suffix == ".html"]
    # Entries, sections; home, all sections, search, offline, 404, what's new, my list, contacts and
    # the field offices.
    assert len(pages) == 20 + 3 + 9
    assert result.stdout.startswith(f"Built {len(pages)} pages ({len(written)} files, ")
    home = (out / "index.html").read_text()
    assert 'href="/corner/resources/law-enforcement-support-center/"' in home
    assert json.loads((out / "manifest.webmanifest").read_text())["scope"] == "/corner/"
    assert (out / "resources/287g-program/index.html").is_file()


def test_failed_build_leaves_the_previous_output_byte_for_byte(content_dir, tmp_path):
    out = tmp_path / "site"
    assert run("build", "--content", content_dir, "--out", out).exit_code == 0
    before = snapshot(out)
    edit_json(content_dir / "resources/hsi-tip-line.json", lambda d: d.update(title="Renamed"))
    (content_dir / "resources/human-trafficking.json").write_text("{ not json")
    result = run("build", "--content", content_dir, "--out", out)
    assert result.exit_code == 1
    assert f"nothing was written to {out}" in result.output
    assert snapshot(out) == before
    # No temporary folders left: only the build cache of the first build (corner/cache.py).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-cache", "content", "site"]


def test_build_refuses_to_replace_a_folder_that_is_not_a_build(content_dir, tmp_path):
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "todo.txt").write_text("keep me")
    result = run("build", "--content", content_dir, "--out", precious)
    assert result.exit_code == 1
    assert "refusing to replace" in result.output
    assert (precious / "todo.txt").read_text() == "keep me"


@pytest.mark.parametrize("bad", ["corner/", "//evil.example/", "/a b/"])
def test_bad_base_url_is_a_clean_error(content_dir, tmp_path, bad):
    result = run("build", "--content", content_dir, "--out", tmp_path / "o", "--base-url", bad)
    assert result.exit_code == 2 or result.exit_code == 1
    assert "--base-url must be a path such as / or /corner/" in result.output


def test_help_explains_each_command_with_an_example():
    for command in ([], ["validate"], ["build"], ["serve"]):
        result = subprocess.run(
            [sys.executable, "build.py", *command, "--help"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0
        assert "python build.py" in result.stdout


def test_build_keeps_files_it_did_not_write(content_dir, tmp_path):
    out = tmp_path / "site"
    assert run("build", "--content", content_dir, "--out", out).exit_code == 0
    (out / "CNAME").write_text("corner.example.org\n")  # e.g. a hosting setting added by hand
    result = run("build", "--content", content_dir, "--out", out)
    assert result.exit_code == 1
    assert "it holds files no build wrote (CNAME)" in result.output
    assert (out / "CNAME").is_file() and (out / "index.html").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["serve", "--port", "70000"],
            "Invalid value for '--port': 70000 is not in the range 0<=x<=65535",
        ),
        (
            ["serve", "--out", "dist"],
            "No such option: --out",
        ),  # the preview has a folder of its own, always
        (["build", "--out", "README.md/dist"], "cannot write the site to"),
    ],
)
def test_impossible_options_are_clean_errors(args, message):
    result = run(*args)
    assert result.exit_code in (1, 2) and message in result.output


def test_two_builds_in_separate_processes_are_byte_identical(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"build-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "build.py", "build", "--out", str(out)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append(snapshot(out))
    assert outputs[0] == outputs[1] and len(outputs[0]) > 40


def test_a_fact_dated_today_anywhere_on_earth_is_not_in_the_future(content_dir):
    import datetime

    # Kiritimati (UTC+14) is always at least a day ahead of Pago Pago (UTC-11).
    kiritimati_today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=14))).date()
    edit_json(
        content_dir / "resources/hsi-tip-line.json",
        lambda d: d["source"].update(as_of=kiritimati_today.isoformat()),
    )
    result = subprocess.run(
        [sys.executable, "build.py", "validate", "--content", str(content_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "Pacific/Pago_Pago"},
    )
    assert result.returncode == 0, result.stderr


def test_a_rebuild_after_one_change_rewrites_only_what_changed_and_equals_a_fresh_build(
    content_dir, tmp_path
):
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    assert run("build", "--content", content_dir, "--out", out).exit_code == 0
    # The same previous build, with only what the next build reads from it: it must write
    # everything.
    shutil.copytree(out, fresh)
    for path in fresh.rglob("*"):
        if path.is_file() and path.name not in ("content-manifest.json", ".corner-build"):
            path.unlink()
    inode = {
        path: (out / path).stat().st_ino
        for path in [
            "resources/hsi-tip-line/index.html",
            "resources/287g-program/index.html",
            "resources/287g-program/index.html.gz",
            "assets/app.css.br",
        ]
    }
    edit_json(
        content_dir / "resources/hsi-tip-line.json",
        lambda d: d.update(summary=d["summary"] + " Renamed."),
    )
    result = run("build", "--content", content_dir, "--out", out)
    assert result.exit_code == 0
    written = int(result.output.split(" written, ")[0].rsplit(" ", 1)[1])
    assert 0 < written < 40, (
        result.output
    )  # the page, its section, the search files, the service worker…
    # Unchanged files are the very same files (linked, not rewritten); the changed page is new.
    assert (out / "resources/hsi-tip-line/index.html").stat().st_ino != inode[
        "resources/hsi-tip-line/index.html"
    ]
    assert all(
        (out / path).stat().st_ino == number
        for path, number in inode.items()
        if "hsi-tip-line" not in path
    )
    assert b"Renamed." in (out / "resources/hsi-tip-line/index.html").read_bytes()
    result = run("build", "--content", content_dir, "--out", fresh)
    assert " 0 unchanged since" in result.output
    assert snapshot(out) == snapshot(fresh)
    assert "0 written" in run("build", "--content", content_dir, "--out", out).output


def test_a_build_shows_progress_only_once_it_has_taken_a_second(content_dir, tmp_path, monkeypatch):
    from corner.commands import build

    # The clock is the test's: a loaded machine can take over a second for the "quick" build.
    monkeypatch.setattr(build.time, "monotonic", lambda: 0.5)  # time stands still: a quick build
    quick = run("build", "--content", content_dir, "--out", tmp_path / "quick")
    assert quick.exit_code == 0 and "Building" not in quick.stderr
    clock = iter(range(0, 1000, 1))  # every look at the clock a second later: a slow build
    monkeypatch.setattr(build.time, "monotonic", lambda: next(clock))
    slow = run("build", "--content", content_dir, "--out", tmp_path / "slow")
    assert slow.exit_code == 0 and slow.stderr.startswith("Building")
    assert slow.stdout.startswith("Built ")  # the summary stays on its own stream


def whats_new_entries(out) -> list[dict]:
    return json.loads((out / "content-manifest.json").read_text("utf-8"))["history"]


def test_build_compares_with_the_previous_published_build_an_editor_names(content_dir, tmp_path):
    live, out = tmp_path / "live", tmp_path / "out"
    assert run("build", "--content", content_dir, "--out", live).exit_code == 0
    edit_json(
        content_dir / "resources/foia-library.json",
        lambda d: d.update(title="FOIA Library (renamed)"),
    )
    # A fresh folder, and the live site's manifest named: the history goes on from the live site's.
    for previous in (live / "content-manifest.json", live):
        shutil.rmtree(out, ignore_errors=True)
        assert (
            run("build", "--content", content_dir, "--out", out, "--previous", previous).exit_code
            == 0
        )
        history = whats_new_entries(out)
        assert [entry["updated"] for entry in history[:1]] == [
            [{"id": "foia-library", "title": "FOIA Library (renamed)"}]
        ]
        assert history[1:] == whats_new_entries(live)
    # Named, it wins over the manifest the output folder holds (here, a draft build's).
    edit_json(
        content_dir / "resources/foia-library.json",
        lambda d: d.update(title="FOIA Library (draft 2)"),
    )
    assert run("build", "--content", content_dir, "--out", out, "--previous", live).exit_code == 0
    assert len(whats_new_entries(out)) == 2
    # Not named: the output folder's own, as before.
    assert run("build", "--content", content_dir, "--out", out).exit_code == 0
    assert len(whats_new_entries(out)) == 2  # unchanged content: the same history
    edit_json(
        content_dir / "resources/foia-library.json",
        lambda d: d.update(title="FOIA Library (draft 3)"),
    )
    assert run("build", "--content", content_dir, "--out", out).exit_code == 0
    assert len(whats_new_entries(out)) == 3


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "missing.json", "no content-manifest.json there"),
        (lambda folder: folder, "no content-manifest.json there"),
        (
            lambda folder: (
                (folder / "content-manifest.json").write_text("{ not json")
                and folder / "content-manifest.json"
            ),
            "not a content-manifest.json a build of this version wrote",
        ),
    ],
)
def test_a_named_previous_build_that_cannot_be_read_is_a_clean_error(
    content_dir, tmp_path, make, message
):
    named = make(tmp_path)
    result = run("build", "--content", content_dir, "--out", tmp_path / "out", "--previous", named)
    assert result.exit_code == 1
    assert f"--previous {named}" in result.output and message in result.output
    assert not (tmp_path / "out").exists()
