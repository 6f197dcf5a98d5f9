"""Settings and paths every test shares: a headless Qt, and the read-only ``../shared`` data."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

# Tests never need a screen; a developer who wants to watch can still set another platform.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_DIR = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_DIR.parent / "shared"


def require_shared(*parts: str) -> Path:
    """Return a path inside ``../shared``, skipping the calling test when it is not there.

    The data is read in place and never copied into the repository, so a checkout without it
    (a fresh clone elsewhere) must still pass, with these tests reported as skipped.
    """
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path}, absent (the shared data lies beside the checkout as ../shared)")
    return path


@pytest.fixture(autouse=True, scope="session")
def error_log_in_a_temporary_folder(tmp_path_factory) -> None:
    """An unexpected error a test provokes is logged beside the test's files, never in the
    user's own log folder (subprocesses inherit the variable)."""
    from explorer.core.safety.problems import LOG_DIR_ENV

    os.environ.setdefault(LOG_DIR_ENV, str(tmp_path_factory.mktemp("logs")))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return require_shared()


@pytest.fixture(scope="session")
def shared_path() -> Callable[..., Path]:
    """``shared_path("seed", name)``: a file of ``../shared``, or a skip when it is absent."""
    return require_shared


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("corpus") is not None:
        require_shared("corpora")
