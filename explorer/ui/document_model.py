"""The document list: articles matching the current filter, paged from SQL in any column order."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlite_utils
from PySide6.QtGui import QFont

from explorer.core.store.queries import DocumentFilter, DocumentRow, document_page
from explorer.ui.paged_model import Column, PagedTableModel
from explorer.ui.rich_text import literal_tooltip

UNDATED = "undated"


def format_date(iso: str | None) -> str:
    """``2023-05-01`` → ``1 May 2023``; undated articles say so."""
    if not iso:
        return UNDATED
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%b %Y}"


class DocumentModel(PagedTableModel):
    COLUMNS = (
        Column("Title", "title"),
        Column("Date", "published", tooltip="Publication date; undated articles sort last when newest first",
               width=12),
        Column("Source", "source", width=10),
        Column("Entities", "entities", align_right=True, tooltip="Distinct entities mentioned", width=8),
    )
    DATE_COLUMN = 1

    def __init__(self, parent=None, **kwargs) -> None:
        super().__init__(parent, **kwargs)
        self._db: sqlite_utils.Database | None = None
        self.filter = DocumentFilter()
        self.sort_column, self.descending = self.DATE_COLUMN, True
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_database(self, db: sqlite_utils.Database | None) -> None:
        self._db = db
        self.reload()

    def set_filter(self, flt: DocumentFilter) -> None:
        """Show the articles matching ``flt`` (a malformed search raises SearchSyntaxError first)."""
        self.filter = flt
        self.reload()

    def fetch_page(self, after: tuple | None, limit: int) -> list[DocumentRow]:
        if self._db is None:
            return []
        return document_page(self._db, self.filter, self.sort_name, self.descending, after, limit)

    def row_key(self, row: DocumentRow) -> tuple:
        return row.key(self.sort_name)

    def display(self, row: DocumentRow, column: int) -> Any:
        return (row.title, format_date(row.published), row.source or "", row.entity_count)[column]

    def tooltip(self, row: DocumentRow, column: int) -> str | None:
        return literal_tooltip(row.title) if column == 0 else None

    def font(self, row: DocumentRow, column: int) -> QFont | None:
        return self._italic if column == self.DATE_COLUMN and row.published is None else None
