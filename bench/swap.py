"""Measure the output swap: how long it takes, and how long the output folder's path is missing.

    .venv/bin/python bench/swap.py [ENTRIES ...]      (default: 1000 10000)

For each size: build synthetic content (bench/synthetic.py) once, then, as a rebuild that kept
every file does, make a hard-linked copy of the build beside it and swap it in with
corner/output/swap.py, five times each way: renameat2(RENAME_EXCHANGE), and the two renames it
falls back to. `replace` is the swap itself (for two renames, an upper bound on the time the path
names nothing); `step` adds removing the last build.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from corner.commands.build import build
from corner.output import swap as swapping
from synthetic import generate

RUNS = 5


def hard_linked_copy(folder: Path, target: Path) -> None:
    """What a rebuild that changed nothing stages: every file linked, none rewritten."""
    subprocess.run(["cp", "-al", str(folder), str(target)], check=True)


def time_swaps(out: Path, how: str) -> tuple[list[float], list[float]]:
    """Seconds of replace() and of the whole swap, RUNS times."""
    kept = swapping.renameat2
    swapping.renameat2 = kept if how == "exchange" else None
    replaced, steps = [], []
    try:
        for run in range(RUNS):
            staging = out.parent / f".dist-new-{how}-{run}"
            hard_linked_copy(out, staging)
            started = time.perf_counter()
            last = swapping.replace(staging, out)
            replaced.append(time.perf_counter() - started)
            shutil.rmtree(last)
            steps.append(time.perf_counter() - started)
    finally:
        swapping.renameat2 = kept
    return replaced, steps


def measure(entries: int, folder: Path) -> None:
    content = generate(entries, folder / f"content-{entries}")
    out = folder / f"site-{entries}" / "dist"
    report = build(content, out, "/")
    print(f"{entries:,} entries: {report.files:,} files")
    for how in ("exchange", "two renames"):
        replaced, steps = time_swaps(out, how)
        print(
            f"  {how:12} replace median {statistics.median(replaced) * 1e6:8.0f} µs "
            f"(max {max(replaced) * 1e6:.0f}); step median {statistics.median(steps):.3f} s"
        )


def main() -> None:
    if swapping.renameat2 is None:
        sys.exit("no renameat2 on this system: only the two renames can be measured")
    sizes = [int(arg) for arg in sys.argv[1:]] or [1000, 10000]
    with tempfile.TemporaryDirectory(prefix="corner-swap-", dir=ROOT / "bench") as folder:
        for entries in sizes:
            measure(entries, Path(folder))


if __name__ == "__main__":
    main()
