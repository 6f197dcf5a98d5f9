"""Every file dialog opens in the folder last used for its kind, else Documents; never the data folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog

from explorer.core import settings as core_settings
from explorer.ui.widgets import file_dialogs
from explorer.ui.widgets.file_dialogs import KINDS, documents_folder, remember, start_folder

FOLDERS = ("a", "b", "c", "data", "data/inner")  # data/…: inside the (patched) data folder


@pytest.fixture
def data_home(monkeypatch, tmp_path) -> Path:
    home = tmp_path / "home" / "data"
    home.mkdir(parents=True)
    monkeypatch.setattr(core_settings, "data_home", lambda: home)
    return home


def test_documents_folder_is_the_platforms_or_home() -> None:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    expected = Path(location) if location and Path(location).is_dir() else Path.home()
    assert documents_folder() == expected


@hypothesis_settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.sampled_from(FOLDERS), st.booleans()), max_size=12))
def test_start_folder_is_the_last_one_used_for_the_kind(choices) -> None:
    """Model: per kind, the folder of the last choice unless it is (inside) the data folder or gone."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "data"
        for name in FOLDERS:
            (root / name).mkdir(parents=True, exist_ok=True)
        store = QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat)
        expected: dict[str, Path] = {}
        original = core_settings.data_home
        core_settings.data_home = lambda: data
        try:
            for kind, name, as_file in choices:
                chosen = root / name / "export.csv" if as_file else root / name
                remember(store, kind, chosen)
                expected[kind] = root / name
            for kind in KINDS:
                folder = expected.get(kind)
                hidden = folder is not None and (folder == data or data in folder.parents)
                want = folder if folder is not None and not hidden else documents_folder()
                assert start_folder(store, kind) == want
                assert start_folder(store, kind) != data and data not in start_folder(store, kind).parents
        finally:
            core_settings.data_home = original


def test_a_removed_folder_falls_back_to_documents(settings, tmp_path, data_home) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    remember(settings, "export", gone)
    gone.rmdir()
    assert start_folder(settings, "export") == documents_folder()


def test_an_unknown_kind_is_a_programming_error(settings) -> None:
    with pytest.raises(ValueError, match="unknown file dialog kind"):
        start_folder(settings, "exports")


class Recorder:
    """Stands in for Qt's dialogs: records the folder each opened in and answers ``answer``."""

    def __init__(self, monkeypatch) -> None:
        self.starts: list[tuple[str, Path]] = []
        self.answer: Path | None = None
        recorder = self

        def save(parent, title, start, filters, options=None):
            recorder.starts.append((title, Path(start).parent))
            return (str(recorder.answer) if recorder.answer else "", "")

        def open_(parent, title, start, filters, options=None):
            recorder.starts.append((title, Path(start)))
            return (str(recorder.answer) if recorder.answer else "", "")

        def exec_(dialog) -> int:
            recorder.starts.append((dialog.windowTitle(), Path(dialog.directory().absolutePath())))
            return 0

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_))
        monkeypatch.setattr(QFileDialog, "exec", exec_)


def test_every_dialog_of_the_window_starts_in_documents_then_where_it_was_used(
    qtbot, window, monkeypatch, tmp_path, data_home
) -> None:
    recorder = Recorder(monkeypatch)
    documents = documents_folder()
    qtbot.waitUntil(lambda: not window.timeline.reading(), timeout=10000)  # Export Chart waits for its chart
    dialogs = {
        "Export Entities": window.export_menu.export_entities,
        "Export Chart": window.export_menu.export_chart,
        "Back Up Database": lambda: window.files.ask_backup_path(window.db_path),
        "New Database": lambda: window.files.ask_database_path(new=True),
        "Open Database": lambda: window.files.ask_database_path(new=False),
        "Import Files": window.imports.ask_import_files,
        "Import Folder": window.imports.ask_import_folder,
        "Import Gazetteer": window.files.ask_gazetteer_path,
    }
    for open_dialog in dialogs.values():
        open_dialog()
    assert recorder.starts == [(title, documents) for title in dialogs]
    assert all(folder != data_home for _, folder in recorder.starts)
    recorder.starts.clear()
    chosen = tmp_path / "exports"
    chosen.mkdir()
    recorder.answer = chosen / "e.csv"
    window.export_menu.export_entities()
    qtbot.waitUntil(lambda: not window.export_menu.exporting(), timeout=10_000)  # written in the background
    recorder.answer = None
    for open_dialog in dialogs.values():
        open_dialog()
    starts = dict(recorder.starts[1:])
    assert starts.pop("Export Entities") == chosen
    assert set(starts.values()) == {documents}  # the chart, backups, databases and imports keep their own


def test_dropped_files_set_the_import_folder(window, tmp_path, data_home) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Some news.", encoding="utf-8")
    dialog = window.imports.import_paths([folder / "a.txt"])
    dialog.reject()
    assert start_folder(window.settings, "import") == folder
    assert file_dialogs.start_folder(window.settings, "export") == documents_folder()
