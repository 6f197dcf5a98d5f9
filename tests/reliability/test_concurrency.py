"""Two windows, or the CLI and a window, on one database: writes wait instead of failing, nobody sees
"locked", and a write kept waiting past the busy timeout says so in words."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

import explorer.core.ops.pipeline as pipeline
from explorer.core.ops.pipeline import ImportOptions, import_paths
from explorer.core.store import open_store
from explorer.core.store.schema import BUSY_TIMEOUT_MS
from tests.core.ops.test_pipeline import write_articles
from tests.reliability.conftest import REPO_DIR, SlowExtractor, assert_consistent, cli
from tests.store_builder import build_store, draft
from tests.ui.conftest import FakeExtractor

HOLD_SECONDS = 1.5


def test_every_connection_waits_instead_of_failing(tmp_path):
    for readonly in (False, True):
        db = open_store(tmp_path / "t.db", readonly=readonly)
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
        db.close()


def test_import_waits_for_a_writer_holding_the_lock(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)
    db_path = tmp_path / "t.db"
    open_store(db_path).close()
    write_articles(tmp_path / "in", 20)
    other = open_store(db_path)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO rules (kind, payload, created_at) VALUES ('test', '{}', 'now')")
    released = threading.Event()

    def release() -> None:
        time.sleep(HOLD_SECONDS)
        other.conn.commit()
        released.set()

    threading.Thread(target=release).start()
    last = list(import_paths(db_path, [tmp_path / "in"], ImportOptions(batch_size=5)))[-1]
    assert released.is_set()
    assert last.finished and last.imported == 20 and not last.failed
    assert_consistent(open_store(db_path))


def test_cli_import_beside_a_reading_window_and_a_busy_writer(tmp_path, qtbot):
    from PySide6.QtCore import QSettings

    from explorer.ui.main_window import MainWindow

    write_articles(tmp_path / "in", 300)
    db_path = tmp_path / "t.db"
    open_store(db_path).close()
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_database(db_path)
    stop = threading.Event()
    writer_errors: list[Exception] = []

    def busy_writer() -> None:
        """Another program taking the write lock again and again, each time for a moment."""
        db = open_store(db_path)
        while not stop.is_set():
            try:
                db.execute("BEGIN IMMEDIATE")
                time.sleep(0.05)
                db.conn.commit()
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                writer_errors.append(exc)
            time.sleep(0.02)
        db.close()

    writer = threading.Thread(target=busy_writer)
    writer.start()
    proc = subprocess.Popen(
        [sys.executable, "-m", "explorer", "import", str(tmp_path / "in"), "--db", str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO_DIR,
    )
    seen = []
    while proc.poll() is None:
        window.refresh()
        seen.append(window.total_articles)
        qtbot.wait(50)
    stdout, stderr = proc.communicate()
    stop.set()
    writer.join()
    assert proc.returncode == 0, stderr
    assert "locked" not in stderr and "Traceback" not in stderr and "Imported 300" in stdout
    assert writer_errors == []
    window.refresh()
    assert window.total_articles == 300 and seen == sorted(seen)
    search = cli("search", "Norway", "--db", str(db_path))
    assert search.returncode == 0 and "Norway" in search.stdout


def test_two_windows_one_imports_while_the_other_curates_and_marks(qtbot, tmp_path, monkeypatch):
    """Window A imports 400 files; meanwhile window B hides an entity, undoes it, hides it again,
    stars and tags articles. Nobody is told "locked"; the import follows B's rule."""
    from PySide6.QtCore import QSettings

    from explorer.ui.main_window import MainWindow
    from tests.message_boxes import record_message_boxes
    from tests.ui.actions.test_curation_actions import select, written

    told = record_message_boxes(monkeypatch)
    monkeypatch.setattr(pipeline, "Extractor", SlowExtractor)
    db_path = tmp_path / "t.db"
    build_store(
        db_path,
        [draft(f"Old {i}", f"India and China talk, day {i}.") for i in range(30)],
        {"India": ("India", "place"), "China": ("China", "place")},
    ).close()
    write_articles(tmp_path / "in", 400)
    windows = []
    for name in ("a", "b"):
        window = MainWindow(QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        assert window.open_database(db_path)
        windows.append(window)
    a, b = windows
    monkeypatch.setattr(b.notes, "ask_item", lambda *args: "checked")
    a.imports.import_paths([tmp_path / "in"]).start()
    steps = [
        lambda: select(b, "India"),
        lambda: (b.curation.hide(), written(qtbot, b)),  # each write in a task, waited for
        lambda: (b.curation.undo_action.trigger(), written(qtbot, b)),
        lambda: select(b, "India"),
        lambda: (b.curation.hide(), written(qtbot, b)),
    ]
    marked: set[int] = set()
    while a.imports.runner.running or steps:
        if steps:
            steps.pop(0)()
        elif len(marked) < 10:
            b.refresh()
            b.documents.view.setCurrentIndex(b.documents.model.index(len(marked), 0))
            b.notes.show_marks()
            if not b.notes.star_action.isChecked():
                b.notes.star_action.trigger()
            b.notes.add_tag_action.trigger()
            marked.add(b.reader.article.id)
        qtbot.wait(30)
    qtbot.waitUntil(lambda: not b.notes.writes.pending(), timeout=30_000)  # marks are written in tasks
    assert told == [] and a.imports.runner.last.finished and not a.imports.runner.last.failed
    db = open_store(db_path)
    assert_consistent(db)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 430
    assert db.execute("SELECT hidden FROM entities WHERE key = 'india'").fetchone() == (1,)
    starred = {i for (i,) in db.execute("SELECT article_id FROM article_notes WHERE starred = 1")}
    assert starred == marked == {i for (i,) in db.execute("SELECT article_id FROM article_tags WHERE tag = 'checked'")}
    for window in windows:
        window.refresh()
        assert window.total_articles == 430


def test_a_write_kept_waiting_too_long_says_so_in_words(tmp_path, monkeypatch):
    """After the busy timeout (30 s; 0.2 s here) every kind of write gives up with a sentence, not "locked"."""
    from explorer.core.ops import curation
    from explorer.core.store import StoreError, notes
    from explorer.core.store.deletion import delete_articles
    from explorer.core.store.queries import find_entity

    db_path = tmp_path / "t.db"
    build_store(
        db_path, [draft(f"Old {i}", f"India and China talk, day {i}.") for i in range(5)], {"India": ("India", "place")}
    ).close()
    write_articles(tmp_path / "in", 5)

    def impatient_store(path, **kwargs):
        db = open_store(path, **kwargs)
        db.execute("PRAGMA busy_timeout = 200")
        return db

    db = impatient_store(db_path)
    other = open_store(db_path)
    other.execute("BEGIN IMMEDIATE")
    india = find_entity(db, "India").id
    for write in (
        lambda: curation.hide(db, india),
        lambda: notes.set_starred(db, 1, True),
        lambda: delete_articles(db, [1]),
    ):
        with pytest.raises(StoreError, match="busy in another program"):
            write()
    monkeypatch.setattr(pipeline, "open_store", impatient_store)
    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)
    with pytest.raises(StoreError, match="busy in another program"):
        list(import_paths(db_path, [tmp_path / "in"], ImportOptions()))
    other.conn.rollback()
    assert_consistent(db)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
