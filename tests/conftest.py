"""Settings and paths every test shares: a headless Qt, and the read-only ``../shared`` data."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
def extractor():
    """One spaCy pipeline for the whole session: loading the model takes seconds."""
    from explorer.core.extraction.extract import Extractor

    return Extractor().load()


@dataclass(frozen=True)
class ReutersLibrary:
    path: Path  # read it in place; a test that writes works on a copy
    files: list[Path]  # the article files, in the order of their names
    last: Any  # the import's last ImportProgress


@pytest.fixture(scope="session")
def reuters_library(tmp_path_factory, extractor) -> ReutersLibrary:
    """500 Reuters-21578 articles imported once per session as a user would, from a folder of
    text files: the import takes a minute, and several test modules read the same library."""
    from benchmarks.corpora import reuters_available, reuters_sample
    from explorer.core.ops.pipeline import ImportOptions, import_paths

    if not reuters_available():
        pytest.skip("needs ../shared/corpora/reuters21578")
    work = tmp_path_factory.mktemp("reuters")
    files = reuters_sample(work / "cache", 500, work / "articles")
    events = list(import_paths(work / "r.db", [work / "articles"], ImportOptions(), extractor=extractor))
    return ReutersLibrary(work / "r.db", files, events[-1])


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
