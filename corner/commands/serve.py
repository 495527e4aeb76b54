"""The serve command: the live preview (preview/), or a finished build served as a host would.

The preview is built into a temporary folder of its own (never dist/: What's new shows only what
`build` published), served with the headers of a deployment, and rebuilt in this process on every
save to the content, templates/, pwa/ or schema/. Every open page reloads itself; a content
mistake is shown in the terminal and over the last good build, which keeps being served.
"""

from __future__ import annotations

import signal
import socket
import threading
from pathlib import Path

import click

from ..content.jsonfile import display_path
from ..errors import CornerError
from ..output.write import holds_a_build
from ..preview.builder import NO_BUILD, Outcome
from ..preview.session import PreviewSession
from ..server import open_server
from ..site import normalize_base_url
from ..site.changes import read_named, read_previous


def serve(
    content_dir: Path,
    base_url: str,
    host: str,
    port: int,
    previous: Path | None,
    published: Path,
    built: Path | None = None,
) -> None:
    """Run the live preview of content_dir until Ctrl+C (or, given built, serve that build). Its
    What's new compares with the build named by previous, else the one in published (if any)."""
    base_url = normalize_base_url(base_url)
    if built is not None:
        serve_built(built, base_url, host, port)
        return
    previous_content_manifest = (
        read_named(previous) if previous is not None else read_previous(published)
    )
    session = PreviewSession(content_dir, base_url, previous_content_manifest, host, port)
    stop_on_terminate()
    report = Reporter()
    try:
        report(session.rebuild(), [])
        session.start()
        for line in address_lines(host, session.address[1], base_url, "the live preview"):
            click.echo(line)
        session.watch(report)
    except KeyboardInterrupt:
        pass
    finally:
        session.stop()
    click.echo("Stopped.")


def stop_on_terminate() -> None:
    """`kill` (SIGTERM) ends the preview as Ctrl+C does: its folder is removed."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def serve_built(folder: Path, base_url: str, host: str, port: int) -> None:
    """Serve a finished build as a web host would: offline use works; nothing is watched or
    rebuilt."""
    if not holds_a_build(folder):
        raise CornerError(f"--built {folder}: no build there; run python build.py build first")
    server = open_server(folder.resolve(), base_url, host, port)
    try:
        what = f"the build in {display_path(folder)}"
        for line in address_lines(host, server.server_address[1], base_url, what):
            click.echo(line)
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.server_close()


def address_lines(host: str, port: int, base_url: str, what: str) -> list[str]:
    """Where to open it: this computer's address, and with 0.0.0.0 the one other devices use."""
    local = "127.0.0.1" if host in ("0.0.0.0", "localhost") else host
    lines = [f"Serving {what} at http://{local}:{port}{base_url}  (Ctrl+C to stop)"]
    if host == "0.0.0.0":
        lines += [
            f"On a phone on the same network: http://{address}:{port}{base_url}  "
            "(pages and live reload work over http; saving for offline use needs https: "
            "see the README)"
            for address in network_addresses()
        ]
    return lines


def network_addresses() -> list[str]:
    """This computer's address on its network, as other devices reach it (none if it has no
    network)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            # A documentation address: connecting a UDP socket sends nothing.
            probe.connect(("192.0.2.1", 9))
            return [probe.getsockname()[0]]
        except OSError:
            return []


class Reporter:
    """Prints each preview build: what it wrote, or every problem as validate prints them."""

    def __init__(self):
        self.failing = False
        self.warnings: list[str] = []

    def __call__(self, outcome: Outcome, changed: list[Path]) -> None:
        if outcome.warnings != self.warnings:
            for warning in outcome.warnings:
                click.echo(warning, err=True)
            self.warnings = outcome.warnings
        if outcome.failed:
            for problem in outcome.problems:
                click.echo(problem, err=True)
            then = (
                "nothing to preview until they are fixed"
                if outcome.build == NO_BUILD
                else "the preview keeps showing the last good build"
            )
            click.echo(f"{outcome.summary}: {then}.", err=True)
        else:
            click.echo(self._success(outcome, changed))
        self.failing = outcome.failed

    def _success(self, outcome: Outcome, changed: list[Path]) -> str:
        if not changed:
            return f"Built the preview in {outcome.seconds:.2f} s."
        names = ", ".join(display_path(path) for path in changed[:3]) + (
            " …" if len(changed) > 3 else ""
        )
        fixed = " The problems are fixed." if self.failing else ""
        if not outcome.written:
            return f"{names}: the preview is unchanged.{fixed}"
        return (
            f"Rebuilt in {outcome.seconds:.2f} s after a change to {names} "
            f"({outcome.written} files).{fixed}"
        )
