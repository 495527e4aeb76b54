"""Write the built site: all at once or not at all."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import CornerError

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
    built = set((folder / FILE_LIST).read_text("utf-8").splitlines()) if FILE_LIST in present else set()
    others = sorted(present - built - {FILE_LIST})
    if not built or others:
        shown = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
        raise CornerError(f"refusing to replace {folder}: it holds files no build wrote ({shown}); "
                          "move them or choose another --out")


def write_atomically(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write files into a temporary folder beside out_dir, then swap it into place."""
    out_dir = out_dir.resolve()
    _refuse_unless_replaceable(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    except OSError as error:
        raise CornerError(f"cannot write the site to {out_dir}: {error.strerror}") from None
    try:
        os.chmod(staging, 0o755)  # mkdtemp makes it private; web servers must read it
        for relative, data in {**files, FILE_LIST: "\n".join(sorted(files)).encode() + b"\n"}.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _swap(staging, out_dir)
    except OSError as error:
        raise CornerError(f"cannot write the site to {out_dir}: {error.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-old-", dir=out_dir.parent))
    retired.rmdir()
    out_dir.rename(retired)
    try:
        staging.rename(out_dir)
    except BaseException:
        retired.rename(out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)
