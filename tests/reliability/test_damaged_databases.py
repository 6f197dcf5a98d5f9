"""Truncated, random, future and incomplete databases: a clear message, the file untouched, the app goes on."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from explorer.core.store import StoreError, open_store
from explorer.core.store.schema import MIGRATION_SET
from tests.reliability.conftest import cli
from tests.store_builder import build_store, draft

DAMAGES = ["truncated", "random-bytes", "future-version", "missing-table", "empty-header"]
EXPECTED = {
    "truncated": "damaged",
    "random-bytes": "not an SQLite file",
    "future-version": "newer version",
    "missing-table": "damaged",
    "empty-header": "damaged",
}


def damaged(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.db"
    if kind == "random-bytes":
        path.write_bytes(random.Random(3).randbytes(64 * 1024))
        return path
    stories = [draft(f"Story {i}", "Pakistan and China " * 200 + str(i)) for i in range(40)]
    build_store(path, stories, {"Pakistan": ("Pakistan", "place")}).close()
    sqlite3.connect(path).execute("PRAGMA journal_mode = DELETE").fetchone()  # everything in the main file
    if kind == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif kind == "empty-header":
        data = path.read_bytes()
        path.write_bytes(data[:100] + bytes(len(data) - 100))
    elif kind == "future-version":
        conn = sqlite3.connect(path)
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, '999_x', 'later')",
                     [MIGRATION_SET])
        conn.commit()
        conn.close()
    elif kind == "missing-table":
        conn = sqlite3.connect(path)
        conn.execute("DROP TABLE mentions")
        conn.commit()
        conn.close()
    return path


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("kind", DAMAGES)
def test_open_store_refuses_with_a_reason_and_leaves_the_file(tmp_path, kind):
    path = damaged(tmp_path, kind)
    before = _files(tmp_path)
    for readonly in (False, True):
        with pytest.raises(StoreError, match=EXPECTED[kind]):
            open_store(path, readonly=readonly)
    assert _files(tmp_path) == before


@pytest.mark.parametrize("kind", DAMAGES)
def test_cli_says_so_without_a_traceback(tmp_path, kind):
    path = damaged(tmp_path, kind)
    before = _files(tmp_path)
    for command in (["stats"], ["search", "Pakistan"], ["entities"], ["import", str(path.parent / "none.txt")]):
        result = cli(*command, "--db", str(path))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert EXPECTED[kind] in result.stderr
    assert _files(tmp_path) == before


def test_window_keeps_working_after_each_damaged_file(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from explorer.ui.main_window import MainWindow

    warnings: list[str] = []
    monkeypatch.setattr("explorer.ui.main_window.QMessageBox.warning", lambda *args: warnings.append(args[2]))
    good = tmp_path / "good.db"
    build_store(good, [draft("Fine", "Pakistan is fine.")], {"Pakistan": ("Pakistan", "place")}).close()
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_database(good)
    (tmp_path / "bad").mkdir()
    for kind in DAMAGES:
        path = damaged(tmp_path / "bad", kind)
        before = path.read_bytes()
        monkeypatch.setattr(window, "ask_database_path", lambda new, path=path: path)
        window.open_database_dialog()
        assert EXPECTED[kind] in warnings[-1]
        assert path.read_bytes() == before
        assert window.db_path == good and window.total_articles == 1
    fresh = tmp_path / "fresh.db"
    monkeypatch.setattr(window, "ask_database_path", lambda new: fresh)
    window.new_database()
    assert window.db_path == fresh and window.total_articles == 0
    assert len(warnings) == len(DAMAGES)
