"""Helpers of the fault and hostile-input tests: consistency checks, CLI runs, a small filesystem."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from explorer.core.store.consistency import inconsistencies
from tests.ui.conftest import FakeExtractor, no_unexpected_message_box  # noqa: F401 (autouse fixture)

REPO_DIR = Path(__file__).resolve().parents[2]


def fault_runs(name: str, default: int) -> int:
    """How many times a fault loop runs: small in CI, more by hand (``KE_CRASH_RUNS=50 pytest …``)."""
    return max(1, int(os.environ.get(name, default)))


class SlowExtractor(FakeExtractor):
    """A few milliseconds an article, so that an import lasts while something else happens."""

    def pipe(self, items, *, n_process: int = 1, batch_size: int = 64):
        for result in super().pipe(items, n_process=n_process, batch_size=batch_size):
            time.sleep(0.005)
            yield result


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``knowledge-explorer`` in a fresh interpreter, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO_DIR,
    )


def assert_consistent(db: sqlite_utils.Database) -> None:
    """Integrity holds and every summary equals a recount of ``mentions`` (nothing half written):
    entity mentions and articles, type votes, days, articles' entity counts, the FTS index."""
    assert inconsistencies(db) == []


def _mount(path: Path, options: str) -> bool:
    return (
        subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True).returncode == 0
    )


@pytest.fixture
def small_filesystem(tmp_path) -> Iterator[Path]:
    """A 1 MB tmpfs (root can mount one; elsewhere the test is skipped and the size-limit test stands)."""
    mount_point = tmp_path / f"small-{uuid.uuid4().hex[:6]}"
    mount_point.mkdir()
    if not _mount(mount_point, "size=1m"):
        pytest.skip("cannot mount a tmpfs here (needs root); the SQLite size-limit test covers a full disk")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill_up(mount_point: Path) -> None:
    """Write a file until the filesystem has no byte left."""
    fd = os.open(mount_point / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"x" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def remount_read_only(mount_point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)


@pytest.fixture
def make_window(qtbot, tmp_path):
    """A shown main window on a database, with settings in a temporary file."""
    from PySide6.QtCore import QSettings

    from explorer.ui.main_window import MainWindow
    from tests.ui.conftest import settle

    def make(db_path: Path):
        window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        assert window.open_database(db_path)
        settle(window)  # the list's first page and the counts are read in the background
        return window

    return make
