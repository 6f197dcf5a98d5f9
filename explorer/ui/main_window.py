"""The main window: documents, reader and entities side by side, the timeline below.

The window keeps the state the panes share: the open database, the search, the selected
entities, the entity-type and date-range filters. Panes report what the user did; the window
turns it into one ``DocumentFilter`` and tells every pane. It reads through one connection on
the GUI thread; imports write through their own connection in a worker thread (WAL lets both
work at once) and the window re-reads as their batches commit.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlite_utils
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from explorer.core import settings as core_settings
from explorer.core.backup import backup_database
from explorer.core.gazetteer_user import GazetteerError
from explorer.core.safe_write import WriteError, check_not_database
from explorer.core.store import ReadOnlyStoreError, StoreError, open_store
from explorer.core.store.gazetteer import import_gazetteer
from explorer.core.store.queries import (
    DocumentFilter,
    SearchSyntaxError,
    article,
    check_search,
    count_documents,
    count_matches,
    hit_spans,
)
from explorer.core.store.schema import not_a_file_name
from explorer.ui import message_box
from explorer.ui.about import show_about
from explorer.ui.actions.help import HelpActions
from explorer.ui.curation_actions import CurationActions
from explorer.ui.date_action import ArticleDating
from explorer.ui.delete_action import ArticleDeletion
from explorer.ui.document_model import format_date
from explorer.ui.document_panel import DocumentPanel
from explorer.ui.entity_detail import EntityDetailDialog, reveal_span
from explorer.ui.entity_panel import EntityPanel
from explorer.ui.error_handler import ErrorReporter
from explorer.ui.export_menu import ExportMenu
from explorer.ui.import_dialog import ImportDialog
from explorer.ui.import_status import ImportStatus
from explorer.ui.import_worker import ImportRunner, Job, demo_import, file_import
from explorer.ui.network_view import NetworkView
from explorer.ui.notes_actions import NotesActions
from explorer.ui.reader import ReaderWidget
from explorer.ui.rich_text import literal_mnemonic, literal_title
from explorer.ui.timeline import TimelineWidget
from explorer.ui.welcome import WelcomePanel
from explorer.ui.widgets import file_dialogs
from explorer.ui.widgets.empty_state import documents_empty

APP_TITLE = "Knowledge Explorer"
MAX_RECENT = 8
REFRESH_MS = 800  # while an import runs, re-read at most this often
TEXT_FILTERS = "Text files (*.txt *.text *.md *.csv *.json *.html *.htm *.xml *.eml);;All files (*)"
DATABASE_FILTER = "Knowledge Explorer databases (*.db *.sqlite *.sqlite3);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.db: sqlite_utils.Database | None = None
        self.db_path: Path | None = None
        self.total_articles = 0
        self.search_text = ""
        self.entity_type: str | None = None
        self.date_range: tuple[date, date] | None = None
        self.selected: dict[int, str] = {}  # entity id → name, in the order chosen
        self.runner: ImportRunner | None = None
        self.import_dialog: ImportDialog | None = None
        self._building_demo = False
        self.file_dialog_options = QFileDialog.Option(0)  # DontUseNativeDialog for Qt's own dialogs
        # the top-level handler; installed by app.run (and by the tests that prove it)
        self.errors = ErrorReporter(lambda: self, lambda: self.db_path, APP_TITLE)
        self.setWindowTitle(APP_TITLE)
        self._build_panes()
        self._take_file_drops()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect_panes()
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._restore_layout()

    # ------------------------------------------------------------------ building

    def _build_panes(self) -> None:
        self.documents = DocumentPanel()
        self.reader = ReaderWidget()
        self.entities = EntityPanel()
        self.timeline = TimelineWidget()
        self.bottom_tabs = QTabWidget()
        self.bottom_tabs.addTab(self.timeline, "Timeline")
        self.network_view = NetworkView()
        self.bottom_tabs.addTab(self.network_view, "Network")
        self.entity_detail: EntityDetailDialog | None = None
        self.top_splitter = QSplitter(Qt.Orientation.Horizontal)
        for pane in (self.documents, self.reader, self.entities):
            self.top_splitter.addWidget(pane)
        for index, stretch in enumerate((3, 4, 3)):
            self.top_splitter.setStretchFactor(index, stretch)
        self.top_splitter.setSizes([540, 500, 400])
        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.addWidget(self.top_splitter)
        self.main_splitter.addWidget(self.bottom_tabs)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([600, 260])
        self.welcome = WelcomePanel()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.main_splitter)
        self.setCentralWidget(self.stack)

    def _take_file_drops(self) -> None:
        """Files dropped anywhere import, so panes other than text fields must not take drops."""
        self.setAcceptDrops(True)
        for widget in self.findChildren(QWidget):
            if widget.acceptDrops() and not isinstance(widget, QLineEdit):
                widget.setAcceptDrops(False)

    def _action(self, text: str, slot, shortcuts: list[QKeySequence | str] | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.import_files_action = self._action(
            "&Import Files…", self.import_files, [QKeySequence.StandardKey.Open], "Import text files")
        self.import_folder_action = self._action(
            "Import &Folder…", self.import_folder, ["Ctrl+Shift+O"], "Import every text file in a folder")
        self.new_db_action = self._action("&New Database…", self.new_database, tip="Start an empty database")
        self.open_db_action = self._action("&Open Database…", self.open_database_dialog, tip="Open another database")
        self.demo_action = self._action("Open &Demo", self.open_demo, tip="The State of the Union addresses")
        self.backup_action = self._action(
            "&Back Up Database…", self.back_up_database, tip="Save a copy of the database, even during an import")
        self.gazetteer_action = self._action(
            "Import &Gazetteer…", self.import_gazetteer, tip="Names and types (CSV) that later imports always use")
        self.quit_action = self._action("&Quit", self.close, [QKeySequence.StandardKey.Quit])
        self.search_action = self._action(
            "&Search Articles", self.documents.focus_search, ["Ctrl+L", "Ctrl+K"], "Type a full-text search")
        self.find_action = self._action(
            "&Find in Article", self.reader.find, [QKeySequence.StandardKey.Find], "Find text in the open article")
        self.clear_filters_action = self._action(
            "&Clear Filters", self.clear_filters, ["Ctrl+Shift+Backspace"], "Show every article again")
        self.about_action = self._action("&About Knowledge Explorer", lambda: show_about(self))
        self.detail_action = self._action(
            "Entity &Details", self.open_selected_entity_detail, ["Ctrl+I"],
            "Names, dates, mentions in context and related entities of the last selected entity")

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.import_files_action)
        file_menu.addAction(self.import_folder_action)
        file_menu.addAction(self.gazetteer_action)
        file_menu.addSeparator()
        file_menu.addAction(self.new_db_action)
        file_menu.addAction(self.open_db_action)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.demo_action)
        file_menu.addAction(self.backup_action)
        self.export_menu = ExportMenu(self)
        file_menu.addMenu(self.export_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        for action in (self.search_action, self.find_action, self.clear_filters_action, self.detail_action):
            edit_menu.addAction(action)
        self.notes = NotesActions(self)
        self.deletion = ArticleDeletion(self, self.notes.menu)
        self.dating = ArticleDating(self, self.notes.menu)
        self.curation = CurationActions(self, edit_menu)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)
        self.help_actions = HelpActions(self, help_menu)

    def _build_status_bar(self) -> None:
        self.count_label = QLabel()
        self.import_status = ImportStatus()
        self.import_status.show_details.connect(self._show_import_dialog)
        self.import_status.cancel_requested.connect(self.cancel_import)
        self.statusBar().addPermanentWidget(self.import_status)
        self.statusBar().addPermanentWidget(self.count_label)

    def _connect_panes(self) -> None:
        self.welcome.import_files.connect(self.import_files)
        self.welcome.import_folder.connect(self.import_folder)
        self.welcome.open_demo.connect(self.open_demo)
        self.documents.search_changed.connect(self.set_search)
        self.documents.entity_type_changed.connect(self._set_entity_type)
        self.documents.article_selected.connect(self.show_article)
        self.documents.filter_bar.removed.connect(self._remove_filter)
        self.documents.filter_bar.cleared.connect(self.clear_filters)
        self.entities.selection_edited.connect(self._edit_selection)
        self.entities.entity_opened.connect(self.open_entity_detail)
        self.network_view.entity_clicked.connect(self.select_entity)
        for button in self.entities.type_buttons.values():
            button.toggled.connect(self._update_network_filter)
        self.reader.entity_activated.connect(self.select_entity)
        self.timeline.range_selected.connect(self.set_date_range)
        self.timeline.bin_clicked.connect(self.set_date_range)

    # ------------------------------------------------------------------ layout persistence

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        for key, widget in self._layout_parts().items():
            state = self.settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                widget.restoreState(state)

    def _layout_parts(self) -> dict[str, QWidget]:
        return {
            "layout/main_splitter": self.main_splitter,
            "layout/top_splitter": self.top_splitter,
            "layout/document_columns": self.documents.view.horizontalHeader(),
            "layout/entity_columns": self.entities.view.horizontalHeader(),
        }

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        for key, widget in self._layout_parts().items():
            self.settings.setValue(key, widget.saveState())
        self.settings.sync()

    # ------------------------------------------------------------------ databases

    def recent_databases(self) -> list[str]:
        value = self.settings.value("database/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def _remember(self, path: Path) -> None:
        recent = [str(path)] + [p for p in self.recent_databases() if p != str(path)]
        self.settings.setValue("database/recent", recent[:MAX_RECENT])
        self.settings.setValue("database/last", str(path))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_databases()
        for path in recent:
            action = self.recent_menu.addAction(literal_mnemonic(path))
            action.setEnabled(Path(path).exists())
            action.triggered.connect(lambda _=False, path=path: self.open_database(Path(path)))
        if not recent:
            self.recent_menu.addAction("No recent databases").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu", lambda: self.settings.setValue("database/recent", []))

    def _busy_importing(self) -> bool:
        if self.runner is not None and self.runner.running:
            message_box.inform(self, APP_TITLE, "An import is running. Wait for it to finish or cancel it first.")
            return True
        return False

    def open_database(self, path: Path) -> bool:
        """Open (creating if needed) the database at ``path``; on failure keep the current one."""
        problem = not_a_file_name(str(path))
        if problem:
            message_box.warn(self, APP_TITLE, problem)
            return False
        path = Path(path).expanduser()
        if self._busy_importing():
            return False
        try:
            db = open_store(path)
        except ReadOnlyStoreError as exc:
            db = self._open_for_reading(path, exc)
        except StoreError as exc:
            message_box.warn(self, APP_TITLE, str(exc))
            return False
        if db is None:
            return False
        if self.db is not None:
            self.db.close()
        self.db, self.db_path = db, path
        self.curation.undo_stack.clear()
        self.notes.clear()
        self._remember(path)
        self.setWindowTitle(literal_title(f"{path.name} — {APP_TITLE}"))
        self.welcome.set_database_text(f"Database: {path}")
        self.selected, self.date_range, self.search_text = {}, None, ""
        self.documents.search_field.blockSignals(True)
        self.documents.search_field.clear()
        self.documents.search_field.blockSignals(False)
        self.documents.show_search_error(None)
        self.reader.show_article(None)
        self.documents.model.set_database(db)
        self.entities.set_database(db)
        self.entities.show_selection([])
        self.timeline.set_database(db)
        self.network_view.set_database(db)
        if self.entity_detail is not None:
            self.entity_detail.close()
            self.entity_detail = None
        self.apply_filter()
        return True

    def _open_for_reading(self, path: Path, error: ReadOnlyStoreError) -> sqlite_utils.Database | None:
        """A database that cannot be written here still opens to be read; imports into it will fail."""
        try:
            db = open_store(path, readonly=True)
        except StoreError as exc:
            message_box.warn(self, APP_TITLE, str(exc))
            return None
        message_box.inform(self, APP_TITLE, f"{error} Importing into it is not possible.")
        return db

    def ask_database_path(self, *, new: bool) -> Path | None:
        """The file dialog for New/Open Database (tests replace this method)."""
        if new:
            return file_dialogs.save_file(self, self.settings, "database", "New Database", "library.db",
                                          DATABASE_FILTER, self.file_dialog_options)[0]
        return file_dialogs.open_file(self, self.settings, "database", "Open Database", DATABASE_FILTER,
                                      self.file_dialog_options)

    def new_database(self) -> None:
        path = self.ask_database_path(new=True)
        if path is None:
            return
        if self.db_path is not None:
            try:  # SQLite would happily start a database in the open one's empty -wal file
                check_not_database(path, self.db_path)
            except WriteError as exc:
                message_box.warn(self, APP_TITLE, f"Cannot create {path}: {exc}.")
                return
        self.open_database(path)

    def open_database_dialog(self) -> None:
        path = self.ask_database_path(new=False)
        if path is not None:
            self.open_database(path)

    def ask_backup_path(self, database: Path) -> Path | None:
        """The save dialog of File ▸ Back Up Database… (tests replace this method)."""
        name = f"{database.stem}-backup{database.suffix or '.db'}"
        return file_dialogs.save_file(self, self.settings, "backup", "Back Up Database", name, DATABASE_FILTER,
                                      self.file_dialog_options)[0]

    def back_up_database(self) -> bool:
        """Copy the open database with SQLite's backup API (safe while an import writes)."""
        if self.db_path is None:
            message_box.inform(self, APP_TITLE, "Open a database first.")
            return False
        target = self.ask_backup_path(self.db_path)
        if target is None:
            return False
        try:
            backup_database(self.db_path, target)
        except StoreError as exc:
            message_box.warn(self, APP_TITLE, str(exc))
            return False
        self.statusBar().showMessage(f"Backed up to {target}", 10_000)
        return True

    def ask_gazetteer_path(self) -> Path | None:
        """The open dialog of File ▸ Import Gazetteer… (tests replace this method)."""
        return file_dialogs.open_file(self, self.settings, "gazetteer", "Import Gazetteer",
                                      "Gazetteer: name,type (*.csv *.txt);;All files (*)", self.file_dialog_options)

    def import_gazetteer(self) -> bool:
        """Store a name,type CSV in the open database; every later import labels those names."""
        if self.db_path is None:
            message_box.inform(self, APP_TITLE, "Open a database first.")
            return False
        path = self.ask_gazetteer_path()
        if path is None:
            return False
        try:
            count = import_gazetteer(self.db_path, path)
        except GazetteerError as exc:
            message_box.warn(self, APP_TITLE, f"{path.name}: {exc}")
            return False
        except StoreError as exc:
            message_box.warn(self, APP_TITLE, str(exc))
            return False
        self.statusBar().showMessage(f"Stored {count} gazetteer names; later imports use them", 10_000)
        return True

    def open_demo(self) -> None:
        """Open the demo database, building (or finishing) it in the background when needed."""
        if not self.open_database(core_settings.demo_db_path()):
            return
        if self.total_articles == 0 or not self.settings.value("demo/complete", False, type=bool):
            self._building_demo = True
            self._start_job(demo_import(self.db_path), "Building the demo database", dialog=None)

    # ------------------------------------------------------------------ imports

    def _file_dialog(self, title: str, mode: QFileDialog.FileMode, name_filter: str = "") -> list[Path]:
        return file_dialogs.choose_paths(self, self.settings, "import", title, mode, name_filter,
                                         self.file_dialog_options)

    def ask_import_files(self) -> list[Path]:
        """The multi-select file dialog of File ▸ Import Files… (tests may replace this method)."""
        return self._file_dialog("Import Files", QFileDialog.FileMode.ExistingFiles, TEXT_FILTERS)

    def ask_import_folder(self) -> Path | None:
        """The folder dialog of File ▸ Import Folder… (tests may replace this method)."""
        folders = self._file_dialog("Import Folder", QFileDialog.FileMode.Directory)
        return folders[0] if folders else None

    def import_files(self) -> None:
        paths = self.ask_import_files()
        if paths:
            self.import_paths(paths)

    def import_folder(self) -> None:
        folder = self.ask_import_folder()
        if folder is not None:
            self.import_paths([folder])

    def import_paths(self, paths: list[Path]) -> ImportDialog | None:
        """Show the import dialog for ``paths``; the import starts when the user confirms."""
        if self._busy_importing():
            return None
        if self.db_path is None and not self.open_database(core_settings.default_db_path()):
            return None
        file_dialogs.remember(self.settings, "import", paths[0])  # dropped files count as a choice too
        dialog = ImportDialog(paths, self, title="Import")
        dialog.start_requested.connect(
            lambda recursive, default_date: self._start_job(
                file_import(self.db_path, paths, recursive=recursive, default_date=default_date),
                "Importing", dialog=dialog,
            )
        )
        dialog.cancel_requested.connect(self.cancel_import)
        self.import_dialog = dialog
        dialog.show()
        return dialog

    def _start_job(self, job: Job, what: str, *, dialog: ImportDialog | None) -> None:
        if self.runner is not None:
            self.runner.deleteLater()
        self.runner = ImportRunner(job, self)
        self.curation.undo_stack.clear()  # its snapshots would not be exact after the job
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_import_finished)
        self.import_status.start(what, details=dialog is not None)
        self.runner.start()
        self._update_counts()  # the panes replace the welcome panel and fill as batches commit

    def _show_import_dialog(self) -> None:
        if self.import_dialog is not None:
            self.import_dialog.show()
            self.import_dialog.raise_()

    def cancel_import(self) -> None:
        if self.runner is not None and self.runner.running:
            self.runner.cancel()
            self.import_status.cancelling()

    def _on_progress(self, progress) -> None:
        self.import_status.update_progress(progress)
        if self.import_dialog is not None and not self._building_demo:
            self.import_dialog.show_progress(progress)
        if progress.imported and not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _on_import_finished(self, last, error: str) -> None:
        self.import_status.hide()
        self._refresh_timer.stop()
        self.refresh()
        if self._building_demo:
            self._building_demo = False
            complete = last is not None and last.finished and not last.cancelled and not error
            self.settings.setValue("demo/complete", complete)
            message = "The demo database is ready." if complete else "The demo database is incomplete; open the demo again to finish it."
            self.statusBar().showMessage(error or message, 10_000)
        elif self.import_dialog is not None:
            self.import_dialog.show_summary(last, error)

    def wait_for_import(self, timeout_ms: int = -1) -> bool:
        """Block until the running import has stopped (for closing, and for tests)."""
        return self.runner is None or self.runner.wait(timeout_ms)

    # ------------------------------------------------------------------ drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # ------------------------------------------------------------------ filters

    def current_filter(self) -> DocumentFilter:
        start, end = self.date_range or (None, None)
        return DocumentFilter(
            search=self.search_text or None,
            entity_ids=tuple(self.selected),
            entity_type=self.entity_type,
            date_from=start,
            date_to=end,
            tag=self.notes.tag,
            starred=self.notes.starred_only,
        )

    def set_search(self, text: str) -> None:
        """Run a typed search; a malformed one shows its message and leaves the list as it was."""
        if self.db is None:  # closed, or none open yet: a search typed just before has nothing to run on
            return
        try:
            check_search(self.db, text)
        except SearchSyntaxError as exc:
            self.documents.show_search_error(str(exc))
            return
        self.documents.show_search_error(None)
        if text.strip() != self.search_text:
            self.search_text = text.strip()
            self.apply_filter()

    def _set_entity_type(self, entity_type: str | None) -> None:
        self.entity_type = entity_type
        self.apply_filter()

    def _edit_selection(self, added: list[tuple[int, str]], removed: list[int]) -> None:
        for entity_id in removed:
            self.selected.pop(entity_id, None)
        self.selected.update(added)
        self.apply_filter()

    def select_entity(self, entity_id: int, name: str) -> None:
        """Select this one entity everywhere (a click on a mention): list, entity table, timeline."""
        self.selected = {entity_id: name}
        self.entities.show_selection([entity_id], reveal=True)
        self.apply_filter()

    def set_date_range(self, start: date | None, end: date | None) -> None:
        self.date_range = (start, end) if start is not None and end is not None else None
        self.apply_filter()

    def _remove_filter(self, key) -> None:
        kind, value = key
        if kind == "entity":
            self.selected.pop(value, None)
            self.entities.show_selection(list(self.selected))
        elif kind == "range":
            self.date_range = None
            self.timeline.set_range(None, None)
        elif kind == "type":
            self.documents.type_box.setCurrentIndex(0)
            return
        elif kind in ("tag", "starred"):
            self.notes.clear(kind)
        self.apply_filter()

    def clear_filters(self) -> None:
        self.selected, self.date_range = {}, None
        self.entities.show_selection([])
        self.timeline.set_range(None, None)
        self.documents.type_box.blockSignals(True)
        self.documents.type_box.setCurrentIndex(0)
        self.documents.type_box.blockSignals(False)
        self.entity_type = None
        self.notes.clear()
        self.apply_filter()

    def _chips(self) -> list[tuple[tuple, str, str]]:
        chips = [(("entity", i), name, f"Articles mentioning {name}") for i, name in self.selected.items()]
        if self.entity_type:
            chips.append((("type", self.entity_type), f"any {self.entity_type}",
                          f"Articles mentioning some {self.entity_type}"))
        if self.date_range:
            start, end = self.date_range
            text = format_date(start.isoformat()) if start == end else (
                f"{format_date(start.isoformat())} – {format_date(end.isoformat())}")
            chips.append((("range", None), text, "Articles published in this range"))
        return chips + self.notes.chips()

    def apply_filter(self) -> None:
        """Show the documents the current filters select, and tell the other panes."""
        current = self.documents.current_article()
        self.documents.model.set_filter(self.current_filter())
        self.documents.filter_bar.set_chips(self._chips())
        self.timeline.set_entities(list(self.selected.items()))
        self._update_network_filter()
        if self.date_range:
            self.timeline.set_range(*self.date_range)
        self.documents.select_article(current)
        self._update_counts()
        if self.reader.article is not None:
            self.show_article(self.reader.article.id, force=True)

    def _update_counts(self) -> None:
        if self.db is None:
            self.count_label.setText("")
            return
        total = self.total_articles = count_documents(self.db)
        flt = self.current_filter()
        if flt == DocumentFilter():
            self.count_label.setText(f"{total:,} article{'s' if total != 1 else ''}")
        else:
            self.count_label.setText(f"{count_matches(self.db, flt)} of {total:,} articles match")
        importing = self.runner is not None and self.runner.running
        self.documents.empty.set_text(documents_empty(total, importing))
        self.stack.setCurrentWidget(self.main_splitter if total or importing else self.welcome)

    # ------------------------------------------------------------------ reading

    def show_article(self, article_id: int | None, *, force: bool = False) -> None:
        """Open an article in the reader with the current search's hits marked."""
        if article_id is None or self.db is None:
            return
        if not force and self.reader.article is not None and self.reader.article.id == article_id:
            return
        view = article(self.db, article_id)
        hits = hit_spans(self.db, article_id, self.search_text) if view is not None and self.search_text else []
        self.reader.show_article(view, hits)

    def open_entity_detail(self, entity_id: int) -> EntityDetailDialog | None:
        """Show the entity's detail in the one detail dialog (created on first use)."""
        if self.db is None:
            return None
        if self.entity_detail is None:
            self.entity_detail = EntityDetailDialog(self.db, self)
            self.entity_detail.article_requested.connect(self.open_article_at)
        if not self.entity_detail.show_entity(entity_id):
            return None
        self.entity_detail.show()
        self.entity_detail.raise_()
        return self.entity_detail

    def _update_network_filter(self) -> None:
        """The network follows the document filters and the entity panel's types."""
        self.network_view.set_filter(self.current_filter(), self.entities.chosen_types())

    def open_selected_entity_detail(self) -> EntityDetailDialog | None:
        """The detail of the entity chosen last (in the list, or by clicking a mention in the reader)."""
        return self.open_entity_detail(list(self.selected)[-1]) if self.selected else None

    def open_article_at(self, article_id: int, start: int, end: int) -> None:
        """Open an article in the reader with body offsets ``start..end`` selected (none when < 0)."""
        self.show_article(article_id)
        if start >= 0 and self.reader.article is not None and self.reader.article.id == article_id:
            reveal_span(self.reader.text, self.reader.article.body, start, end)

    # ------------------------------------------------------------------ refresh and close

    def refresh(self) -> None:
        """Re-read everything after new data arrived, keeping loaded rows, selections and scroll."""
        if self.db is None:
            return
        bar = self.documents.view.verticalScrollBar()
        scroll = bar.value()
        current = self.documents.current_article()
        self.documents.model.reload(keep_loaded=True)
        self.documents.select_article(current)
        bar.setValue(scroll)
        self.entities.refresh()
        self.timeline.refresh()
        self._update_counts()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.runner is not None and self.runner.running:
            if not message_box.ask(
                    self, APP_TITLE, "An import is running. Stop it and quit? Articles imported so far are kept."):
                event.ignore()
                return
            self.runner.cancel()
            self.statusBar().showMessage("Stopping the import…")
            self.wait_for_import()
        self.save_layout()
        if self.db is not None:
            self.db.close()
            self.db = None
        super().closeEvent(event)
