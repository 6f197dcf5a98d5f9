"""A table model filled page by page from a keyset query, as the view scrolls.

Subclasses say how to read a page after a row's key (``page_reader``: a function of a
connection, so that it can run in a worker) and what each cell shows; this class keeps the rows,
answers ``canFetchMore``/``fetchMore``, sorts by asking the query again (the database sorts,
never Python), and reloads in place after new data arrives while keeping as many rows loaded as
before, so a view's scroll position survives a refresh.

Given ``tasks``, the first page (a reload, a new filter or sort) is read in a reading task of
``ui/tasks.py``: at a million articles it is 25–55 ms, asked for on every filter change and after
every write. The rows shown stay until the new ones arrive (one model reset), the newest request
wins (an older read is cancelled and its page dropped), and no page is fetched after the old rows
meanwhile. Later pages (``fetchMore``, as the view scrolls) are read at once, by key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from explorer.ui.tasks import Task, Tasks, start_read

Row = Any  # a frozen dataclass row of explorer.core.store.queries with an ``id``
PageReader = Callable[[Any], Any]  # a connection → what ``take_page`` turns into rows
Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Column:
    title: str
    sort: str  # the query's sort name for this column; "" when it cannot sort
    align_right: bool = False
    tooltip: str = ""
    width: int = 0  # initial width in average characters; 0 for the stretching column


class PagedTableModel(QAbstractTableModel):
    COLUMNS: Sequence[Column] = ()
    read_failed = Signal(str)  # a first page read in a task could not be read: why, in words

    def __init__(self, parent=None, *, page_size: int = PAGE_SIZE, tasks: Tasks | None = None) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.tasks = tasks  # None: every page is read at once (a dialog's short list, tests)
        self._db: Any = None
        self._rows: list[Row] = []
        self._more = False
        self._reading: Task | None = None
        self._generation = 0  # of the last reload: a page read for an older one is dropped
        self.kept_loaded = False  # the last reset kept the loaded rows (a refresh, not a new query)
        self.sort_column = 0
        self.descending = False

    # -- what a subclass provides

    def page_reader(self, after: tuple | None, limit: int) -> PageReader:
        """A read of the page after ``after`` as the model asks now (its filter and sort taken
        here, on the GUI thread), to run on any connection."""
        raise NotImplementedError

    def take_page(self, page: Any, *, first: bool) -> list[Row]:
        """The rows of what ``page_reader`` read (a subclass keeps what else it read with them)."""
        return page

    def row_key(self, row: Row) -> tuple:
        raise NotImplementedError

    def row_id(self, row: Row) -> int:
        return row.id

    def display(self, row: Row, column: int) -> Any:
        raise NotImplementedError

    def decoration(self, row: Row, column: int) -> Any:
        return None

    def tooltip(self, row: Row, column: int) -> str | None:
        return None

    def font(self, row: Row, column: int) -> Any:
        return None

    # -- state

    @property
    def sort_name(self) -> str:
        return self.COLUMNS[self.sort_column].sort

    @property
    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: int) -> int | None:
        return next((i for i, row in enumerate(self._rows) if self.row_id(row) == item_id), None)

    def set_database(self, db: Any) -> None:
        self._db = db
        self.reload()

    def loading(self) -> bool:
        """A first page is being read in the background (the rows shown are the previous ones)."""
        return self._reading is not None and self._reading.running

    def reload(self, *, keep_loaded: bool = False) -> None:
        """Read the first page again (or as many rows as are loaded, with ``keep_loaded``): in a
        task when the model has ``tasks``, else at once."""
        limit = max(self.page_size, len(self._rows)) if keep_loaded else self.page_size
        self._drop_reading()
        if self._db is None:
            self._reset([], limit, keep_loaded)
            return
        read = self.page_reader(None, limit)
        if self.tasks is None:
            self._reset(self.take_page(read(self._db), first=True), limit, keep_loaded)
            return
        generation = self._generation
        self._reading = start_read(
            self.tasks, self._db, read, lambda page, error: self._arrived(generation, limit, keep_loaded, page, error)
        )

    def clear(self) -> None:
        self._drop_reading()
        self._reset([], self.page_size, False)

    def _drop_reading(self) -> None:
        self._generation += 1
        if self._reading is not None and self._reading.running:
            self._reading.cancel()
        self._reading = None

    def _arrived(self, generation: int, limit: int, keep_loaded: bool, page: Any, error: str) -> None:
        if generation != self._generation:
            return  # superseded by a newer reload
        self._reading = None
        if error:
            self.read_failed.emit(error)
        elif page is not None:
            self._reset(self.take_page(page, first=True), limit, keep_loaded)

    def _reset(self, rows: list[Row], limit: int, keep_loaded: bool) -> None:
        self.kept_loaded = keep_loaded
        self.beginResetModel()
        self._rows = rows
        self._more = len(rows) == limit
        self.endResetModel()

    # -- Qt model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt names it; an invalid index, never mutated)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt names it; an invalid index, never mutated)
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008 (Qt names it; an invalid index, never mutated)
        return not parent.isValid() and self._more and self._reading is None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008 (Qt names it; an invalid index, never mutated)
        if parent.isValid() or not self.canFetchMore() or self._db is None:
            return
        after = self.row_key(self._rows[-1]) if self._rows else None
        page = self.take_page(self.page_reader(after, self.page_size)(self._db), first=False)
        self._more = len(page) == self.page_size
        if not page:
            return
        first = len(self._rows)
        # The last new row is first + len(page) - 1, not first + len(page).
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.decoration(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.FontRole:
            return self.font(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and self.COLUMNS[column].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return self.row_id(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.COLUMNS[section].tooltip or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS) or not self.COLUMNS[column].sort:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self.sort_column, self.descending) and self._rows:
            return
        self.sort_column, self.descending = column, descending
        self.reload()
