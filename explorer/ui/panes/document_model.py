"""The document list: articles matching the current filter, paged from SQL in any column order.

Each page also shows the user's marks, read for the page's rows in one go (``notes_of``): a
star before the title (an empty mark of the same size keeps unstarred titles aligned) and the
tags, with a pencil when the article has a note. Marks are not a sort key: sorting a million
articles by a joined table cannot be served by an index; Article ▸ Filter by Tag and Show
Starred Only narrow the list instead.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import sqlite_utils
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap, QPolygonF

from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.notes import ArticleNotes, article_notes, notes_of
from explorer.core.store.queries import DocumentRow, document_page
from explorer.ui.panes.paged_model import Column, PagedTableModel, PageReader
from explorer.ui.rich_text import literal_html

UNDATED = "undated"
STAR_COLOUR = "#E6A700"
STAR_SIZE = 14
NOTE_MARK = "✎"


def _star_icon(filled: bool) -> QIcon:
    """A five-pointed star in gold, or a transparent square of the same size."""
    pixmap = QPixmap(STAR_SIZE, STAR_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    if filled:
        centre, outer, inner = STAR_SIZE / 2, STAR_SIZE / 2, STAR_SIZE / 5
        points = [
            QPointF(centre + r * math.sin(i * math.pi / 5), centre + 0.5 - r * math.cos(i * math.pi / 5))
            for i, r in enumerate([outer, inner] * 5)
        ]
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(STAR_COLOUR))
        painter.drawPolygon(QPolygonF(points))
        painter.end()
    return QIcon(pixmap)


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
        Column("Date", "published", tooltip="Publication date; undated articles sort last when newest first", width=12),
        Column("Source", "source", width=10),
        Column("Entities", "entities", align_right=True, tooltip="Distinct entities mentioned", width=8),
        Column("Tags", "", tooltip="Your tags (✎: a note); Article ▸ Add Tag, Note, Filter by Tag", width=10),
    )
    DATE_COLUMN = 1
    TAGS_COLUMN = 4

    def __init__(self, parent=None, **kwargs) -> None:
        super().__init__(parent, **kwargs)
        self.filter = DocumentFilter()
        self.sort_column, self.descending = self.DATE_COLUMN, True
        self._italic = QFont()
        self._italic.setItalic(True)
        self._notes: dict[int, ArticleNotes] = {}
        self._stars = {True: _star_icon(True), False: _star_icon(False)}

    def set_filter(self, flt: DocumentFilter) -> None:
        """Show the articles matching ``flt`` (a malformed search raises SearchSyntaxError first)."""
        self.filter = flt
        self.reload()

    def page_reader(self, after: tuple | None, limit: int) -> PageReader:
        flt, order, descending = self.filter, self.sort_name, self.descending

        def read(db: sqlite_utils.Database) -> tuple[list[DocumentRow], dict[int, ArticleNotes]]:
            rows = document_page(db, flt, order, descending, after, limit)
            return rows, notes_of(db, [row.id for row in rows])

        return read

    def take_page(self, page: tuple[list[DocumentRow], dict[int, ArticleNotes]], *, first: bool) -> list[DocumentRow]:
        rows, notes = page
        if first:
            self._notes = {}
        self._notes.update(notes)
        return rows

    def refresh_notes(self, article_id: int) -> None:
        """Show the article's marks again after the user changed them."""
        row = self.row_of(article_id)
        if self._db is None or row is None:
            return
        self._notes[article_id] = article_notes(self._db, article_id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.TAGS_COLUMN))

    def notes(self, row: DocumentRow) -> ArticleNotes | None:
        return self._notes.get(row.id)

    def row_key(self, row: DocumentRow) -> tuple:
        return row.key(self.sort_name)

    def display(self, row: DocumentRow, column: int) -> Any:
        if column == self.TAGS_COLUMN:
            notes = self.notes(row)
            if notes is None:
                return ""
            return " ".join([*([NOTE_MARK] if notes.note else []), ", ".join(notes.tags)]).strip()
        return (row.title, format_date(row.published), row.source or "", row.entity_count)[column]

    def decoration(self, row: DocumentRow, column: int) -> Any:
        if column != 0:
            return None
        notes = self.notes(row)
        return self._stars[bool(notes and notes.starred)]

    def tooltip(self, row: DocumentRow, column: int) -> str | None:
        if column == 0:
            starred = (notes := self.notes(row)) is not None and notes.starred
            return literal_html(f"★ {row.title}" if starred else row.title)
        if column == self.TAGS_COLUMN and (notes := self.notes(row)) is not None:
            lines = [
                *([f"Tags: {', '.join(notes.tags)}"] if notes.tags else []),
                *([f"Note: {notes.note}"] if notes.note else []),
            ]
            return literal_html("\n".join(lines)) if lines else None
        return None

    def font(self, row: DocumentRow, column: int) -> QFont | None:
        return self._italic if column == self.DATE_COLUMN and row.published is None else None
