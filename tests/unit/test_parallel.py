"""The build's long loops run on every core and give the same results, in order."""
from __future__ import annotations

import os
import time

import pytest

from corner import parallel


def test_a_long_loop_gives_the_results_of_a_plain_loop_in_order():
    items = [f"entry-{number}" for number in range(parallel.MIN_ITEMS * 3)]
    assert parallel.parallel_map(str.upper, items) == [item.upper() for item in items]


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: nothing to spread the work over")
def test_a_long_loop_is_spread_over_other_processes_and_a_short_one_is_not():
    def slow_pid(item):
        time.sleep(0.001)  # long enough that one worker cannot take every range before the other starts
        return os.getpid()

    long_loop = parallel.parallel_map(slow_pid, range(parallel.MIN_ITEMS))
    assert os.getpid() not in long_loop and len(set(long_loop)) >= 2
    assert set(parallel.parallel_map(lambda item: os.getpid(), range(10))) == {os.getpid()}
