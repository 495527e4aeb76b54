"""Write the built site: all at once or not at all."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import CornerError

# Files every build writes; a folder holding them is one we may replace.
BUILD_MARKERS = ("sw.js", "manifest.webmanifest")


def _is_replaceable(folder: Path) -> bool:
    if not folder.exists():
        return True
    if not folder.is_dir():
        return False
    return not any(folder.iterdir()) or all((folder / marker).is_file() for marker in BUILD_MARKERS)


def write_atomically(out_dir: Path, files: dict[str, bytes]) -> None:
    """Write files into a temporary folder beside out_dir, then swap it into place."""
    out_dir = out_dir.resolve()
    if not _is_replaceable(out_dir):
        raise CornerError(f"refusing to replace {out_dir}: it is not empty and does not hold an earlier build; choose another --out")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    try:
        os.chmod(staging, 0o755)  # mkdtemp makes it private; web servers must read it
        for relative, data in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


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
