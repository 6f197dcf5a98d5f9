"""The entity panel: a name filter, one toggle per type, and the multi-select entity table.

Its Hidden toggle lists the hidden entities instead (each with why, in its tooltip), for Show
Again; what is chosen among them stays the panel's own (``chosen_hidden``), never the window's
selection, which only ever holds visible entities.

The panel does not own the selection: the window keeps the selected entities (they may be
scrolled or filtered out of this table) and the panel reports what the user added or removed,
and shows the window's selection again after every reload.

Given the window's ``tasks``, the table's first page and the count under it are read in reading
tasks (a refresh after every write: 40 ms of the GUI thread at a million articles); the rows
shown stay until the new ones arrive, and a newer request drops an older one's result.
"""

from __future__ import annotations

import sqlite_utils
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from explorer.core.model import ENTITY_TYPES
from explorer.core.store.queries import count_entities
from explorer.ui.entity_style import type_icon
from explorer.ui.panes.entity_model import EntityModel
from explorer.ui.panes.paged_model import ID_ROLE
from explorer.ui.tasks import Task, Tasks, start_read
from explorer.ui.widgets.empty_state import EmptyMessage, entities_empty
from explorer.ui.widgets.table_view import make_table

TYPE_COLUMNS = 3
SEARCH_DELAY_MS = 200
MAX_ROWS_TO_REVEAL = 5000  # how far the table pages down to show an entity chosen elsewhere


class EntityPanel(QWidget):
    selection_edited = Signal(list, list)  # added [(id, name)], removed [id]: edits by the user
    entity_opened = Signal(int)  # double-click or Enter on an entity: show its detail

    def __init__(self, parent: QWidget | None = None, tasks: Tasks | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks if tasks is not None else Tasks(self)
        self._counting: Task | None = None
        self._count_generation = 0  # of the last count asked: an older one's result is dropped
        self._db: sqlite_utils.Database | None = None
        self._shown_ids: list[int] = []
        self._syncing = False
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Filter entities by name")
        self.search_field.setClearButtonEnabled(True)
        self.type_buttons: dict[str, QToolButton] = {}
        types = QGridLayout()
        types.setSpacing(2)
        for index, entity_type in enumerate(ENTITY_TYPES):
            button = QToolButton()
            button.setText(entity_type)
            button.setIcon(type_icon(entity_type))
            button.setCheckable(True)
            button.setChecked(True)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(f"Show or hide entities of type {entity_type}")
            button.toggled.connect(self._apply_query)
            types.addWidget(button, index // TYPE_COLUMNS, index % TYPE_COLUMNS)
            self.type_buttons[entity_type] = button
        self.hidden_button = QToolButton()
        self.hidden_button.setText("Hidden")
        self.hidden_button.setCheckable(True)
        self.hidden_button.setAutoRaise(True)
        self.hidden_button.setToolTip("List the hidden entities, with why each is hidden, to show them again")
        self.hidden_button.toggled.connect(self._show_hidden)
        index = len(ENTITY_TYPES)
        types.addWidget(self.hidden_button, index // TYPE_COLUMNS, index % TYPE_COLUMNS)
        self.model = EntityModel(self, tasks=self.tasks)
        self.view = make_table(self.model, multi_select=True)
        self.view.setToolTip("")
        self.empty = EmptyMessage(self.view)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search_field)
        layout.addLayout(types)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_query)
        self.search_field.textChanged.connect(self._search_timer.start)
        self.search_field.returnPressed.connect(self._apply_query)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.view.activated.connect(lambda index: self.entity_opened.emit(index.data(ID_ROLE)))
        self.model.modelReset.connect(self._show_selection)
        self.model.modelReset.connect(lambda: self.model.hidden and self._say_hidden_count())
        self.model.rowsInserted.connect(self._show_selection)

    # -- public

    def set_database(self, db: sqlite_utils.Database | None) -> None:
        self._db = db
        self._shown_ids = []
        self.model.set_database(db)
        self._update_count()

    def refresh(self) -> None:
        """Re-read after an import batch, keeping the loaded rows, sort and selection."""
        self.model.reload(keep_loaded=True)
        self._update_count()

    def chosen_types(self) -> list[str]:
        return [t for t, button in self.type_buttons.items() if button.isChecked()]

    def showing_hidden(self) -> bool:
        return self.model.hidden

    def chosen_hidden(self) -> list[tuple[int, str]]:
        """The hidden entities chosen in the table while it lists them: (id, name)."""
        if not self.model.hidden:
            return []
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [(self.model.index(row, 0).data(ID_ROLE), self.model.index(row, 0).data()) for row in rows]

    def show_selection(self, entity_ids: list[int], *, reveal: bool = False) -> None:
        """Select these entities in the table; with ``reveal``, page down to the first and scroll to it."""
        self._shown_ids = list(entity_ids)
        if reveal and entity_ids:
            while (
                self.model.row_of(entity_ids[0]) is None
                and self.model.canFetchMore()
                and (self.model.rowCount() < MAX_ROWS_TO_REVEAL)
            ):
                self.model.fetchMore()
        self._show_selection()
        row = self.model.row_of(entity_ids[0]) if reveal and entity_ids else None
        if row is not None:
            self.view.scrollTo(self.model.index(row, 0))

    # -- internals

    def _show_hidden(self, hidden: bool) -> None:
        self.model.set_hidden(hidden)
        self._update_count()

    def _apply_query(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.search_field.text().strip(), self.chosen_types())
        self._update_count()

    def _update_count(self) -> None:
        self._count_generation += 1
        if self._counting is not None and self._counting.running:
            self._counting.cancel()
        self._counting = None
        if self._db is None:
            self.count_label.setText("")
            self.empty.set_text("")
            return
        if self.model.hidden:
            if not self.model.loading():
                self._say_hidden_count()  # else when the hidden list arrives
            return
        search, types, generation = self.model.search, self.model.types, self._count_generation
        self.empty.set_text(entities_empty(search or "", self.chosen_types(), list(ENTITY_TYPES)))
        self._counting = start_read(
            self.tasks,
            self._db,
            lambda own: count_entities(own, search=search, types=types),
            lambda n, error: self._counted(generation, n, error),
        )

    def counting(self) -> bool:
        """The count under the table is being read in the background."""
        return self._counting is not None and self._counting.running

    def _counted(self, generation: int, n: int | None, error: str) -> None:
        if generation != self._count_generation:
            return  # superseded by a newer count
        self._counting = None
        if error:
            self.count_label.setText(f"the entities could not be counted: {error}")
        elif n is not None:
            self.count_label.setText(f"{n:,} entit{'y' if n == 1 else 'ies'}")

    def _say_hidden_count(self) -> None:
        n = self.model.rowCount()
        self.empty.set_text("No hidden entities." if not self.model.search else "No hidden entity matches.")
        self.count_label.setText(f"{n:,} hidden entit{'y' if n == 1 else 'ies'}")

    def _show_selection(self) -> None:
        """Select the rows of the window's selected entities (without reporting it as an edit)."""
        if self.model.hidden:
            return
        wanted = set(self._shown_ids)
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        for row, item in enumerate(self.model.rows):  # the ids as Python holds them, not a Qt call per row
            if self.model.row_id(item) in wanted:
                selection.select(self.model.index(row, 0), self.model.index(row, last_column))
        self._syncing = True
        try:
            self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._syncing = False

    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        if self._syncing or self.model.hidden:
            return
        added = [(i.data(ID_ROLE), i.data()) for i in selected.indexes() if i.column() == 0]
        removed = [i.data(ID_ROLE) for i in deselected.indexes() if i.column() == 0]
        self._shown_ids = [i for i in self._shown_ids if i not in removed] + [i for i, _ in added]
        if added or removed:
            self.selection_edited.emit(added, removed)
