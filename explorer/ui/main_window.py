"""The main window: a shell of panes and menus around one state, one session and one task runner.

Documents, reader and entities side by side, the timeline and network below. The filter lives
in ``state.FilterState``, the open database in ``session.Session``, long jobs in
``tasks.Tasks``, and every write is announced on ``events.ChangeEvents``; ``panes.follow``
keeps the panes equal to them. Actions (``ui/actions``) receive these, never the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from explorer.ui import message_box
from explorer.ui.actions.common import Context, add_item, make_action
from explorer.ui.actions.curation_actions import CurationActions
from explorer.ui.actions.date_action import ArticleDating
from explorer.ui.actions.delete_action import ArticleDeletion
from explorer.ui.actions.export_menu import ExportMenu
from explorer.ui.actions.file_actions import FileActions
from explorer.ui.actions.help import HelpActions
from explorer.ui.actions.import_actions import ImportActions
from explorer.ui.actions.notes_actions import NotesActions
from explorer.ui.actions.reading_actions import ReadingActions
from explorer.ui.actions.story_actions import StoryActions
from explorer.ui.error_handler import ErrorReporter
from explorer.ui.events import Change, ChangeEvents
from explorer.ui.panes.document_panel import DocumentPanel
from explorer.ui.panes.entity_panel import EntityPanel
from explorer.ui.panes.follow import Panes, PaneSync
from explorer.ui.panes.network_view import NetworkView
from explorer.ui.panes.reader import ReaderWidget
from explorer.ui.panes.timeline import TimelineWidget
from explorer.ui.panes.welcome import WelcomePanel
from explorer.ui.rich_text import literal_title
from explorer.ui.session import APP_TITLE, Session
from explorer.ui.state import FilterState
from explorer.ui.tasks import Tasks
from explorer.ui.widgets.about import show_about
from explorer.ui.widgets.count_label import CountLabel
from explorer.ui.widgets.empty_state import documents_empty
from explorer.ui.widgets.file_drops import FileDrops
from explorer.ui.widgets.import_status import ImportStatus
from explorer.ui.widgets.window_layout import restore_layout, save_layout, splitters

__all__ = ["APP_TITLE", "MainWindow"]


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.state, self.events, self.tasks = FilterState(self), ChangeEvents(self), Tasks(self)
        self.session = Session(self.settings, self)
        self.total_articles = 0
        self.file_dialog_options = QFileDialog.Option(0)  # DontUseNativeDialog for Qt's own dialogs
        # the top-level handler; installed by app.run (and by the tests that prove it)
        self.errors = ErrorReporter(lambda: self, lambda: self.session.path, APP_TITLE)
        self.setWindowTitle(APP_TITLE)
        self._build_panes()
        self.count_label, self.import_status = CountLabel(self.tasks), ImportStatus()
        self.statusBar().addPermanentWidget(self.import_status)
        self.statusBar().addPermanentWidget(self.count_label)
        self.ctx = Context(self.state, self.session, self.tasks, self.events, QUndoStack(self), self.statusBar())
        self.sync = PaneSync(self.panes, self.state, self.events, self.tasks, self)
        self._build_menus()
        self.drops = FileDrops(self, self.imports.import_paths)
        self._connect()
        restore_layout(self, self.settings, self._layout_parts())

    # ------------------------------------------------------------------ building

    def _build_panes(self) -> None:
        t = self.tasks
        self.documents, self.reader, self.entities = DocumentPanel(tasks=t), ReaderWidget(), EntityPanel(tasks=t)
        self.timeline, self.network_view = TimelineWidget(tasks=t), NetworkView(tasks=t)
        self.panes = Panes(self.documents, self.reader, self.entities, self.timeline, self.network_view)
        self.bottom_tabs = QTabWidget()
        self.bottom_tabs.addTab(self.timeline, "Timeline")
        self.bottom_tabs.addTab(self.network_view, "Network")
        self.top_splitter, self.main_splitter = splitters(self.documents, self.reader, self.entities, self.bottom_tabs)
        self.welcome = WelcomePanel()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.main_splitter)
        self.setCentralWidget(self.stack)

    def _build_menus(self) -> None:
        ctx, bar = self.ctx, self.menuBar()
        self.imports = ImportActions(ctx, self.import_status, self.settings, lambda: self.file_dialog_options)
        self.recent_menu = QMenu("Open &Recent", self)
        self.files = FileActions(ctx, self.recent_menu, lambda: self.file_dialog_options)
        self.reading = ReadingActions(ctx, self.panes, self.sync)
        act = lambda *args, **kwargs: make_action(self, *args, **kwargs)  # noqa: E731
        self.import_files_action = act(
            "&Import Files…", self.imports.import_files, [QKeySequence.StandardKey.Open], "Import text files"
        )
        self.export_menu = ExportMenu(ctx, self.panes, lambda: self.file_dialog_options)
        self.backup_action = act(
            "&Back Up Database…", self.files.back_up_database, tip="Save a copy of the database, even during an import"
        )
        file_menu = bar.addMenu("&File")
        for item in (
            self.import_files_action,
            act("Import &Folder…", self.imports.import_folder, ["Ctrl+Shift+O"], "Import every text file in a folder"),
            act("Import &Gazetteer…", self.files.import_gazetteer, tip="Names and types (CSV) later imports use"),
            None,
            act("&New Database…", self.files.new_database, tip="Start an empty database"),
            act("&Open Database…", self.files.open_database_dialog, tip="Open another database"),
            self.recent_menu,
            act("Open &Demo", self.imports.open_demo, tip="The State of the Union addresses"),
            self.backup_action,
            self.export_menu,
            None,
            act("&Quit", self.close, [QKeySequence.StandardKey.Quit]),
        ):
            add_item(file_menu, item)
        edit_menu = bar.addMenu("&Edit")
        for item in (
            act("&Search Articles", self.documents.focus_search, ["Ctrl+L", "Ctrl+K"], "Type a full-text search"),
            act("&Find in Article", self.reader.find, [QKeySequence.StandardKey.Find], "Find text in the open article"),
            act("&Clear Filters", self.state.clear, ["Ctrl+Shift+Backspace"], "Show every article again"),
            act(
                "Entity &Details",
                self.reading.open_selected_entity_detail,
                ["Ctrl+I"],
                "Names, dates, mentions in context and related entities of the last selected entity",
            ),
        ):
            edit_menu.addAction(item)
        self.notes = NotesActions(ctx, self.documents, self.reader, bar)
        self.deletion = ArticleDeletion(ctx, self.documents, self.reader, self.notes.menu)
        self.dating = ArticleDating(
            ctx, self.documents, self.reader, self.imports, self.notes.menu, self.notes.filter_tag_action
        )
        self.curation = CurationActions(ctx, self.entities, self.imports, edit_menu, bar)
        self.stories = StoryActions(ctx, self.reader, lambda i: self.reading.show_article(i, force=True), bar)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(act("&About Knowledge Explorer", lambda: show_about(self)))
        self.help_actions = HelpActions(ctx, help_menu)

    def _connect(self) -> None:
        state, documents = self.state, self.documents
        self.welcome.import_files.connect(self.imports.import_files)
        self.welcome.import_folder.connect(self.imports.import_folder)
        self.welcome.open_demo.connect(self.imports.open_demo)
        documents.search_changed.connect(self.reading.set_search)
        documents.entity_type_changed.connect(state.set_entity_type)
        documents.article_selected.connect(self.reading.show_article)
        documents.filter_bar.removed.connect(state.remove)
        documents.filter_bar.cleared.connect(state.clear)
        state.changed.connect(self._update_counts)
        self.events.changed.connect(lambda _what: self._update_counts())
        self.entities.selection_edited.connect(state.edit_selection)
        self.entities.entity_opened.connect(self.reading.open_entity_detail)
        self.network_view.entity_clicked.connect(self.select_entity)
        self.reader.entity_activated.connect(self.select_entity)
        self.reader.article_requested.connect(self.reading.show_article)
        self.timeline.range_selected.connect(state.set_date_range)
        self.timeline.bin_clicked.connect(state.set_date_range)
        self.session.opened.connect(self._on_opened)
        self.tasks.started.connect(lambda task: task.writes and self._update_counts())

    # ------------------------------------------------------------------ layout persistence

    def _layout_parts(self) -> dict[str, QWidget]:
        return {
            "layout/main_splitter": self.main_splitter,
            "layout/top_splitter": self.top_splitter,
            "layout/document_columns": self.documents.view.horizontalHeader(),
            "layout/entity_columns": self.entities.view.horizontalHeader(),
        }

    # ------------------------------------------------------------------ the session and the state

    @property
    def db(self):
        return self.session.db

    @property
    def db_path(self) -> Path | None:
        return self.session.path

    def open_database(self, path: Path) -> bool:
        return self.files.open_database(path)

    def refresh(self) -> None:
        """Re-read everything (another program wrote the database)."""
        self.events.announce(Change.EVERYTHING)

    def _on_opened(self) -> None:
        path = self.session.path
        self.ctx.undo_stack.clear()
        self.reading.close_detail()
        self.setWindowTitle(literal_title(f"{path.name} — {APP_TITLE}"))
        self.welcome.set_database_text(f"Database: {path}")
        search = self.documents.search_field
        search.blockSignals(True)
        search.clear()
        search.blockSignals(False)
        self.sync.set_database(self.session.db)
        self.state.clear(search=True)
        self.sync.apply_filter()
        self.events.announce(Change.EVERYTHING)

    def select_entity(self, entity_id: int, name: str) -> None:
        """Select this one entity everywhere (a click on a mention or a node)."""
        self.state.select_entity(entity_id, name)
        self.entities.show_selection([entity_id], reveal=True)

    def _update_counts(self) -> None:
        self.total_articles = self.count_label.show_counts(self.session.db, self.state)
        importing = self.imports.running()
        self.documents.empty.set_text(documents_empty(self.total_articles, importing))
        self.stack.setCurrentWidget(self.main_splitter if self.total_articles or importing else self.welcome)

    # ------------------------------------------------------------------ drops and closing

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        self.drops.enter(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.drops.drop(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.imports.running():
            if not message_box.ask(
                self, APP_TITLE, "An import is running. Stop it and quit? Articles imported so far are kept."
            ):
                event.ignore()
                return
            self.imports.cancel()
            self.statusBar().showMessage("Stopping the import…")
            self.imports.wait()
        self.tasks.cancel_all()
        self.tasks.wait()
        save_layout(self, self.settings, self._layout_parts())
        self.reading.close_detail()  # before its database: it may still be reading sections
        self.session.close()
        super().closeEvent(event)
