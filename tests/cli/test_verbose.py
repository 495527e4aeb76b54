"""-v as its help says: each step logged, and an internal error's traceback shown."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from build import cli
from corner.commands import build as building
from corner.commands.build import STEPS
from support import ROOT

STEP_LINE = "INFO corner.commands.build: {}: "


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def break_rendering(monkeypatch):
    """A bug in the build's second step: an exception no command expects."""

    def render_site(*args, **kwargs):
        raise KeyError("entry-parts")

    monkeypatch.setattr(building, "render_site", render_site)


def run_build(*args) -> subprocess.CompletedProcess:
    """build.py in a process of its own, so that its logging is set up as an editor's is."""
    return subprocess.run(
        [sys.executable, "build.py", *map(str, args)], cwd=ROOT, capture_output=True, text=True
    )


def test_verbose_logs_each_step_of_the_build_with_its_seconds(content_dir, tmp_path):
    result = run_build("-v", "build", "--content", content_dir, "--out", tmp_path / "site")
    assert result.returncode == 0
    logged = [
        line for line in result.stderr.splitlines() if line.startswith("INFO corner.commands")
    ]
    assert [line.split(": ")[1] for line in logged] == list(STEPS)
    assert all(
        line.startswith(STEP_LINE.format(step)) and line.endswith(" s")
        for line, step in zip(logged, STEPS, strict=True)
    )
    quiet = run_build("build", "--content", content_dir, "--out", tmp_path / "quiet")
    assert quiet.returncode == 0 and "INFO" not in quiet.stderr


def test_an_internal_error_says_it_is_a_bug_and_how_to_see_its_traceback(
    content_dir, tmp_path, monkeypatch
):
    break_rendering(monkeypatch)
    out = tmp_path / "site"
    result = invoke("build", "--content", content_dir, "--out", out)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        "Error: internal error (a bug in Corner, not a mistake in the content or the command): "
        "KeyError: 'entry-parts'. Run the same command again with -v (python build.py -v …) to "
        "see where it happened, and include that traceback when you report it."
    ]
    assert not out.exists()  # nothing was written


def test_with_verbose_an_internal_error_shows_its_traceback(content_dir, tmp_path, monkeypatch):
    break_rendering(monkeypatch)
    result = invoke("-v", "build", "--content", content_dir, "--out", tmp_path / "site")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    start = lines.index("Traceback (most recent call last):")
    assert "in render_site" in "\n".join(lines[start:])  # it names where the error was raised
    assert lines[-2] == "KeyError: 'entry-parts'"
    assert lines[-1] == (
        "Error: internal error (a bug in Corner, not a mistake in the content or "
        "the command): KeyError: 'entry-parts'."
    )


def test_expected_failures_stay_one_clean_line_with_verbose(tmp_path):
    result = invoke("-v", "validate", "--content", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert result.stderr == f"Error: content folder not found: {tmp_path / 'nowhere'}\n"
