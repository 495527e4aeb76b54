"""Fixtures shared by every test folder, and each test's outcome for the fixtures that need it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import DEFAULT_CONTENT


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item):
    """Keep each phase's report on the test as rep_setup, rep_call, rep_teardown (pytest's
    documented pattern): fixtures read them in their teardown, to keep a trace of a failed test."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def content_dir(tmp_path) -> Path:
    """A copy of the default content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT, target)
    return target
