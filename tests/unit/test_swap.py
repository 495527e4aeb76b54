"""A first build is moved into the output folder's place in one step: at no moment is its path
missing (later builds update it in place: test_update_in_place.py)."""

from __future__ import annotations

import ctypes
import errno
import os
import threading

import pytest

from corner.errors import CornerError
from corner.output import swap as swapping
from corner.output.write import write_build

SWAPS = 300


def staged(out, number: int):
    """A complete build in a folder beside out, as a first build writes it."""
    folder = out.parent / f".staging-{number}"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f"build {number}")
    return folder


def refusing(code: int):
    """A renameat2 that fails as the kernel would, with errno code."""

    def renameat2(*args):
        ctypes.set_errno(code)
        return -1

    return renameat2


def left_beside(out) -> list[str]:
    """What the swaps left next to the output folder (staging or retired builds)."""
    return sorted(path.name for path in out.parent.iterdir() if path != out)


def test_the_output_folder_is_never_missing_while_swaps_replace_it(tmp_path):
    first, second = tmp_path / "probe-a", tmp_path / "probe-b"
    first.mkdir(), second.mkdir()
    if not swapping.exchange(first, second):
        pytest.skip("this system or file system cannot exchange two folders in one step")
    out = tmp_path / "site" / "dist"
    swapping.swap(staged(out, 0), out)
    page = os.fspath(out / "index.html")
    looks, missing, stop = [0], [0], threading.Event()

    def look() -> None:  # what a web server does: open the page by its path, again and again
        while not stop.is_set():
            looks[0] += 1
            try:
                os.stat(page)
            except FileNotFoundError:
                missing[0] += 1

    watcher = threading.Thread(target=look)
    watcher.start()
    try:
        for number in range(1, SWAPS + 1):
            swapping.swap(staged(out, number), out)
    finally:
        stop.set()
        watcher.join()
    # Two renames in place of the exchange leave the page missing hundreds of times here.
    assert looks[0] > SWAPS and missing[0] == 0
    assert (out / "index.html").read_text() == f"build {SWAPS}"
    assert left_beside(out) == []


@pytest.mark.parametrize(
    "renameat2",
    [None, refusing(errno.EINVAL)],
    ids=["no renameat2", "file system refuses the exchange"],
)
def test_where_no_exchange_is_possible_two_renames_still_replace_the_build(
    tmp_path, monkeypatch, renameat2
):
    monkeypatch.setattr(swapping, "renameat2", renameat2)
    out = tmp_path / "site" / "dist"
    swapping.swap(staged(out, 1), out)
    swapping.swap(staged(out, 2), out)
    assert (out / "index.html").read_text() == "build 2"
    assert left_beside(out) == []


def test_a_failed_exchange_leaves_the_empty_output_folder_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "site" / "dist"
    out.mkdir(parents=True)  # e.g. made by hand for the web server
    monkeypatch.setattr(swapping, "renameat2", refusing(errno.EACCES))
    with pytest.raises(CornerError, match=f"cannot write the site to {out}: Permission denied"):
        write_build(out, {"index.html": b"build 1"})
    assert list(out.iterdir()) == []
    assert left_beside(out) == []
