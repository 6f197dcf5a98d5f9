"""The entity detail dialog: one entity's names, dates, timeline, articles, mentions in context
and the entities most associated with it.

Mentions are shown keyword-in-context: the text before the mention right-aligned, the mention,
the text after, so the mentions line up in one column. Clicking a mention asks the window to
open the article at that spot (``article_requested``); activating a related entity shows its
detail in the same dialog. The dialog is shown with the entity's name and counts first; its
sections (timeline, names, the first page of mentions) are read after, in reading tasks
(``ui/tasks.py``) on a connection of their own, so that it opens at once even for an entity found
in most of a million articles; the Articles and Related tabs, the slowest, are read when first
shown, in tasks too. A read for an entity no longer shown is cancelled and its result dropped.
Mentions are read a page at a time as the list is scrolled, to the last one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlite_utils
from PySide6.QtCore import Qt, Signal
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

from explorer.core.store.detail import (
    SURFACE_SAMPLE,
    Kwic,
    KwicKey,
    entity_articles,
    entity_detail,
    kwic_page,
    surface_forms,
)
from explorer.core.store.link_reasons import link_reasons
from explorer.core.store.related import related_entities
from explorer.core.store.relations import relations_of
from explorer.ui.entity_style import type_icon
from explorer.ui.panes.document_model import format_date
from explorer.ui.panes.reader import utf16_positions
from explorer.ui.panes.timeline import TimelineWidget
from explorer.ui.rich_text import literal_html, literal_title
from explorer.ui.tasks import Task, Tasks, start_read
from explorer.ui.widgets.empty_state import EmptyMessage

KWIC_PAGE = 60  # mentions read at a time (a few screens: each row costs the GUI thread); scrolling reads more
CONTEXT_CHARS = 90  # characters shown on each side of the mention in the KWIC columns
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
        left = "…" + left[-width + 1 :]
    if len(right) > width:
        right = right[: width - 1] + "…"
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

    def __init__(self, db: sqlite_utils.Database, parent: QWidget | None = None, tasks: Tasks | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.tasks = tasks if tasks is not None else Tasks(self)
        self._reads: list[Task] = []  # the reads under way for the entity shown
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
        self.timeline = TimelineWidget(tasks=self.tasks)
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
            table.itemClicked.connect(slot)  # a click opens the article beside the dialog
            table.itemActivated.connect(slot)  # and so does Enter
        self.related_table.itemActivated.connect(self._open_related)
        self.kwic_table.verticalScrollBar().valueChanged.connect(self._fetch_when_near_the_end)
        self.tabs.currentChanged.connect(lambda _index: self._fill_current_tab())
        self._tabs_to_fill: dict = {}
        self.timeline.set_database(db)
        self._entity = None
        self._kwic_after: KwicKey | None = None
        self._loading = False  # the names and first mentions are being read

    # -- public

    def show_entity(self, entity_id: int) -> bool:
        """Show this entity's name and counts at once and read its sections after (False when it
        no longer exists)."""
        detail = entity_detail(self._db, entity_id, forms=False)
        if detail is None:
            return False
        self.entity_id = entity_id
        row = detail.entity
        self._entity = row
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
        self.aliases_label.setText("Written as: …")
        for table in (self.kwic_table, self.articles_table, self.related_table):
            table.setRowCount(0)
        self._kwic_after = None
        self._cancel_reads()
        self._tabs_to_fill = {1: self._fill_articles, 2: self._fill_related}
        for index in self._tabs_to_fill:
            self.tabs.setTabText(index, self.tabs.tabText(index).split(" (")[0])
        self.timeline.set_entities([(entity_id, row.name)])
        self._loading = True
        self._read(
            lambda db: (surface_forms(db, entity_id), kwic_page(db, entity_id, None, KWIC_PAGE)),
            entity_id,
            self._fill_first,
        )
        return True

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._cancel_reads()  # a closed dialog reads nothing more (its database may close next)
        self._loading = False
        super().hideEvent(event)

    def is_loaded(self) -> bool:
        """Whether the sections read on opening, and the tab shown, have been read."""
        return not self._loading and not any(task.running for task in self._reads) and not self.timeline.reading()

    def can_fetch_more_mentions(self) -> bool:
        return self._kwic_after is not None

    def fetch_more_mentions(self) -> None:
        """Append the next page of mentions (scrolling near the end of the list does this)."""
        if self._kwic_after is None or self.entity_id is None:
            return
        lines, self._kwic_after = kwic_page(self._db, self.entity_id, self._kwic_after, KWIC_PAGE)
        self._append_kwic(lines)

    def kwic_rows(self) -> list[tuple[str, str, str]]:
        """The KWIC columns shown (before, mention, after), for tests."""
        return [tuple(self.kwic_table.item(r, c).text() for c in (2, 3, 4)) for r in range(self.kwic_table.rowCount())]

    def related_names(self) -> list[str]:
        return [self.related_table.item(r, 0).text() for r in range(self.related_table.rowCount())]

    # -- filling

    def _read(self, read: Callable[[Any], Any], entity_id: int, show: Callable[[int, Any], None]) -> None:
        """``read(connection)`` in a task; its result shown only while ``entity_id`` still is."""

        def done(result: Any, error: str) -> None:
            if entity_id != self.entity_id:
                return  # another entity is shown now
            if error:
                self._loading = False
                self.aliases_label.setText(f"This entity could not be read: {error}")
                return
            if result is not None:
                show(entity_id, result)

        task = start_read(self.tasks, self._db, read, done)
        if task is not None:
            self._reads = [t for t in self._reads if t.running] + [task]

    def _cancel_reads(self) -> None:
        for task in self._reads:
            task.cancel()
        self._reads = []

    def _fill_current_tab(self) -> None:
        """Read the tab shown if it has not been read for this entity (the slow ones wait for it)."""
        fill = self._tabs_to_fill.pop(self.tabs.currentIndex(), None)
        if fill is not None and self.entity_id is not None and not self._loading:
            entity_id = self.entity_id
            self._read(lambda db: fill(db, entity_id), entity_id, self._show_tab)

    def _fill_first(self, entity_id: int, result: tuple[list[tuple[str, int]], tuple[list[Kwic], Any]]) -> None:
        forms, (lines, self._kwic_after) = result
        sampled = f" (in {SURFACE_SAMPLE:,} of its mentions)" if self._entity.mentions > SURFACE_SAMPLE else ""
        reasons = link_reasons(self._db, entity_id, [text for text, _ in forms])
        self.aliases_label.setText(
            f"Written as{sampled}: "
            + ", ".join(f"{text} ({n:,})" for text, n in forms[:40])
            + (" …" if len(forms) > 40 else "")
            + "".join(f"\n{reason[:1].upper()}{reason[1:]}." for reason in reasons)
        )
        self._append_kwic(lines)
        self._loading = False
        self._fill_current_tab()

    def _fetch_when_near_the_end(self, value: int) -> None:
        bar = self.kwic_table.verticalScrollBar()
        if value >= bar.maximum() - bar.pageStep() and self.can_fetch_more_mentions():
            self.fetch_more_mentions()

    def _append_kwic(self, lines: list[Kwic]) -> None:
        table = self.kwic_table
        first = table.rowCount()
        table.setRowCount(first + len(lines))
        bold = QFont(table.font())
        bold.setBold(True)
        right = Qt.AlignmentFlag.AlignRight
        for r, line in enumerate(lines, first):
            left, mention, after = kwic_columns(line)
            table.setItem(r, 0, _item(format_date(line.published) if line.published else "undated", line))
            table.setItem(r, 1, _item(line.title, line))
            table.setItem(r, 2, _item(left, line, right))
            keyword = _item(mention, line)
            keyword.setFont(bold)
            table.setItem(r, 3, keyword)
            table.setItem(r, 4, _item(after, line))
            table.item(r, 2).setToolTip(literal_html(line.text))
        if first == 0:
            table.setColumnWidth(1, min(table.columnWidth(1), 180))
            table.setColumnWidth(2, 320)
        shown, total = table.rowCount(), self._entity.mentions
        label = f"{shown:,} of {total:,}" if self.can_fetch_more_mentions() else f"{shown:,}"
        self.tabs.setTabText(0, f"Mentions ({label})")

    @staticmethod
    def _fill_articles(db: sqlite_utils.Database, entity_id: int) -> tuple[int, list]:
        return 1, entity_articles(db, entity_id)

    @staticmethod
    def _fill_related(db: sqlite_utils.Database, entity_id: int) -> tuple[int, list]:
        return 2, related_entities(db, entity_id, limit=50)

    def _show_tab(self, _entity_id: int, result: tuple[int, list]) -> None:
        index, rows = result
        (self._show_articles if index == 1 else self._show_related)(rows)

    def _show_articles(self, rows: list) -> None:
        table = self.articles_table
        table.setRowCount(len(rows))
        for r, a in enumerate(rows):
            table.setItem(r, 0, _item(format_date(a.published) if a.published else "undated", a.id))
            table.setItem(r, 1, _item(a.title, a.id))
            table.setItem(r, 2, _item(f"{a.mentions:,}", a.id, Qt.AlignmentFlag.AlignRight))
        self.tabs.setTabText(1, f"Articles ({len(rows):,})")

    def _show_related(self, rows: list) -> None:
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
