"""The import dialog: Enter imports, patterns chosen and remembered, the summary's table."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from explorer.core.reading.file_filter import DEFAULT_EXCLUDE, format_patterns
from explorer.core.store import open_store
from explorer.ui.widgets.import_dialog import ImportDialog
from tests.message_boxes import record_message_boxes

TIMEOUT_MS = 120_000


def folder_with_extras(root: Path) -> Path:
    folder = root / "news"
    (folder / "old").mkdir(parents=True)
    (folder / "a.txt").write_text("Title: Talks\n\nPakistan and China talk.\n")
    (folder / "old" / "b.md").write_text("Title: Older talks\n\nIndia and China talk.\n")
    (folder / "README.TXT").write_text("Articles saved from the wire.\n")
    return folder


def titles(db_path: Path) -> set[str]:
    return {row[0] for row in open_store(db_path).execute("SELECT title FROM articles")}


@pytest.fixture
def empty_window(make_window, tmp_path, fake_extractor):
    return make_window(tmp_path / "library.db")


@pytest.mark.parametrize("focus", ["dialog", "recursive box", "exclude patterns"])
def test_enter_in_the_options_imports(qtbot, empty_window, tmp_path, focus):
    window = empty_window
    dialog = window.imports.import_paths([folder_with_extras(tmp_path)])
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.import_button and dialog.import_button.isDefault()
    target = {"dialog": dialog, "recursive box": dialog.recursive_box, "exclude patterns": dialog.exclude_edit}[focus]
    target.setFocus()
    qtbot.keyClick(target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.finished_import, timeout=TIMEOUT_MS)
    assert titles(window.db_path) == {"Talks", "Older talks"}  # the README is left out by default


def test_files_chosen_one_by_one_are_imported_whatever_the_patterns(qtbot, empty_window, tmp_path):
    readme = folder_with_extras(tmp_path) / "README.TXT"
    dialog = empty_window.imports.import_paths([readme])
    assert not dialog.include_edit.isVisibleTo(dialog)  # patterns only apply to folders
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.finished_import, timeout=TIMEOUT_MS)
    assert titles(empty_window.db_path) == {"Articles saved from the wire."}


def test_patterns_are_honoured_and_remembered(qtbot, empty_window, tmp_path, settings):
    window = empty_window
    folder = folder_with_extras(tmp_path)
    dialog = window.imports.import_paths([folder])
    assert dialog.exclude_edit.text() == format_patterns(DEFAULT_EXCLUDE) and dialog.include_edit.text() == ""
    dialog.include_edit.setText("*.txt")
    dialog.exclude_edit.setText("old; .*")
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.finished_import, timeout=TIMEOUT_MS)
    assert titles(window.db_path) == {"Talks", "Articles saved from the wire."}
    dialog.accept()
    reread = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    later = ImportDialog([folder], settings=reread)
    assert (later.include_edit.text(), later.exclude_edit.text()) == ("*.txt", "old; .*")
    later.defaults_button.click()
    assert (later.include_edit.text(), later.exclude_edit.text()) == ("", format_patterns(DEFAULT_EXCLUDE))


def test_the_summary_names_each_duplicates_original_to_copy_and_save(qtbot, empty_window, tmp_path):
    window = empty_window
    folder = folder_with_extras(tmp_path)
    (folder / "copy of a.txt").write_text((folder / "a.txt").read_text())
    (folder / "empty.txt").write_text("")
    dialog = window.imports.import_paths([folder])
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.finished_import, timeout=TIMEOUT_MS)
    original = open_store(window.db_path).execute("SELECT id FROM articles WHERE title = 'Talks'").fetchone()[0]
    table = dialog.table
    assert table.isVisibleTo(dialog)
    rows = {tuple(table.item(r, c).data(0) for c in range(table.columnCount())) for r in range(table.rowCount())}
    assert rows == {
        ("failed", str(folder / "empty.txt"), "empty file", "", "", ""),
        (
            "duplicate",
            str(folder / "copy of a.txt"),
            "same text as a stored article",
            original,
            "Talks",
            str(folder / "a.txt"),
        ),
    }
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert copied.startswith(dialog.summary_view.toPlainText())
    assert f"duplicate\t{folder / 'copy of a.txt'}\tsame text as a stored article\t{original}\tTalks" in copied
    target = tmp_path / "report.csv"
    dialog.ask_save_path = lambda: target
    assert dialog.save_table()
    with target.open(newline="", encoding="utf-8") as f:
        saved = list(csv.reader(f))
    assert saved[0] == ["outcome", "file", "reason", "original id", "original title", "original path"]
    assert [
        "duplicate",
        str(folder / "copy of a.txt"),
        "same text as a stored article",
        str(original),
        "Talks",
        str(folder / "a.txt"),
    ] in saved[1:]


def test_saving_the_table_over_the_database_is_refused_in_words(qtbot, empty_window, tmp_path, monkeypatch):
    window = empty_window
    folder = folder_with_extras(tmp_path)
    (folder / "empty.txt").write_text("")
    dialog = window.imports.import_paths([folder])
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.finished_import, timeout=TIMEOUT_MS)
    before = window.db_path.read_bytes()
    dialog.ask_save_path = lambda: window.db_path
    boxes = record_message_boxes(monkeypatch)
    assert not dialog.save_table()
    assert len(boxes) == 1 and boxes[0].text.startswith(f"Cannot save {window.db_path}: ")
    assert window.db_path.read_bytes() == before
