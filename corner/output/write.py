"""Step 3, writing: the built site into a folder beside the output, then swapped into place.

All at once or not at all: until the swap (swap.py: one step on Linux), the output folder holds
the last build, untouched. Files the last build wrote with the same bytes are hard-linked into
the new folder, not written again.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import CornerError
from .swap import swap

# Lists the files a build wrote, so the next build knows the folder holds nothing else.
FILE_LIST = ".corner-build"


def _refuse_unless_replaceable(folder: Path) -> None:
    """Only an empty folder or one holding exactly an earlier build may be replaced."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise CornerError(f"cannot write the site to {folder}: it is a file; choose another --out")
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir()}
    if not present:
        return
    listed = (folder / FILE_LIST).read_text("utf-8") if FILE_LIST in present else ""
    built = set(listed.splitlines())
    others = sorted(present - built - {FILE_LIST})
    if not built or others:
        shown = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
        raise CornerError(
            f"refusing to replace {folder}: it holds files no build wrote ({shown}); "
            "move them or choose another --out"
        )


def holds_a_build(out_dir: Path) -> bool:
    """Whether out_dir holds an earlier build, whose files can be kept."""
    return (out_dir / FILE_LIST).is_file()


def unchanged_files(
    out_dir: Path, files: dict[str, bytes], companions: Callable[[str], Iterable[str]]
) -> set[str]:
    """The files the earlier build in out_dir already wrote with exactly these bytes, and with all
    their companions (the compressed copies made from them)."""
    if not holds_a_build(out_dir):
        return set()
    listed = set((out_dir / FILE_LIST).read_text("utf-8").splitlines())
    same = set()
    for path, data in files.items():
        old = out_dir / path
        try:
            if (
                {path, *companions(path)} <= listed
                and old.stat().st_size == len(data)
                and old.read_bytes() == data
            ):
                same.add(path)
        except OSError:
            continue  # gone or unreadable: write it anew
    return same


def _keep(previous: Path, relative: str, target: Path) -> None:
    """Link the earlier build's file into the new one: no bytes rewritten. Files are never changed
    in place, so the earlier build stays intact until the swap."""
    try:
        os.link(previous / relative, target)
    except OSError:  # a file system without hard links
        shutil.copyfile(previous / relative, target)


def write_atomically(out_dir: Path, files: dict[str, bytes], kept: Iterable[str] = ()) -> None:
    """Write files into a temporary folder beside out_dir, then swap it into place. Paths in kept
    are the earlier build's files, unchanged: they are linked, not rewritten."""
    out_dir = out_dir.resolve()
    _refuse_unless_replaceable(out_dir)
    kept = sorted(kept)
    if kept and not holds_a_build(out_dir):
        raise CornerError(f"cannot keep files of an earlier build in {out_dir}: there is none")
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    except OSError as error:
        raise CornerError(f"cannot write the site to {out_dir}: {error.strerror}") from None
    try:
        os.chmod(staging, 0o755)  # mkdtemp makes it private; web servers must read it
        made = set()
        for relative in kept:
            _keep(out_dir, relative, _target(staging, relative, made))
        listing = "\n".join(sorted({*files, *kept})).encode() + b"\n"
        for relative, data in {**files, FILE_LIST: listing}.items():
            _target(staging, relative, made).write_bytes(data)
        swap(staging, out_dir)
    except OSError as error:
        raise CornerError(f"cannot write the site to {out_dir}: {error.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _target(staging: Path, relative: str, made: set[Path]) -> Path:
    """staging/relative, its folder made (once: at 10,000 pages, asking again is measurable)."""
    target = staging / relative
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    return target
