"""Time check-links on the default content's addresses, served by local servers (no request leaves
the machine).

Each host the content links to (www.ice.gov, www.dhs.gov…) becomes a server of its own on a loopback
address (127.0.0.2, 127.0.0.3…), answering every path with 200 after a set latency; a copy of the
content has its addresses rewritten to them, paths kept. Run by hand:
    .venv/bin/python bench/links.py
"""

from __future__ import annotations

import datetime
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from corner.commands.check_links import link_uses, run_checks
from corner.commands.check_links_http import Settings
from corner.content import load_content
from link_server import LinkServer

LATENCIES = [
    0.0,
    0.1,
    0.3,
]  # seconds a server takes to answer: none, a near site, a slow or far one
RUNS = 3


def rewritten_content(folder: Path, servers: dict[str, LinkServer]) -> Path:
    """A copy of the default content with each https://host/path now http://<host's
    server>/site/host/path."""
    target = folder / "content"
    shutil.copytree(ROOT / "content", target)
    for path in target.rglob("*.json"):
        text = path.read_text("utf-8")
        for host, server in servers.items():
            for scheme in ("https", "http"):
                text = text.replace(f'"{scheme}://{host}/', f'"{server.url}/site/{host}/')
        path.write_text(text, "utf-8")
    return target


def main() -> None:
    content, _ = load_content(ROOT / "content", datetime.date.today())
    urls = list(link_uses(content))
    hosts = sorted({urlsplit(url).hostname for url in urls})
    print(
        f"default content: {len(urls)} addresses, {sum(map(len, link_uses(content).values()))} "
        f"uses, {len(hosts)} hosts ({', '.join(hosts)})"
    )
    for latency in LATENCIES:
        servers = {
            host: LinkServer(latency, f"127.0.0.{2 + index}") for index, host in enumerate(hosts)
        }
        try:
            with tempfile.TemporaryDirectory() as folder:
                local = rewritten_content(Path(folder), servers)
                local_urls = list(link_uses(load_content(local, datetime.date.today())[0]))
                for concurrency in (16, 1):
                    settings = Settings(concurrency=concurrency, per_host=min(concurrency, 4))
                    seconds = []
                    for _ in range(RUNS):
                        started = time.perf_counter()
                        outcomes, _ = run_checks(local_urls, settings)
                        seconds.append(time.perf_counter() - started)
                        assert len(outcomes) == len(urls) and not any(
                            o.severity for o in outcomes.values()
                        ), outcomes
                    print(
                        f"latency {latency * 1000:4.0f} ms, concurrency {concurrency:2}: "
                        f"checks {statistics.median(seconds):.3f} s (median of {RUNS})"
                    )
                started = time.perf_counter()
                command = subprocess.run(
                    [
                        sys.executable,
                        str(ROOT / "build.py"),
                        "check-links",
                        "--content",
                        str(local),
                    ],
                    capture_output=True,
                    text=True,
                )
                print(
                    f"latency {latency * 1000:4.0f} ms, the whole command (start-up, validation, "
                    f"checks): {time.perf_counter() - started:.3f} s; it said: "
                    f"{command.stdout.strip()}"
                )
                requests = sum(len(server.requests) for server in servers.values())
                print(f"  requests served over the {RUNS * 2 + 1} runs: {requests}")
        finally:
            for server in servers.values():
                server.stop()


if __name__ == "__main__":
    main()
