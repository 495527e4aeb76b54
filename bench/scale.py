"""Benchmark the app at scale: build time and memory, output size, a first visit on slow networks,
Hugo, MkDocs, Lighthouse.

Run by hand (not a test; timings on shared machines are noisy), about 20 minutes:
    make bench-scale
or, once `npm ci --prefix bench` has installed Lighthouse and bench/.venv-mkdocs holds
bench/requirements-mkdocs.txt (the make target does both):
    .venv/bin/python bench/scale.py [--size 100 --size 1000] [--mkdocs-limit 600]
        [--skip mkdocs] [--skip browser]

For the default content (content/, copied first) and synthetic content of each size
(bench/synthetic.py writes it to bench/content-<size>/), it prints:
- full build: wall seconds of `build.py build` run as its own process into an empty folder (and with
  no cache of an earlier build), and its peak memory (max RSS from GNU time: its largest process,
  the build's worker processes are not added up); median of 3 runs when one takes under 10 s,
- rebuild after one change: one entry's title edited, built again into the same folder (a new title
  each time, median of 3 likewise),
- Hugo (Debian's hugo, 0.111) building the same entries as a theme-less site (bench/hugo_site.py),
  full build into an empty folder and rebuild after the same title change into the same folder, each
  run taken in turn with ours (ours, Hugo, ours, …) so that a busy moment weighs on both; and the
  ratio of our time to Hugo's,
- output: every file the build writes (without its .gz/.br copies), raw and as nginx sends it (the
  .gz copy where the build wrote one); precache: the files sw.js lists in `BUILD.precache`,
- a first visit to the home page in Chromium, served by nginx with deploy/nginx.conf (gzip), on two
  throttled networks (Chrome DevTools Protocol, applied to the page and to its service worker):
  first contentful paint; ready offline, when the footer says "Ready to work offline" (the service
  worker has precached everything and activated); bytes received, headers included, by the page and
  by the service worker (sw.js, then the precache), beside the gzipped precache; one visit per
  network. And, on the faster network, the first-paint payload: bytes of the page and of what blocks
  its rendering (stylesheets, classic scripts), against the 14 KB of a first round trip,
- MkDocs 1.6.1 building the same entries (bench/mkdocs_site.py), stopped after --mkdocs-limit
  seconds, and our full build time as a share of its time.
Then Lighthouse 12.2.3 (mobile, simulated throttling) on the home, one entry and the search page of
the default content (content/): the four category scores and the audits that cost points.
Results also go to bench/results/scale.json, with Lighthouse's own reports beside it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import click

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hugo_site import write_project as write_hugo_site
from mkdocs_site import write_project
from support import read_build
from synthetic import generate, size_option

log = logging.getLogger("bench")

BASE_URL = "/corner/"
RESULTS = BENCH / "results"
GNU_TIME = Path("/usr/bin/time")  # Debian's `time` package; without it, no memory figures
MKDOCS = BENCH / ".venv-mkdocs" / "bin" / "mkdocs"
HUGO = shutil.which("hugo") or "/usr/bin/hugo"  # Debian's hugo (make bench-scale installs it)
LIGHTHOUSE = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
REPEAT_UNDER_SECONDS = (
    10  # a build quicker than this runs 3 times (median): short runs are the noisy ones
)
FIRST_ROUND_TRIP = (
    14 * 1024
)  # what a server sends before the first acknowledgement (10 TCP segments)
VISIT_LIMIT_MS = 900_000
DEFAULT_CONTENT = 0  # as a --size: the content/ the app ships with, not synthetic content
# Network.emulateNetworkConditions: bytes per second, and milliseconds added to each request's round
# trip. The first is Lighthouse's mobile network (its simulated throttling assumes 1.6 Mbps and 150
# ms).
NETWORKS = {
    "1.6 Mbps": {
        "offline": False,
        "latency": 150,
        "downloadThroughput": 1.6e6 / 8,
        "uploadThroughput": 750e3 / 8,
    },
    "slow 3G": {
        "offline": False,
        "latency": 400,
        "downloadThroughput": 400e3 / 8,
        "uploadThroughput": 400e3 / 8,
    },
}
# Recorded in the page from its first moment, so nothing is missed before the benchmark looks.
VISIT_PROBE = """
window.benchTimes = {};
new PerformanceObserver((list) => {
  const [paint] = list.getEntriesByName('first-contentful-paint');
  if (paint) benchTimes.fcp = paint.startTime;
}).observe({ type: 'paint', buffered: true });
// Also run in the blank page before the visit, which has no service worker container.
if (navigator.serviceWorker) {
  navigator.serviceWorker.ready.then(() => { benchTimes.workerReady = performance.now(); });
}
addEventListener('DOMContentLoaded', () => {
  const status = document.getElementById('offline-status');
  new MutationObserver(() => {
    if (/^(Ready to work offline|Could not save)/.test(status.textContent) && !benchTimes.status) {
      benchTimes.status = status.textContent;
      benchTimes.statusAt = performance.now();
    }
  }).observe(status, { childList: true, characterData: true, subtree: true });
});
"""
FIRST_PAINT_FILES = """() => [performance.getEntriesByType('navigation')[0],
  ...performance.getEntriesByType('resource')
    .filter((entry) => entry.renderBlockingStatus === 'blocking')]
  .map((entry) => ({ url: entry.name, bytes: entry.transferSize, body: entry.encodedBodySize }))"""


def run_measured(command: list, limit: float | None = None) -> dict:
    """Run command to its end, or kill it after limit seconds: wall seconds and its peak memory.

    The memory comes from GNU time, not from our own wait4(): Linux carries the parent's peak
    memory over into a forked child's ru_maxrss (this process's ~70 MB would hide a small build's).
    """
    with tempfile.NamedTemporaryFile("r") as memory, tempfile.TemporaryFile() as output:
        if GNU_TIME.is_file():
            command = [GNU_TIME, "--format=%M", f"--output={memory.name}", *command]
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # a group of its own, to stop time and its command at once
        timer = threading.Timer(limit, os.killpg, (process.pid, signal.SIGKILL)) if limit else None
        if timer:
            timer.start()
        process.wait()
        seconds = time.perf_counter() - started
        if timer:
            timer.cancel()
        stopped = bool(limit) and process.returncode < 0 and seconds >= limit
        if process.returncode and not stopped:
            output.seek(0)
            raise click.ClickException(
                f"{' '.join(map(str, command))} failed:\n{output.read().decode(errors='replace')}"
            )
        kilobytes = memory.read().split()
    return {
        "seconds": seconds,
        "peak_rss_bytes": int(kilobytes[-1]) * 1024 if kilobytes and not stopped else None,
        "stopped": stopped,
    }


def build_command(content: Path, out: Path) -> list:
    return [
        sys.executable,
        ROOT / "build.py",
        "build",
        "--content",
        content,
        "--out",
        out,
        "--base-url",
        BASE_URL,
    ]


def repeated(measure) -> dict:
    """One run, or the median of three when the first was quick; peak memory is the largest seen."""
    runs = [measure()]
    if runs[0]["seconds"] < REPEAT_UNDER_SECONDS:
        runs += [measure(), measure()]
    return {
        "seconds": statistics.median(run["seconds"] for run in runs),
        "runs": len(runs),
        "peak_rss_bytes": max(run["peak_rss_bytes"] or 0 for run in runs) or None,
        "stopped": runs[0]["stopped"],
    }


def hugo_command(project: Path) -> list:
    return [HUGO, "--quiet", "--source", project, "--destination", project / "public"]


def side_by_side(ours, hugo) -> tuple[dict, dict | None]:
    """Our runs and Hugo's in turns (ours, Hugo, ours, …), so that a busy moment of this shared
    machine weighs on both alike: the median of three each, or one each when ours took
    REPEAT_UNDER_SECONDS or more."""
    runs = {"ours": [], "hugo": []}
    while not runs["ours"] or (
        len(runs["ours"]) < 3 and runs["ours"][0]["seconds"] < REPEAT_UNDER_SECONDS
    ):
        runs["ours"].append(ours())
        if hugo:
            runs["hugo"].append(hugo())
    return summarized(runs["ours"]), summarized(runs["hugo"]) if hugo else None


def summarized(runs: list[dict]) -> dict:
    return {
        "seconds": statistics.median(run["seconds"] for run in runs),
        "runs": len(runs),
        "all_seconds": [run["seconds"] for run in runs],
        "peak_rss_bytes": max(run["peak_rss_bytes"] or 0 for run in runs) or None,
        "stopped": runs[0]["stopped"],
    }


def cache_of(out: Path) -> Path:
    """Where a build keeps what the next one may reuse: beside its output (corner/cache.py)."""
    return out.with_name(f".{out.name}-cache")


def full_builds(content: Path, out: Path, hugo: Path | None) -> tuple[dict, dict | None]:
    """Our full build (into an empty folder, with no cache of an earlier build) and Hugo's
    (likewise), in turns."""

    def ours() -> dict:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache_of(out), ignore_errors=True)
        return run_measured(build_command(content, out))

    def theirs() -> dict:
        shutil.rmtree(hugo / "public", ignore_errors=True)
        shutil.rmtree(hugo / "resources", ignore_errors=True)  # Hugo's own cache of generated files
        return run_measured(hugo_command(hugo))

    return side_by_side(ours, theirs if hugo else None)


def edit_title(path: Path, revision: int) -> None:
    """Give one entry a new title: ours in its JSON file, Hugo's in its page's JSON front matter."""
    text = path.read_text("utf-8")
    end = text.index("\n\n") if path.suffix == ".md" else len(text)
    data = json.loads(text[:end])
    data["title"] = data["title"].split(" (revised")[0] + f" (revised {revision})"
    rest = text[end:] if path.suffix == ".md" else "\n"
    path.write_text(
        json.dumps(data, indent=1 if path.suffix == ".md" else 2, ensure_ascii=False) + rest,
        "utf-8",
    )


def rebuilds_after_change(content: Path, out: Path, hugo: Path | None) -> tuple[dict, dict | None]:
    """One entry's title edited, then built again into the same folder, ours and Hugo's in turns
    (each edit a new title); then the entry is put back as it was."""
    entry = sorted((content / "resources").glob("*.json"))[0]
    twin = hugo / "content" / "resources" / f"{entry.stem}.md" if hugo else None
    originals = {path: path.read_bytes() for path in (entry, twin) if path}
    revisions = iter(range(1, 100))

    def ours() -> dict:
        edit_title(entry, next(revisions))
        return run_measured(build_command(content, out))

    def theirs() -> dict:
        edit_title(twin, next(revisions))
        return run_measured(hugo_command(hugo))

    try:
        return side_by_side(ours, theirs if hugo else None)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)


def sent_size(path: Path) -> int:
    """Bytes nginx sends for a file: its .gz copy where the build wrote one (gzip_static)."""
    copy = path.with_name(path.name + ".gz")
    return (copy if copy.is_file() else path).stat().st_size


def output_sizes(out: Path) -> dict:
    files = [p for p in out.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br")]
    return {
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "gzip_bytes": sum(map(sent_size, files)),
    }


def precache_sizes(out: Path) -> dict:
    paths = [url.removeprefix(BASE_URL) for url in read_build(out / "sw.js")["precache"]]
    files = [
        out / (path + "index.html" if path == "" or path.endswith("/") else path) for path in paths
    ]
    return {
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "gzip_bytes": sum(map(sent_size, files)),
    }


@contextlib.contextmanager
def served(docroot: Path, folder: Path):
    """nginx with deploy/nginx.conf serving docroot (the build in docroot/corner/), as the
    end-to-end tests do."""
    from harness import Nginx

    nginx = Nginx(docroot, folder)
    try:
        yield f"http://127.0.0.1:{nginx.port}{BASE_URL}"
    finally:
        nginx.stop()


class Throttle:
    """Throttle a page and every worker it starts, and count the bytes they receive.

    A service worker is a target of its own: conditions and events of the page's session do not
    reach it. So the page's session auto-attaches to it paused (waitForDebuggerOnStart), throttles
    it, then lets it run. Playwright's CDP sessions cannot address flattened child sessions, hence
    the non-flattened protocol (Target.sendMessageToTarget). Playwright attaches to service workers
    too, and lets them run without waiting for us: `sent` tells which requests our throttling
    missed.
    """

    def __init__(self, page, conditions: dict):
        self.conditions, self.bytes, self.requests, self.errors = conditions, {}, {}, []
        # (target, throttled) of each request a worker sent (besides its own script)
        self.sent = []
        # session id → what it is: "service worker", or "worker" for a dedicated one
        self.targets = {}
        # session id → the worker's own script, fetched before it can be throttled
        self.scripts = {}
        # id of an emulateNetworkConditions command not answered yet → its session
        self.pending = {}
        self.next_id = 0
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.on("Network.loadingFinished", lambda event: self.count("page", event))
        self.cdp.on("Target.attachedToTarget", self.attached)
        self.cdp.on("Target.receivedMessageFromTarget", self.received)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.emulateNetworkConditions", conditions)
        self.cdp.send(
            "Target.setAutoAttach",
            {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False},
        )

    def count(self, target: str, event: dict) -> None:
        self.bytes[target] = self.bytes.get(target, 0) + event["encodedDataLength"]
        self.requests[target] = self.requests.get(target, 0) + 1

    def send(self, session: str, method: str, params: dict | None = None) -> int:
        self.next_id += 1
        message = json.dumps({"id": self.next_id, "method": method, "params": params or {}})
        self.cdp.send("Target.sendMessageToTarget", {"sessionId": session, "message": message})
        return self.next_id

    def attached(self, event: dict) -> None:
        session, target = event["sessionId"], event["targetInfo"]
        self.targets[session], self.scripts[session] = (
            target["type"].replace("_", " "),
            target["url"],
        )
        self.send(session, "Network.enable")
        self.pending[self.send(session, "Network.emulateNetworkConditions", self.conditions)] = (
            session
        )
        self.send(session, "Runtime.runIfWaitingForDebugger")

    def received(self, event: dict) -> None:
        """A worker's answer or event: count its bytes; note whether each request was throttled."""
        message, session = json.loads(event["message"]), event["sessionId"]
        self.pending.pop(message.get("id"), None)
        method, params = message.get("method"), message.get("params", {})
        if (
            method == "Network.requestWillBeSent"
            and params["request"]["url"] != self.scripts[session]
        ):
            self.sent.append((self.targets[session], session not in self.pending.values()))
        elif method == "Network.loadingFinished":
            self.count(self.targets[session], params)
        elif "error" in message:
            self.errors.append(f"CDP: {message['error']}")


def first_visit(browser, url: str, conditions: dict, first_paint: bool) -> dict:
    """Open the home page in a fresh context on a throttled network; wait until it is ready
    offline."""
    from harness import Watch

    context = browser.new_context()
    watch = Watch(context)  # requests to another host, script and console errors
    try:
        context.add_init_script(VISIT_PROBE)
        page = context.new_page()
        throttle = Throttle(page, conditions)
        page.goto(url, wait_until="commit", timeout=VISIT_LIMIT_MS)
        page.wait_for_function(
            "() => window.benchTimes && benchTimes.status", timeout=VISIT_LIMIT_MS, polling=100
        )
        page.wait_for_timeout(1000)  # let the last network events reach us before counting
        times = page.evaluate("() => benchTimes")
        files = page.evaluate(FIRST_PAINT_FILES) if first_paint else None
    finally:
        context.close()
    throttle.errors += watch.problems()
    if not times["status"].startswith("Ready to work offline"):
        throttle.errors.append(f"offline status: {times['status']}")
    if "service worker" not in throttle.targets.values():
        throttle.errors.append(
            "no service worker was attached: its requests are neither throttled nor counted"
        )
    return {
        "fcp_ms": times.get("fcp"),
        "ready_offline_ms": times["statusAt"],
        "status": times["status"],
        "worker_ready_ms": times.get("workerReady"),
        "bytes": throttle.bytes,
        "requests": throttle.requests,
        "throttled_worker_requests": throttle.sent.count(("service worker", True)),
        "unthrottled_requests": [target for target, throttled in throttle.sent if not throttled],
        "first_paint_files": files,
        "errors": throttle.errors,
    }


def throttled_visit(
    browser, url: str, conditions: dict, precache_files: int, first_paint: bool, attempts: int = 3
) -> dict:
    """first_visit, again while our throttling missed some of the service worker's precache
    requests."""
    for attempt in range(1, attempts + 1):
        visit = first_visit(browser, url, conditions, first_paint)
        throttled = visit["throttled_worker_requests"]
        if throttled >= precache_files and not visit["unthrottled_requests"]:
            return visit
        log.warning(
            "    the service worker ran before it was throttled (%d of %d precache requests "
            "throttled; attempt %d of %d)",
            throttled,
            precache_files,
            attempt,
            attempts,
        )
    visit["errors"].append(
        f"only {throttled} of {precache_files} precache requests were throttled: times too short"
    )
    return visit


def mkdocs_build(content: Path, folder: Path, limit: float) -> dict:
    config = write_project(content, folder / "project")
    return repeated(
        lambda: run_measured(
            [
                MKDOCS,
                "build",
                "--quiet",
                "--clean",
                "--config-file",
                config,
                "--site-dir",
                folder / "site",
            ],
            limit=limit,
        )
    )


def measure_size(browser, size: int, folder: Path, mkdocs_limit: float, skip: tuple) -> dict:
    """Every figure for synthetic content of one size; size 0 is the default content (a copy of
    content/)."""
    if size == DEFAULT_CONTENT:
        content = folder / "content"
        shutil.copytree(ROOT / "content", content)
    else:
        content = BENCH / f"content-{size}"
        shutil.rmtree(content, ignore_errors=True)
        generate(size, content)
    resources = len(list((content / "resources").glob("*.json")))
    docroot = folder / "www"
    out = docroot / BASE_URL.strip("/")
    hugo = write_hugo_site(content, folder / "hugo") if "hugo" not in skip else None
    log.info(
        "%s resources: full build%s", f"{resources:,}", ", ours and Hugo's in turns" if hugo else ""
    )
    figures = {"resources": resources}
    figures["build"], hugo_build = full_builds(content, out, hugo)
    figures.update(output=output_sizes(out), precache=precache_sizes(out))
    if "browser" not in skip:
        with served(docroot, folder / "nginx") as url:
            figures["first_visit"] = {}
            for number, (name, conditions) in enumerate(NETWORKS.items()):
                log.info("  first visit, %s", name)
                figures["first_visit"][name] = throttled_visit(
                    browser, url, conditions, figures["precache"]["files"], first_paint=number == 0
                )
    log.info("  rebuild after one change%s", ", ours and Hugo's in turns" if hugo else "")
    figures["rebuild"], hugo_rebuild = rebuilds_after_change(content, out, hugo)
    if hugo:
        figures["hugo"] = {"build": hugo_build, "rebuild": hugo_rebuild}
    if "mkdocs" not in skip:
        log.info("  MkDocs build (stopped after %s s)", f"{mkdocs_limit:,.0f}")
        figures["mkdocs"] = mkdocs_build(content, folder / "mkdocs", mkdocs_limit)
    shutil.rmtree(folder)  # a 10,000-entry build and its MkDocs twin take a few hundred MB
    return figures


def lighthouse(url: str, chromium: str, report_path: Path) -> dict:
    """Lighthouse's category scores for url, and the audits that cost points in a category under
    100."""
    flags = " ".join(["--headless=new", *CHROMIUM_FLAGS])
    subprocess.run(
        [
            "node",
            LIGHTHOUSE,
            url,
            "--output=json",
            f"--output-path={report_path}",
            f"--chrome-flags={flags}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": chromium},
        check=True,
        capture_output=True,
    )
    report = json.loads(report_path.read_text("utf-8"))
    if report.get("runtimeError"):
        raise click.ClickException(f"Lighthouse could not audit {url}: {report['runtimeError']}")
    audits, failing = report["audits"], []
    for category in report["categories"].values():
        for ref in category["auditRefs"] if category["score"] < 1 else []:
            audit = audits[ref["id"]]
            if (
                audit["score"] is not None
                and audit["score"] < 1
                and audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings")
            ):
                failing.append(
                    {
                        "category": category["id"],
                        "id": audit["id"],
                        "title": audit["title"],
                        "score": audit["score"],
                        "value": audit.get("displayValue", ""),
                    }
                )
    return {
        "url": url,
        "lighthouse": report["lighthouseVersion"],
        "warnings": report["runWarnings"],
        "scores": {
            name: round(category["score"] * 100) for name, category in report["categories"].items()
        },
        "failing": failing,
        "errored": sorted(a["id"] for a in audits.values() if a["scoreDisplayMode"] == "error"),
    }


def lighthouse_default_content(chromium: str, folder: Path) -> dict:
    out = folder / "www" / BASE_URL.strip("/")
    run_measured(build_command(ROOT / "content", out))
    entry = sorted((ROOT / "content" / "resources").glob("*.json"))[0].stem
    RESULTS.mkdir(exist_ok=True)
    with served(folder / "www", folder / "nginx") as url:
        pages = {"home": url, "resource": f"{url}resources/{entry}/", "search": f"{url}search/"}
        return {
            name: lighthouse(page, chromium, RESULTS / f"lighthouse-{name}.json")
            for name, page in pages.items()
        }


def machine_and_product(browser) -> dict:
    """What was measured on what: CPU, memory, browser, and the product's git commit."""

    def git(*args) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    changed = [
        line[3:] for line in git("status", "--porcelain", "--untracked-files=no").splitlines()
    ]
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_bytes": memory_kb * 1024,
        "python": platform.python_version(),
        "chromium": browser.version,
        "commit": git("rev-parse", "HEAD").strip(),
        "uncommitted_changes": [path for path in changed if not path.startswith("bench/")],
    }


@click.command()
@size_option(
    (DEFAULT_CONTENT, 100, 1000, 10000),
    "Synthetic content sizes (resources) to measure; 0 is the default content (content/).",
)
@click.option(
    "--mkdocs-limit",
    type=float,
    default=600,
    show_default=True,
    help="Seconds after which a MkDocs build is stopped (reported as more than that).",
)
@click.option(
    "--skip",
    type=click.Choice(["browser", "hugo", "mkdocs", "lighthouse"]),
    multiple=True,
    help="Leave out a part.",
)
def main(sizes: tuple[int, ...], mkdocs_limit: float, skip: tuple[str, ...]) -> None:
    """Measure build, output, first visit, MkDocs and Lighthouse figures; print them as Markdown
    tables."""
    from playwright.sync_api import sync_playwright

    from harness import chromium_executable
    from scale_report import markdown

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if "mkdocs" not in skip and not MKDOCS.is_file():
        raise click.ClickException(
            f"{MKDOCS} not found: run `make bench-scale` (it installs "
            "bench/requirements-mkdocs.txt there)"
        )
    if "hugo" not in skip and not shutil.which(HUGO):
        raise click.ClickException(
            f"{HUGO} not found: run `make bench-scale` (it installs Debian's hugo)"
        )
    if "lighthouse" not in skip and not LIGHTHOUSE.is_file():
        raise click.ClickException(
            f"{LIGHTHOUSE} not found: run `npm ci --prefix bench` (or `make bench-scale`)"
        )
    with (
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory(prefix="corner-scale-") as folder,
    ):
        chromium = chromium_executable(playwright)
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        results = {
            "machine": machine_and_product(browser),
            "networks": NETWORKS,
            "sizes": {},
            "lighthouse": {},
        }
        if "lighthouse" not in skip:
            log.info("Lighthouse on the default content")
            results["lighthouse"] = lighthouse_default_content(chromium, Path(folder) / "default")
        for size in sizes:
            results["sizes"][size] = measure_size(
                browser, size, Path(folder) / str(size), mkdocs_limit, skip
            )
        browser.close()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    click.echo(markdown(results, mkdocs_limit, FIRST_ROUND_TRIP))


if __name__ == "__main__":
    main()
