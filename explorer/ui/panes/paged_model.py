"""A table model filled page by page from a keyset query, as the view scrolls.

Subclasses say how to fetch a page after a row's key and what each cell shows; this class
keeps the rows, answers ``canFetchMore``/``fetchMore``, sorts by asking the query again (the
database sorts, never Python), and reloads in place after new data arrives while keeping as
many rows loaded as before, so a view's scroll position survives a refresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Row = Any  # a frozen dataclass row of explorer.core.store.queries with an ``id``
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

    def __init__(self, parent=None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._rows: list[Row] = []
        self._more = False
        self.sort_column = 0
        self.descending = False

    # -- what a subclass provides

    def fetch_page(self, after: tuple | None, limit: int) -> list[Row]:
        raise NotImplementedError

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

    def reload(self, *, keep_loaded: bool = False) -> None:
        """Fetch the first page again (or as many rows as are loaded, with ``keep_loaded``)."""
        limit = max(self.page_size, len(self._rows)) if keep_loaded else self.page_size
        rows = self.fetch_page(None, limit)
        self.beginResetModel()
        self._rows = rows
        self._more = len(rows) == limit
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._more = False
        self.endResetModel()

    # -- Qt model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt names it; an invalid index, never mutated)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt names it; an invalid index, never mutated)
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008 (Qt names it; an invalid index, never mutated)
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008 (Qt names it; an invalid index, never mutated)
        if parent.isValid() or not self._more:
            return
        after = self.row_key(self._rows[-1]) if self._rows else None
        page = self.fetch_page(after, self.page_size)
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
