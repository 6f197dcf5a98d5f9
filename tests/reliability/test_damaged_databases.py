"""Truncated, random, future and incomplete databases: a clear message, the file untouched, the app goes on."""

from __future__ import annotations

import hashlib
import random
import sqlite3
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner

from explorer.cli import main
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
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, '999_x', 'later')",
            [MIGRATION_SET],
        )
        conn.commit()
        conn.close()
    elif kind == "missing-table":
        conn = sqlite3.connect(path)
        conn.execute("DROP TABLE mentions")
        conn.commit()
        conn.close()
    return path


def _files(folder: Path) -> dict[str, str]:
    """Each file's SHA-256: a damaged database must be left byte for byte as it was."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


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


def _contents(path: Path) -> list[tuple]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    rows += conn.execute("SELECT name FROM _sqlite_migrations ORDER BY name").fetchall()
    conn.close()
    return rows


EVERY_COMMAND = [
    ["reextract"],
    ["entity", "hide", "Pakistan"],
    ["entity", "merge", "Pakistan", "China"],
    ["entity", "add", "Lahore", "--type", "place"],
    ["gazetteer", "import", "{dir}/names.csv"],
    ["export", "entities", "-o", "{dir}/out.csv"],
    ["timeline", "Pakistan"],
    ["article", "list"],
    ["article", "tag", "x", "1"],
    ["delete", "1", "--yes"],
    ["rebuild-summaries"],
]


@pytest.mark.parametrize("kind", DAMAGES)
def test_every_other_command_refuses_in_words(tmp_path, kind):
    """The commands beyond the four above, in-process: a message, exit 1, nothing written anywhere."""
    (tmp_path / "names.csv").write_text("Lahore,place\n", encoding="utf-8")
    path = damaged(tmp_path, kind)
    before = _files(tmp_path)
    for command in EVERY_COMMAND:
        args = [arg.format(dir=tmp_path) for arg in command]
        result = CliRunner().invoke(main, [*args, "--db", str(path)])
        assert isinstance(result.exception, SystemExit), (args, "".join(traceback.format_exception(result.exception)))
        assert result.exit_code == 1 and EXPECTED[kind] in result.output, (args, result.output)
    assert _files(tmp_path) == before
    backup = CliRunner().invoke(main, ["backup", str(tmp_path / "copy.db"), "--db", str(path)])
    if kind in ("future-version", "missing-table"):  # sound SQLite files: copied as they are, for safe keeping
        assert backup.exit_code == 0 and _contents(tmp_path / "copy.db") == _contents(path)
    else:
        assert backup.exit_code == 1 and "Traceback" not in backup.output and not (tmp_path / "copy.db").exists()
    assert {name: digest for name, digest in _files(tmp_path).items() if name != "copy.db"} == before


def test_window_keeps_working_after_each_damaged_file(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from explorer.ui.main_window import MainWindow
    from tests.message_boxes import record_message_boxes

    warnings = record_message_boxes(monkeypatch)
    good = tmp_path / "good.db"
    build_store(good, [draft("Fine", "Pakistan is fine.")], {"Pakistan": ("Pakistan", "place")}).close()
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_database(good)
    (tmp_path / "bad").mkdir()
    for kind in DAMAGES:
        path = damaged(tmp_path / "bad", kind)
        before = path.read_bytes()
        monkeypatch.setattr(window.files, "ask_database_path", lambda new, path=path: path)
        window.files.open_database_dialog()
        assert EXPECTED[kind] in warnings[-1].text
        assert path.read_bytes() == before
        assert window.db_path == good and window.total_articles == 1
    fresh = tmp_path / "fresh.db"
    monkeypatch.setattr(window.files, "ask_database_path", lambda new: fresh)
    window.files.new_database()
    assert window.db_path == fresh and window.total_articles == 0
    assert len(warnings) == len(DAMAGES)
