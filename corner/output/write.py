"""Step 3, writing: the built site into the output folder, never leaving one a browser would
install wrongly.

A first build (the folder missing or empty) is written into a folder beside it, then moved into
place in one step (swap.py). A folder that holds an earlier build is updated in place, and only
where it changed: rewriting 31,000 files and deleting the old tree took most of a rebuild at
10,000 entries. The guarantee, at every moment and after any failure:

- every file is the earlier build's or the new build's, whole: each is written beside its place
  and renamed over it (rename(2) is atomic), so a reader never finds one missing or half-written;
  files are written in the order given (the build gives each file's compressed copies before it,
  so a file with the new bytes has its new copies);
- the service worker comes last: every file the new sw.js names (with its hash) is in place before
  sw.js and its compressed copies are, so a browser that fetches the new worker finds its files;
- nothing of the earlier build is removed before the new sw.js is in place, so the earlier worker
  still finds every file it names. Where one of them was rewritten meanwhile, its hash no longer
  matches and that worker's install fails and is tried again later: it never installs a mixture
  (pwa/sw.js checks every file's hash).
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
# A file being written, beside its place, until it is renamed over it.
STAGED = ".corner-new"


def _refuse_unless_replaceable(folder: Path) -> None:
    """Only an empty folder or one holding an earlier build may be written into; in one that
    holds a build, nothing may stand at the top that the build did not write (a CNAME, a .git
    folder). Below it, the build never removes a file it did not write."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise CornerError(f"cannot write the site to {folder}: it is a file; choose another --out")
    if holds_a_build(folder):
        built = listed_files(folder)
        present = set(os.listdir(folder)) - {FILE_LIST}
        others = sorted(
            name
            for name in present - {path.split("/")[0] for path in built}
            if not name.endswith(STAGED)
        )
    else:
        built, others = set(), sorted(_files_in(folder))
        if not others:
            return
    if not built or others:
        shown = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
        raise CornerError(
            f"refusing to replace {folder}: it holds files no build wrote ({shown}); "
            "move them or choose another --out"
        )


def _files_in(folder: Path, prefix: str = "") -> Iterable[str]:
    """Every file under folder, as relative POSIX paths (os.scandir: no stat call per file)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_in(Path(entry.path), f"{prefix}{entry.name}/")
            else:
                yield prefix + entry.name


def holds_a_build(out_dir: Path) -> bool:
    """Whether out_dir holds an earlier build, whose files can be kept."""
    return (out_dir / FILE_LIST).is_file()


def listed_files(out_dir: Path) -> set[str]:
    """The files the earlier build in out_dir wrote."""
    return set((out_dir / FILE_LIST).read_text("utf-8").splitlines())


def unchanged_files(
    out_dir: Path, files: dict[str, bytes], companions: Callable[[str], Iterable[str]]
) -> set[str]:
    """The files the earlier build in out_dir already wrote with exactly these bytes, and with all
    their companions (the compressed copies made from them)."""
    if not holds_a_build(out_dir):
        return set()
    listed = listed_files(out_dir)
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


def write_build(
    out_dir: Path, files: dict[str, bytes], kept: Iterable[str] = (), last: Iterable[str] = ()
) -> None:
    """Write files into out_dir; kept names the earlier build's files that stay as they are; last
    names the files written after all others (the service worker, its copies before it). Files
    of the earlier build in neither are removed, after those."""
    out_dir = out_dir.resolve()
    _refuse_unless_replaceable(out_dir)
    kept = set(kept)
    try:
        if holds_a_build(out_dir):
            update_in_place(out_dir, files, kept, list(last))
        elif kept:
            raise CornerError(f"cannot keep files of an earlier build in {out_dir}: there is none")
        else:
            _write_fresh(out_dir, files)
    except OSError as error:
        raise CornerError(f"cannot write the site to {out_dir}: {error.strerror}") from None


def _listing(paths: Iterable[str]) -> bytes:
    return "\n".join(sorted(paths)).encode() + b"\n"


def _write_fresh(out_dir: Path, files: dict[str, bytes]) -> None:
    """The first build: into a folder beside out_dir, moved into its place in one step."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    try:
        os.chmod(staging, 0o755)  # mkdtemp makes it private; web servers must read it
        made: set[Path] = set()
        for relative, data in {**files, FILE_LIST: _listing(files)}.items():
            _target(staging, relative, made).write_bytes(data)
        swap(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def update_in_place(
    out_dir: Path, files: dict[str, bytes], kept: set[str], last: list[str]
) -> None:
    """Rewrite the changed files of the build in out_dir, the files in last after all others,
    then remove what the new build dropped (see the module's guarantee)."""
    before = listed_files(out_dir)
    if missing := sorted(kept - before):
        raise CornerError(
            f"cannot keep {missing[0]} in {out_dir}: the earlier build has no such file"
        )
    after = kept | set(files)
    # Listed first, so that if this build fails halfway the next one knows the files as its own.
    _replace(out_dir / FILE_LIST, _listing(before | after))
    made: set[Path] = set()
    ordered = [*(path for path in files if path not in last), *(p for p in last if p in files)]
    for relative in ordered:
        _replace(_target(out_dir, relative, made), files[relative])
    for relative in sorted(before - after):
        _remove(out_dir, relative)
    _replace(out_dir / FILE_LIST, _listing(after))


def _replace(target: Path, data: bytes) -> None:
    """Write target beside its place, then rename it over the old one: whole or not at all."""
    staged = target.with_name(target.name + STAGED)
    try:
        staged.write_bytes(data)
        os.replace(staged, target)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def _remove(out_dir: Path, relative: str) -> None:
    """Remove a file the new build no longer has, and the folders it leaves empty."""
    path = out_dir / relative
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == out_dir:
            break
        try:
            folder.rmdir()
        except OSError:
            break  # not empty: other files of the build are in it


def _target(folder: Path, relative: str, made: set[Path]) -> Path:
    """folder/relative, its folder made (once: at 10,000 pages, asking again is measurable)."""
    target = folder / relative
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    return target
