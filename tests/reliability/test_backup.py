"""Backups use SQLite's online backup API: consistent while an import writes, never half a file."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

import pytest

import explorer.core.ops.pipeline as pipeline
from explorer.core.ops.backup import backup_database
from explorer.core.store import StoreError, open_store
from tests.core.ops.test_pipeline import write_articles
from tests.message_boxes import record_message_boxes, texts
from tests.reliability.conftest import SlowExtractor, assert_consistent, cli
from tests.store_builder import build_store, draft


@pytest.fixture
def small_db(tmp_path) -> Path:
    path = tmp_path / "work.db"
    stories = [draft(f"Story {i}", f"Pakistan and China met in Beijing, day {i}.") for i in range(20)]
    build_store(path, stories, {"Pakistan": ("Pakistan", "place"), "China": ("China", "place")}).close()
    return path


def test_backup_is_a_whole_consistent_copy(small_db, tmp_path):
    before = small_db.read_bytes()
    target = backup_database(small_db, tmp_path / "copy.db")
    db = open_store(target)
    assert_consistent(db)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 20
    assert db.execute("SELECT sum(mentions) FROM entities").fetchone()[0] == 40
    assert small_db.read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_backup_during_an_open_write_transaction_holds_only_committed_data(small_db, tmp_path):
    writer = sqlite3.connect(small_db)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM mentions")
    writer.execute(
        "INSERT INTO articles (title, body, date_source, sha256, words, imported_at)"
        " VALUES ('half', 'half written', 'none', 'half', 2, 'now')"
    )
    started = time.monotonic()
    backup_database(small_db, tmp_path / "copy.db")
    assert time.monotonic() - started < 20, "the backup waited for the writer instead of reading a snapshot"
    writer.rollback()
    writer.close()
    db = open_store(tmp_path / "copy.db")
    assert_consistent(db)
    assert db.execute("SELECT count(*) FROM articles WHERE title = 'half'").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 40


@pytest.mark.parametrize("case", ["missing", "itself", "no-folder"])
def test_backup_refusals_say_why_and_write_nothing(small_db, tmp_path, case):
    source, target = {
        "missing": (tmp_path / "nothing.db", tmp_path / "copy.db"),
        "itself": (small_db, small_db),
        "no-folder": (small_db, tmp_path / "no" / "such" / "copy.db"),
    }[case]
    before = small_db.read_bytes()
    with pytest.raises(StoreError) as info:
        backup_database(source, target)
    assert {"missing": "No database", "itself": "the database itself", "no-folder": "does not exist"}[case] in str(
        info.value
    )
    assert small_db.read_bytes() == before
    assert not (tmp_path / "copy.db").exists()


def test_cli_backup_while_the_cli_imports(tmp_path):
    """``knowledge-explorer backup`` beside a running ``import``: each backup consistent, import unharmed."""
    import subprocess
    import sys

    write_articles(tmp_path / "in", 400)
    db_path = tmp_path / "t.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "explorer", "import", str(tmp_path / "in"), "--db", str(db_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    backups: list[int] = []
    deadline = time.monotonic() + 180
    while proc.poll() is None and time.monotonic() < deadline and len(backups) < 6:
        time.sleep(0.1)
        if not _has_articles(db_path):  # the model is still loading: nothing to catch yet
            continue
        target = tmp_path / f"backup-{len(backups)}.db"
        result = cli("backup", str(target), "--db", str(db_path))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        backups.append(_articles(target))
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    assert any(0 < count < 400 for count in backups), f"no backup caught the import half way: {backups}"
    assert backups == sorted(backups)
    logging.getLogger(__name__).info("CLI backups during a CLI import of 400: articles in each: %s", backups)
    assert _articles(db_path) == 400


def _has_articles(db_path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _window(qtbot, tmp_path, db_path):
    from PySide6.QtCore import QSettings

    from explorer.ui.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_database(db_path)
    return window


def test_window_backs_up_the_open_database(qtbot, small_db, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path, small_db)
    assert window.backup_action in window.menuBar().actions()[0].menu().actions()
    target = tmp_path / "chosen.db"
    monkeypatch.setattr(window.files, "ask_backup_path", lambda database: target)
    assert window.files.back_up_database()
    qtbot.waitUntil(window.tasks.idle)  # the copy and its check run in the background
    assert window.statusBar().currentMessage() == f"Backed up to {target}"
    assert open_store(target).execute("SELECT count(*) FROM articles").fetchone()[0] == 20
    shown = record_message_boxes(monkeypatch)
    monkeypatch.setattr(window.files, "ask_backup_path", lambda database: small_db)
    assert not window.files.back_up_database()
    warnings = texts(shown)
    assert warnings and "the database itself" in warnings[0]


def test_window_backs_up_while_its_own_import_runs(qtbot, small_db, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "Extractor", SlowExtractor)
    write_articles(tmp_path / "in", 400)
    window = _window(qtbot, tmp_path, small_db)
    targets = iter(tmp_path / f"backup-{i}.db" for i in range(100))
    monkeypatch.setattr(window.files, "ask_backup_path", lambda database: next(targets))
    window.imports.import_paths([tmp_path / "in"]).start()
    taken = 0
    while window.imports.runner.running:
        assert window.files.back_up_database()  # File > Back Up Database…
        taken += 1
        qtbot.wait(100)
    qtbot.waitUntil(window.tasks.idle)
    counts = [_articles(tmp_path / f"backup-{i}.db") for i in range(taken)]
    logging.getLogger(__name__).info("window backups during an import of 400 onto 20: articles in each: %s", counts)
    assert counts == sorted(counts) and counts[0] >= 20 and counts[-1] <= 420
    assert any(20 < count < 420 for count in counts), f"no backup caught the import half way: {counts}"
    assert _articles(small_db) == 420 and window.total_articles == 420


def _articles(path: Path) -> int:
    db = open_store(path)
    assert_consistent(db)
    count = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    db.close()
    return count
