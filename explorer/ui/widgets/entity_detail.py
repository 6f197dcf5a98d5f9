"""The entity detail dialog: one entity's names, dates, timeline, articles, mentions in context
and the entities most associated with it.

Mentions are shown keyword-in-context: the text before the mention right-aligned, the mention,
the text after, so the mentions line up in one column. Clicking a mention asks the window to
open the article at that spot (``article_requested``); activating a related entity shows its
detail in the same dialog. Related entities are read after the dialog is shown (they are the
slowest part) so that it opens at once.
"""

from __future__ import annotations

import sqlite_utils
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.core.store.detail import Kwic, entity_articles, entity_detail, kwic, related_entities
from explorer.core.store.relations import relations_of
from explorer.ui.entity_style import type_icon
from explorer.ui.panes.document_model import format_date
from explorer.ui.panes.reader import utf16_positions
from explorer.ui.panes.timeline import TimelineWidget
from explorer.ui.rich_text import literal_html, literal_title
from explorer.ui.widgets.empty_state import EmptyMessage

KWIC_LIMIT = 500       # mentions listed (the most an analyst reads; the count says how many exist)
CONTEXT_CHARS = 90     # characters shown on each side of the mention in the KWIC columns
DATA_ROLE = Qt.ItemDataRole.UserRole


def reveal_span(text: QPlainTextEdit, body: str, start: int, end: int) -> None:
    """Select body offsets ``start..end`` in the reader's text and scroll them into the middle."""
    positions = utf16_positions(body)
    qt = (lambda i: positions[max(0, min(i, len(body)))]) if positions else (lambda i: i)
    cursor = QTextCursor(text.document())
    cursor.setPosition(qt(start))
    cursor.setPosition(qt(end), QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(cursor)
    text.centerCursor()


def kwic_columns(line: Kwic, width: int = CONTEXT_CHARS) -> tuple[str, str, str]:
    """(left context, the mention, right context) of a KWIC line, each side cut to ``width``."""
    if not line.marks:
        return "", "", line.text
    start, end = line.marks[0]
    left, right = line.text[:start], line.text[end:]
    if len(left) > width:
        left = "…" + left[-width + 1:]
    if len(right) > width:
        right = right[:width - 1] + "…"
    return left, line.text[start:end], right


class LeftElidingDelegate(QStyledItemDelegate):
    """Cuts a cell's text at its start: the left context keeps the words next to the mention."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt override)
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


def _table(headers: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _item(text: str, data=None, align: Qt.AlignmentFlag | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if data is not None:
        item.setData(DATA_ROLE, data)
    if align is not None:
        item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    return item


class EntityDetailDialog(QDialog):
    article_requested = Signal(int, int, int)  # article id, start, end (body offsets)

    def __init__(self, db: sqlite_utils.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.entity_id: int | None = None
        self.setWindowTitle("Entity")
        self.resize(1100, 760)
        self.title_label = QLabel()
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts_label = QLabel()
        self.aliases_label = QLabel()
        self.aliases_label.setWordWrap(True)
        for label in (self.title_label, self.facts_label, self.aliases_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.timeline = TimelineWidget()
        self.timeline.reset_button.setVisible(False)
        self.kwic_table = _table(["Date", "Article", "Before", "Mention", "After"], 4)
        self.kwic_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.kwic_table.setItemDelegateForColumn(2, LeftElidingDelegate(self.kwic_table))
        self.articles_table = _table(["Date", "Article", "Mentions"], 1)
        self.related_table = _table(["Entity", "Type", "Sentences together", "Log-likelihood", "PMI"], 0)
        EmptyMessage(self.kwic_table, "No mention of this entity is stored.")
        EmptyMessage(self.articles_table, "No article mentions this entity.")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.kwic_table, "Mentions")
        self.tabs.addTab(self.articles_table, "Articles")
        self.tabs.addTab(self.related_table, "Related")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.timeline)
        splitter.addWidget(self.tabs)
        splitter.setSizes([220, 480])
        layout = QVBoxLayout(self)
        for widget in (self.title_label, self.facts_label, self.aliases_label):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)
        for table, slot in ((self.kwic_table, self._open_mention), (self.articles_table, self._open_article)):
            table.itemClicked.connect(slot)     # a click opens the article beside the dialog
            table.itemActivated.connect(slot)   # and so does Enter
        self.related_table.itemActivated.connect(self._open_related)
        self.timeline.set_database(db)

    # -- public

    def show_entity(self, entity_id: int) -> bool:
        """Fill the dialog with this entity (False when it no longer exists)."""
        detail = entity_detail(self._db, entity_id)
        if detail is None:
            return False
        self.entity_id = entity_id
        row = detail.entity
        self.setWindowTitle(literal_title(f"{row.name} — Entity"))
        self.title_label.setText(row.name)
        seen = ""
        if detail.first_seen:
            seen = f" · first seen {format_date(detail.first_seen)}, last seen {format_date(detail.last_seen)}"
        relations = "".join(f" · {r.describe()}" for r in relations_of(self._db, entity_id))
        self.facts_label.setText(
            f"{row.type}{relations} · {row.mentions:,} mention{'s' if row.mentions != 1 else ''}"
            f" in {row.articles:,} article{'s' if row.articles != 1 else ''}{seen}"
        )
        self.aliases_label.setText(
            "Written as: " + ", ".join(f"{text} ({n:,})" for text, n in detail.aliases[:40])
            + (" …" if len(detail.aliases) > 40 else "")
        )
        self.timeline.set_entities([(row.id, row.name)])
        self._fill_kwic(kwic(self._db, entity_id, limit=KWIC_LIMIT), row.mentions)
        self._fill_articles(entity_id)
        self.related_table.setRowCount(0)
        QTimer.singleShot(0, lambda: self._fill_related(entity_id))
        return True

    def kwic_rows(self) -> list[tuple[str, str, str]]:
        """The KWIC columns shown (before, mention, after), for tests."""
        return [tuple(self.kwic_table.item(r, c).text() for c in (2, 3, 4)) for r in range(self.kwic_table.rowCount())]

    def related_names(self) -> list[str]:
        return [self.related_table.item(r, 0).text() for r in range(self.related_table.rowCount())]

    # -- filling

    def _fill_kwic(self, lines: list[Kwic], total: int) -> None:
        table = self.kwic_table
        table.setSortingEnabled(False)
        table.setRowCount(len(lines))
        bold = QFont(table.font())
        bold.setBold(True)
        right = Qt.AlignmentFlag.AlignRight
        for r, line in enumerate(lines):
            left, mention, after = kwic_columns(line)
            table.setItem(r, 0, _item(format_date(line.published) if line.published else "undated", line))
            table.setItem(r, 1, _item(line.title, line))
            table.setItem(r, 2, _item(left, line, right))
            keyword = _item(mention, line)
            keyword.setFont(bold)
            table.setItem(r, 3, keyword)
            table.setItem(r, 4, _item(after, line))
            table.item(r, 2).setToolTip(literal_html(line.text))
        table.setColumnWidth(1, min(table.columnWidth(1), 180))
        table.setColumnWidth(2, 320)
        shown = f"{len(lines):,} of {total:,}" if len(lines) < total else f"{total:,}"
        self.tabs.setTabText(0, f"Mentions ({shown})")

    def _fill_articles(self, entity_id: int) -> None:
        rows = entity_articles(self._db, entity_id)
        table = self.articles_table
        table.setRowCount(len(rows))
        for r, a in enumerate(rows):
            table.setItem(r, 0, _item(format_date(a.published) if a.published else "undated", a.id))
            table.setItem(r, 1, _item(a.title, a.id))
            table.setItem(r, 2, _item(f"{a.mentions:,}", a.id, Qt.AlignmentFlag.AlignRight))
        self.tabs.setTabText(1, f"Articles ({len(rows):,})")

    def _fill_related(self, entity_id: int) -> None:
        if entity_id != self.entity_id:
            return
        rows = related_entities(self._db, entity_id, limit=50)
        table = self.related_table
        table.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight
        for r, a in enumerate(rows):
            name = _item(a.entity.name, (a.entity.id, a.entity.name))
            name.setIcon(type_icon(a.entity.type))
            table.setItem(r, 0, name)
            table.setItem(r, 1, _item(a.entity.type))
            table.setItem(r, 2, _item(f"{a.together:,}", None, right))
            table.setItem(r, 3, _item(f"{a.llr:,.1f}", None, right))
            table.setItem(r, 4, _item(f"{a.pmi:.2f}", None, right))
        self.tabs.setTabText(2, f"Related ({len(rows)})")

    # -- activation

    def _open_mention(self, item: QTableWidgetItem) -> None:
        line = item.data(DATA_ROLE)
        if isinstance(line, Kwic):
            self.article_requested.emit(line.article_id, line.start, line.end)

    def _open_article(self, item: QTableWidgetItem) -> None:
        article_id = item.data(DATA_ROLE)
        if article_id is not None:
            self.article_requested.emit(article_id, -1, -1)

    def _open_related(self, item: QTableWidgetItem) -> None:
        data = self.related_table.item(item.row(), 0).data(DATA_ROLE)
        if data is not None:
            self.show_entity(data[0])
