"""No traceback reaches a user: a failure injected into a command, a window slot, a thread or a
background job becomes one sentence naming the log file, and the log holds the traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from explorer.cli import main
from explorer.core.safety import problems
from tests.reliability.conftest import REPO_DIR
from tests.store_builder import build_store, draft
from tests.ui.conftest import settle

SENTENCE = "Knowledge Explorer ran into an unexpected problem: "


@pytest.fixture
def log_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv(problems.LOG_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def library(tmp_path) -> Path:
    path = tmp_path / "library.db"
    build_store(
        path,
        [draft("Floods", "Pakistan asked China for help."), draft("Talks", "India and China.")],
        {"Pakistan": ("Pakistan", "place"), "China": ("China", "place")},
    ).close()
    return path


def boom(exc: BaseException):
    def raising(*args, **kwargs):
        raise exc

    return raising


# Each: a core function the command calls, and the command.
INJECTIONS = [
    ("explorer.core.store.queries.stats", RuntimeError("the counter broke"), ["stats"]),
    ("explorer.core.store.queries.search", KeyError("snippet"), ["search", "Pakistan"]),
    ("explorer.core.store.notes.set_starred", RuntimeError("no star"), ["article", "star", "1"]),
    ("explorer.core.ops.export.write_entities", KeyError("mentions"), ["export", "entities", "-o", "{dir}/e.csv"]),
    ("explorer.core.ops.curation.hide", ZeroDivisionError("division by zero"), ["entity", "hide", "Pakistan"]),
    (
        "explorer.core.store.deletion.delete_articles",
        AttributeError("'NoneType' has no 'id'"),
        ["delete", "1", "--yes"],
    ),
    ("explorer.core.ops.pipeline.import_paths", MemoryError(), ["import", "{dir}/new.txt"]),
]


@pytest.mark.parametrize(("target", "exc", "args"), INJECTIONS, ids=[i[0].rsplit(".", 1)[1] for i in INJECTIONS])
def test_a_failing_command_says_one_sentence_and_logs_the_traceback(library, log_dir, monkeypatch, target, exc, args):
    (library.parent / "new.txt").write_text("Pakistan.\n", encoding="utf-8")
    monkeypatch.setattr(target, boom(exc))
    result = CliRunner().invoke(main, [*(a.format(dir=library.parent) for a in args), "--db", str(library)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    log = log_dir / problems.LOG_NAME
    assert f"Error: {SENTENCE}{type(exc).__name__}" in result.output
    assert f"Details were written to {log}." in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) <= 3
    logged = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged and type(exc).__name__ in logged
    assert target.rsplit(".", 1)[1] in logged or "raising" in logged


def test_in_a_fresh_process(library, tmp_path):
    """As a user runs it: the injected failure reaches the real entry point."""
    code = (
        "import sys, explorer.core.store.queries as q\n"
        "def broken(*a, **k): raise RuntimeError('injected')\n"
        "q.stats = broken\n"
        "from explorer.cli import main\n"
        "main(prog_name='knowledge-explorer')\n"
    )
    env = {**os.environ, problems.LOG_DIR_ENV: str(tmp_path / "logs")}
    result = subprocess.run(
        [sys.executable, "-c", code, "stats", "--db", str(library)],
        capture_output=True,
        text=True,
        cwd=REPO_DIR,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert f"{SENTENCE}RuntimeError: injected." in result.stderr
    assert "RuntimeError: injected" in (tmp_path / "logs" / problems.LOG_NAME).read_text(encoding="utf-8")


def test_the_log_is_rotated_and_bounded(log_dir, monkeypatch):
    monkeypatch.setattr(problems, "LOG_MAX_BYTES", 4_000)
    for i in range(60):
        try:
            raise RuntimeError(f"failure {i} " + "x" * 200)
        except RuntimeError as exc:
            assert problems.write_log(exc) == log_dir / problems.LOG_NAME
    sizes = [p.stat().st_size for p in log_dir.iterdir()]
    assert len(sizes) == 1 + problems.LOG_BACKUPS and max(sizes) <= 4_000
    assert "failure 59" in (log_dir / problems.LOG_NAME).read_text(encoding="utf-8")


def test_a_log_that_cannot_be_written_is_said(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(problems.LOG_DIR_ENV, str(blocker / "logs"))  # a folder inside a file
    text = problems.in_words(RuntimeError("x"))
    assert text.startswith(SENTENCE) and "could not be written" in text


def test_click_errors_pass_through_as_they_are(library, log_dir):
    result = CliRunner().invoke(main, ["stats", "--no-such-option", "--db", str(library)])
    assert result.exit_code == 2 and "No such option" in result.output and not log_dir.exists()


# -- the window


@pytest.fixture
def handled_window(qtbot, tmp_path, library, log_dir, monkeypatch):
    """A window with the top-level handler installed as app.run installs it (restored afterwards),
    and its boxes recorded."""
    from PySide6.QtCore import QSettings

    from explorer.ui.main_window import MainWindow
    from tests.message_boxes import record_message_boxes

    boxes = record_message_boxes(monkeypatch)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.errors.install()
    assert window.open_database(library)
    return window, boxes


@pytest.mark.qt_no_exception_capture
def test_a_failing_slot_shows_a_box_and_the_window_goes_on(qtbot, handled_window, log_dir, monkeypatch):
    import explorer.ui.actions.reading_actions as main_window

    window, boxes = handled_window
    check_search = main_window.check_search
    monkeypatch.setattr(main_window, "check_search", boom(KeyError("fts")))
    window.documents.search_changed.emit("Pakistan")
    qtbot.waitUntil(lambda: len(boxes) == 1)
    log = log_dir / problems.LOG_NAME
    assert boxes[0].text.startswith(f"{SENTENCE}KeyError: 'fts'.")
    assert f"Details were written to {log}." in boxes[0].text
    assert "Traceback" not in boxes[0].text and "Traceback" in log.read_text(encoding="utf-8")
    monkeypatch.setattr(main_window, "check_search", check_search)  # the window goes on: the search runs
    window.documents.search_changed.emit("Pakistan")
    settle(window)  # the list is read in the background
    assert window.state.search == "Pakistan" and window.documents.model.rowCount() == 1


@pytest.mark.qt_no_exception_capture
def test_a_failing_thread_shows_a_box(qtbot, handled_window, log_dir):
    _, boxes = handled_window
    thread = threading.Thread(target=boom(RuntimeError("in a thread")))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(boxes) == 1)
    assert boxes[0].text.startswith(f"{SENTENCE}RuntimeError: in a thread.")
    assert "in a thread" in (log_dir / problems.LOG_NAME).read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_damage_met_by_a_slot_is_said_as_damage(qtbot, tmp_path, log_dir, monkeypatch, handled_window):
    import sqlite3

    window, boxes = handled_window
    monkeypatch.setattr(
        "explorer.ui.actions.reading_actions.check_search",
        boom(sqlite3.DatabaseError("database disk image is malformed")),
    )
    window.documents.search_changed.emit("Pakistan")
    qtbot.waitUntil(lambda: len(boxes) == 1)
    assert f"The database {window.db_path} is damaged" in boxes[0].text and ".recover" in boxes[0].text
    assert not (log_dir / problems.LOG_NAME).exists()


def test_a_failing_background_import_says_so_in_its_summary(qtbot, handled_window, log_dir, monkeypatch, tmp_path):
    window, _ = handled_window
    monkeypatch.setattr("explorer.core.ops.pipeline.import_paths", boom(KeyError("batch")))
    story = tmp_path / "story.txt"
    story.write_text("Pakistan.\n", encoding="utf-8")
    dialog = window.imports.import_paths([story])
    dialog.start()
    qtbot.waitUntil(lambda: dialog.finished_import, timeout=60_000)
    summary = dialog.summary_view.toPlainText()
    assert f"{SENTENCE}KeyError: 'batch'." in summary and str(log_dir / problems.LOG_NAME) in summary
