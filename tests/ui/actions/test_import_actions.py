"""Importing from the window: file dialogs, options, progress, cancel, summary, demo build."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from explorer.core.store import open_store
from explorer.ui.actions import import_actions as main_window_module
from explorer.ui.widgets.file_dialogs import remember
from explorer.ui.widgets.import_dialog import ImportDialog, describe_paths, format_time_left
from tests.ui.conftest import FakeExtractor, settle

IMPORT_TIMEOUT_MS = 120_000


def finish(qtbot, dialog: ImportDialog) -> str:
    qtbot.waitUntil(lambda: dialog.finished_import, timeout=IMPORT_TIMEOUT_MS)
    return dialog.summary_view.toPlainText()


def write_files(folder: Path, n: int, text: str = "Pakistan and China talk, story {i}.") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        path = folder / f"story_{i:03d}.txt"
        path.write_text(text.format(i=i), encoding="utf-8")
        files.append(path)
    return files


def consistent(db_path: Path) -> None:
    """Every stored article is whole: extracted, and the summaries agree with the mentions."""
    db = open_store(db_path)
    assert db.execute("SELECT count(*) FROM articles WHERE extracted = 0").fetchone()[0] == 0
    stored = set(db.execute("SELECT id, articles, mentions FROM entities WHERE mentions > 0"))
    recount = set(db.execute("SELECT entity_id, count(DISTINCT article_id), count(*) FROM mentions GROUP BY entity_id"))
    assert stored == recount
    assert (
        db.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        == db.execute("SELECT count(*) FROM articles").fetchone()[0]
    )
    db.close()


@pytest.fixture
def empty_window(make_window, tmp_path):
    return make_window(tmp_path / "library.db")


def test_seed_imported_through_the_import_action(qtbot, empty_window, shared_path):
    seed = shared_path("seed", "000_a20fff4a07aab385.txt")
    window = empty_window
    window.imports.ask_import_files = lambda: [seed]
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    dialog = window.imports.dialog
    assert dialog.isVisible() and dialog.paths == [seed]
    assert not dialog.date_box.isChecked()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    summary = finish(qtbot, dialog)
    assert "Imported: 1 article" in summary and "Failed: 0" in summary
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == summary

    assert window.stack.currentWidget() is window.main_splitter
    settle(window)
    assert window.documents.model.rowCount() == 1
    assert window.documents.model.index(0, 1).data() == "undated"
    names = {window.entities.model.index(r, 0).data() for r in range(window.entities.model.rowCount())}
    assert {"Pakistan", "China", "Beijing"} <= names
    window.documents.view.selectRow(0)
    reader = window.reader
    body = seed.read_text(encoding="utf-8")
    assert "’" in reader.text.toPlainText() and "“all-weather" in reader.text.toPlainText()
    assert reader.date_label.text().startswith("Undated")
    highlighted = {reader.article.body[m.start : m.end] for m in reader.article.mentions}
    assert {"Pakistan", "China"} <= highlighted
    assert body.count("Pakistan") >= sum(1 for m in reader.article.mentions if m.entity.name == "Pakistan") >= 6
    consistent(window.db_path)


def test_import_files_through_a_real_qt_file_dialog(qtbot, empty_window, tmp_path):
    """Qt's own (non-native) dialog, driven by keystrokes: type a name, press Enter."""
    window = empty_window
    files = write_files(tmp_path / "news", 2)
    window.file_dialog_options = QFileDialog.Option.DontUseNativeDialog
    remember(window.settings, "import", files[0].parent)
    typed = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, answer)
            return
        name_field = dialog.findChild(QLineEdit, "fileNameEdit")
        qtbot.keyClicks(name_field, files[1].name)
        typed.append(name_field.text())
        qtbot.keyClick(name_field, Qt.Key.Key_Return)

    def give_up() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            dialog.reject()

    QTimer.singleShot(50, answer)
    QTimer.singleShot(10_000, give_up)
    window.import_files_action.trigger()
    assert typed == [files[1].name]
    assert window.imports.dialog.paths == [files[1]]
    window.imports.dialog.reject()
    assert not window.imports.dialog.isVisible()


class GatedExtractor(FakeExtractor):
    """Stops after ``pause_after`` texts until ``gate`` opens, so a test can act mid-import."""

    pause_after = 70
    gate = threading.Event()

    def pipe(self, items, *, n_process: int = 1, batch_size: int = 64):
        for n, result in enumerate(super().pipe(items), start=1):
            yield result
            if n == self.pause_after:
                self.gate.wait(30)


@pytest.fixture
def gated_extractor(monkeypatch):
    import explorer.core.ops.pipeline as pipeline

    GatedExtractor.gate = threading.Event()
    monkeypatch.setattr(pipeline, "Extractor", GatedExtractor)
    yield GatedExtractor
    GatedExtractor.gate.set()


def test_articles_appear_as_batches_commit_and_cancel_keeps_the_database_whole(
    qtbot, empty_window, tmp_path, gated_extractor
):
    window = empty_window
    folder = tmp_path / "wire"
    write_files(folder, 200)
    dialog = window.imports.import_paths([folder])
    assert dialog.recursive_box.isVisible()
    dialog.start()
    # The first batches (4, 8, 16 and 32 articles) are committed and listed while the import still runs.
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == 60, timeout=IMPORT_TIMEOUT_MS)
    assert window.imports.runner.running and window.stack.currentWidget() is window.main_splitter
    assert dialog.progress_bar.maximum() == 200 and dialog.progress_bar.value() >= 60
    assert ", 60 stored" in window.imports.status.label.text()
    assert "of 200 files" in dialog.counts_label.text()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    gated_extractor.gate.set()
    summary = finish(qtbot, dialog)
    last = window.imports.runner.last
    assert last.cancelled and 60 <= last.imported < 200
    assert summary.startswith(f"Cancelled after {last.done} of 200 files")
    settle(window)
    assert window.documents.model.rowCount() == last.imported == window.total_articles
    consistent(window.db_path)

    again = window.imports.import_paths([folder])
    again.start()
    summary = finish(qtbot, again)
    assert "Imported: " + f"{200 - last.imported:,} articles" in summary
    assert window.total_articles == 200
    consistent(window.db_path)


def test_undated_files_take_the_date_chosen_in_the_dialog(qtbot, empty_window, tmp_path, fake_extractor):
    window = empty_window
    files = write_files(tmp_path / "notes", 3, "A note about Pakistan number {i}.")
    (tmp_path / "notes" / "empty.txt").write_text("   ")
    dialog = window.imports.import_paths([*files, tmp_path / "notes" / "empty.txt"])
    dialog.date_box.setChecked(True)
    dialog.date_edit.setDate(QDate(2024, 2, 29))
    assert dialog.chosen_date() == date(2024, 2, 29)
    dialog.start()
    summary = finish(qtbot, dialog)
    assert "Imported: 3 articles" in summary and "Failed: 1" in summary
    assert "empty.txt: empty" in summary
    settle(window)
    window.documents.view.selectRow(0)
    assert window.documents.model.index(0, 1).data() == "29 Feb 2024"
    assert window.reader.date_label.text() == "Thursday 29 February 2024 (set by you)"


def test_the_demo_builds_in_the_background_once(qtbot, make_window, tmp_path, monkeypatch, fake_extractor):
    from explorer.core.ops.pipeline import ImportOptions, import_entries
    from explorer.core.reading.ingest import article_from_text

    def small_demo(db_path):
        def job(cancel):
            entries = [
                (
                    f"address {year}",
                    lambda year=year: article_from_text(
                        f"Title: Address {year}\nDate: {year}-01-08\n\nThe state of Pakistan in {year}.",
                        name=f"{year}.txt",
                    ),
                )
                for year in (1790, 1900, 2020)
            ]
            return import_entries(db_path, entries, ImportOptions(cancel=cancel))

        return job

    monkeypatch.setattr(main_window_module.core_settings, "demo_db_path", lambda: tmp_path / "demo.db")
    monkeypatch.setattr(main_window_module, "demo_import", small_demo)
    window = make_window(tmp_path / "library.db")
    qtbot.mouseClick(window.welcome.buttons["demo"], Qt.MouseButton.LeftButton)
    assert window.db_path == tmp_path / "demo.db" and window.import_status.isVisible()
    assert window.stack.currentWidget() is window.main_splitter  # the list fills as the build goes
    qtbot.waitUntil(lambda: not window.imports.runner.running, timeout=IMPORT_TIMEOUT_MS)
    assert window.total_articles == 3 and not window.import_status.isVisible()
    assert window.settings.value("demo/complete", type=bool)
    first_runner = window.imports.runner
    window.imports.open_demo()
    assert window.imports.runner is first_runner  # reused, not rebuilt


def test_dialog_texts():
    assert format_time_left(None) == ""
    assert format_time_left(30) == "less than a minute left"
    assert format_time_left(125) == "about 2 min left"
    assert format_time_left(3 * 3600 + 600) == "about 3 h 10 min left"
    assert describe_paths([Path("/x/a.txt"), Path("/x/b.txt")]) == "Import 2 files: a.txt, b.txt"
