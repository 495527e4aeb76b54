"""`serve`: the live preview's folder, its watcher and messages, its options, and Ctrl+C."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from corner.commands.serve import Reporter
from corner.preview.builder import Outcome
from corner.preview.session import PreviewSession
from support import ROOT, edit_json
from support import run_cli as run

TIP_LINE = "resources/hsi-tip-line.json"


def test_serve_reports_a_busy_port_cleanly(content_dir):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--content", content_dir, "--port", port)
    assert result.exit_code == 1
    assert f"port {port} is already in use" in result.output


@pytest.mark.parametrize(
    ("host", "message"),
    [
        (
            "my computer",
            "--host must be an IPv4 address of this computer, such as 127.0.0.1 (this computer "
            "only) or 0.0.0.0 (every network it is on), not 'my computer'",
        ),
        ("::1", "--host must be an IPv4 address"),
        (
            "192.0.2.1",
            "cannot serve on 192.0.2.1: it is not an address of this computer",
        ),  # a documentation address
    ],
)
def test_serve_refuses_a_host_it_cannot_listen_on(content_dir, host, message):
    result = run("serve", "--content", content_dir, "--port", 0, "--host", host)
    assert result.exit_code == 1
    assert message in result.output


def test_serve_built_needs_a_build(tmp_path):
    result = run("serve", "--built", tmp_path)
    assert result.exit_code == 1
    assert f"--built {tmp_path}: no build there; run python build.py build first" in result.output


def start_serve(*args, tmp: Path) -> tuple[subprocess.Popen, str]:
    """`build.py serve` in its own process, as from a terminal (Ctrl+C works); its address."""
    tmp.mkdir(exist_ok=True)
    server = subprocess.Popen(
        [sys.executable, "build.py", "serve", "--port", "0", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp)},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    for line in server.stdout:
        found = re.match(r"Serving .* at (http://127\.0\.0\.1:\d+/) {2}\(Ctrl\+C to stop\)$", line)
        if found:
            return server, found[1]
    raise AssertionError(f"serve ended without serving: {server.wait()}")


def get(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:
        return response.read()


def stop(server: subprocess.Popen, how: signal.Signals = signal.SIGINT) -> str:
    server.send_signal(how)  # SIGINT: Ctrl+C
    output = server.communicate(timeout=30)[0]
    assert server.returncode == 0, output
    return output


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl+C", "kill"])
def test_serve_previews_from_a_folder_of_its_own_and_ctrl_c_stops_it_cleanly(
    content_dir, tmp_path, how
):
    server, url = start_serve("--content", content_dir, tmp=tmp_path / "tmp")
    try:
        [folder] = (tmp_path / "tmp").iterdir()
        assert folder.name.startswith("corner-preview-") and (folder / "index.html").is_file()
        assert b"<h1>HSI Tip Line</h1>" in get(url + "resources/hsi-tip-line/")
        assert b'<script type="module" src="/_preview/preview.js"></script>' in get(url)
        assert get(url + "sw.js") == (ROOT / "pwa/preview/sw.js").read_bytes()  # saves nothing
        assert not list(
            folder.rglob("*.gz")
        )  # a preview is not compressed: it is read on this computer
    finally:
        output = stop(server, how)
    assert output.splitlines()[-1] == "Stopped."
    assert "Traceback" not in output
    assert list((tmp_path / "tmp").iterdir()) == []


def test_serve_built_serves_a_published_build_as_it_is(content_dir, tmp_path):
    out = tmp_path / "site"
    assert run("build", "--content", content_dir, "--out", out).exit_code == 0
    server, url = start_serve("--built", out, tmp=tmp_path / "tmp")
    try:
        assert get(url + "sw.js") == (out / "sw.js").read_bytes()
        assert get(url) == (out / "index.html").read_bytes()
    finally:
        assert stop(server).splitlines()[-1] == "Stopped."


@pytest.fixture
def session(content_dir):
    """A preview session with its watcher running, quick to react."""
    preview = PreviewSession(content_dir, "/")
    preview.rebuild()
    watching = threading.Event()
    thread = threading.Thread(
        target=preview.watch,
        args=(lambda outcome, changed: None,),
        daemon=True,
        kwargs={"step_ms": 20, "ready": watching.set},
    )
    thread.start()
    assert watching.wait(30)
    yield preview
    preview.stop()
    thread.join(timeout=30)
    assert not thread.is_alive() and not preview.folder.exists()


def next_state(channel, seen: int) -> tuple[int, dict]:
    """Wait for what the channel says next (as every open page hears it)."""
    news = channel.next(seen, timeout=30)
    assert news is not None and news[1] is not None, "no rebuild followed the save"
    return news


def test_a_save_rebuilds_the_preview_and_tells_every_page(session, content_dir):
    seen, first = next_state(session.channel, -1)
    page = session.folder / "resources/hsi-tip-line/index.html"
    assert not session.folder.is_relative_to(ROOT)  # never dist/ or any folder of the project

    edit_json(content_dir / TIP_LINE, lambda d: d.update(title="HSI Tip Line (edited)"))
    seen, state = next_state(session.channel, seen)
    assert state["build"] != first["build"] and state["problems"] == []
    assert "<h1>HSI Tip Line (edited)</h1>" in page.read_text("utf-8")

    good = (content_dir / TIP_LINE).read_text("utf-8")
    (content_dir / TIP_LINE).write_text(
        good.replace('"kind": "contact"', '"kind": "contacts"'), "utf-8"
    )
    seen, broken = next_state(session.channel, seen)
    assert broken["build"] == state["build"]  # the last good preview stays
    assert len(broken["problems"]) == 1 and re.match(
        rf"{re.escape(str(content_dir / TIP_LINE))}:\d+:\d+: \$\.kind: ", broken["problems"][0]
    )
    assert "<h1>HSI Tip Line (edited)</h1>" in page.read_text("utf-8")

    (content_dir / TIP_LINE).write_text(
        good, "utf-8"
    )  # fixed: the same output as before the mistake
    seen, fixed = next_state(session.channel, seen)
    assert fixed == {"build": state["build"], "problems": []}


def test_the_terminal_shows_each_problem_as_validate_does_and_then_what_is_served(capsys):
    report = Reporter()
    problems = ["content/resources/a.json:3:5: $.title: 12 is not text in quotes"]
    saved = [Path("content/resources/a.json")]
    report(Outcome("none", problems=problems, summary="1 error(s), 0 warning(s)"), [])
    report(Outcome("s-1", seconds=0.31, written=50), saved)
    report(Outcome("s-1", problems=problems, summary="1 error(s), 0 warning(s)"), saved)
    report(Outcome("s-2", written=2, seconds=0.05), saved)
    shown = capsys.readouterr()
    assert shown.err.splitlines() == [
        problems[0],
        "1 error(s), 0 warning(s): nothing to preview until they are fixed.",
        problems[0],
        "1 error(s), 0 warning(s): the preview keeps showing the last good build.",
    ]
    assert shown.out.splitlines() == [
        "Rebuilt in 0.31 s after a change to content/resources/a.json (50 files). The problems "
        "are fixed.",
        "Rebuilt in 0.05 s after a change to content/resources/a.json (2 files). The problems are "
        "fixed.",
    ]


def test_two_rebuilds_at_once_both_succeed_and_leave_the_new_page(content_dir):
    """A rebuild asked for while another is under way (the watcher's, and a test's or a script's)
    waits for it: run at once, both staged the same files under the same names and one failed."""
    preview = PreviewSession(content_dir, "/")
    try:
        preview.rebuild()
        failures = []
        for attempt in range(6):
            title = f"HSI Tip Line ({attempt})"
            edit_json(content_dir / TIP_LINE, lambda d, title=title: d.update(title=title))

            def rebuild():
                try:
                    preview.rebuild([content_dir / TIP_LINE])
                except Exception as error:  # what the watcher's thread would die of
                    failures.append(repr(error))

            threads = [threading.Thread(target=rebuild) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            page = (preview.folder / "resources/hsi-tip-line/index.html").read_text("utf-8")
            assert f"<h1>{title}</h1>" in page
        assert failures == []
    finally:
        preview.stop()


def test_content_broken_from_the_start_gets_a_waiting_page_until_it_is_fixed(content_dir):
    good = (content_dir / TIP_LINE).read_text("utf-8")
    (content_dir / TIP_LINE).write_text("{", "utf-8")
    preview = PreviewSession(content_dir, "/corner/")
    try:
        outcome = preview.rebuild()
        preview.start()
        assert outcome.failed and outcome.problems[0].startswith(
            f"{content_dir / TIP_LINE}:1:2: $: invalid JSON"
        )
        url = f"http://127.0.0.1:{preview.address[1]}/corner/"
        with pytest.raises(urllib.error.HTTPError) as waiting:
            get(url + "resources/hsi-tip-line/")
        page = waiting.value.read().decode("utf-8")
        assert waiting.value.code == 503 and "<h1>Nothing to preview yet</h1>" in page
        assert (
            '<script type="module" src="/corner/_preview/preview.js"></script>' in page
        )  # it shows the problems
        (content_dir / TIP_LINE).write_text(good, "utf-8")
        assert not preview.rebuild().failed
        assert b"<h1>HSI Tip Line</h1>" in get(url + "resources/hsi-tip-line/")
    finally:
        preview.stop()
