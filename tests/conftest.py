"""Fixtures shared by every test folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import DEFAULT_CONTENT


@pytest.fixture
def content_dir(tmp_path) -> Path:
    """A copy of the default content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, target)
    return target
