"""Paths and helpers shared by the tests."""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT = ROOT / "content"
DATA = Path(__file__).resolve().parent / "data"


def edit_json(path: Path, change) -> None:
    """Load a content file, let change() mutate the data, write it back pretty-printed."""
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
