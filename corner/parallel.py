"""Shared by the build's steps: use every core for the long loops (rendering 10,000 entries in
site/, compressing their pages in output/)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items, starting worker processes costs more than it saves.
MIN_ITEMS = 1000

# The function and items of the map under way. Workers are forked, so they inherit both as they
# are: only ranges of indices go to them and only results come back (no pickling of the content,
# the Jinja environment or closures).
_job: tuple[Callable, Sequence] | None = None


def _run(indices: range) -> list:
    function, items = _job
    return [function(items[index]) for index in indices]


def parallel_map(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """[function(item) for item in items], in order, spread over the machine's cores when it
    helps."""
    global _job
    workers = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    )
    forks = "fork" in multiprocessing.get_all_start_methods()
    if workers < 2 or len(items) < MIN_ITEMS or not forks:
        return [function(item) for item in items]
    # A few ranges a worker, so a slow one does not hold up the rest.
    size = -(-len(items) // (workers * 4))
    ranges = [range(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    _job = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return [result for part in pool.map(_run, ranges) for result in part]
    finally:
        _job = None
