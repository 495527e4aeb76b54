"""The build's long loops run on every core and give the same results, in order."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from corner import parallel


def test_a_long_loop_gives_the_results_of_a_plain_loop_in_order():
    items = [f"entry-{number}" for number in range(parallel.MIN_ITEMS * 3)]
    assert parallel.parallel_map(str.upper, items) == [item.upper() for item in items]


@pytest.mark.skipif(
    len(os.sched_getaffinity(0)) < 2, reason="one core: nothing to spread the work over"
)
def test_a_long_loop_is_spread_over_other_processes_and_a_short_one_is_not():
    # Shared with the forked workers: the first item taken is held until another process takes
    # one, so one worker cannot take every range before the others start. Bounded: were no other
    # process to come within a minute, every item would carry one pid, which the test refuses.
    fork = multiprocessing.get_context("fork")
    first, other_started = fork.Value("i", 0), fork.Event()

    def pid_once_two_work(item):
        with first.get_lock():
            holds_the_first = not first.value
            if holds_the_first:
                first.value = os.getpid()
            elif first.value != os.getpid():
                other_started.set()
        if holds_the_first:
            other_started.wait(timeout=60)
        return os.getpid()

    long_loop = parallel.parallel_map(pid_once_two_work, range(parallel.MIN_ITEMS))
    assert os.getpid() not in long_loop and len(set(long_loop)) >= 2
    assert set(parallel.parallel_map(lambda item: os.getpid(), range(10))) == {os.getpid()}
