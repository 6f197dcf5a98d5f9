"""The reader: one article as text, its mentions coloured by entity type, search hits marked.

The body goes into a QPlainTextEdit with ``setPlainText`` and the title and metadata into
plain-text labels, so ``<b>``, ``<script>`` or ``&amp;`` in a file show as typed. Only the
hover box is rich text, built from escaped values. Mention offsets are Python string indices;
Qt counts UTF-16 units, so offsets are converted for texts with characters beyond the BMP.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from datetime import date
from html import escape
from itertools import accumulate

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPlainTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from explorer.core.model import ENTITY_TYPES
from explorer.core.safety.visible import visible
from explorer.core.store.queries import ArticleView, MentionView
from explorer.ui.entity_style import TYPE_COLOURS, hit_format, mention_format
from explorer.ui.widgets.elided_label import ElidedLabel
from explorer.ui.widgets.find_bar import FindBar
from explorer.ui.widgets.page_margin import PageMargin
from explorer.ui.widgets.provenance_bar import ProvenanceBar
from explorer.ui.widgets.story_versions import StoryVersions

DATE_ORIGINS = {
    "header": "from the article's header",
    "front matter": "from the front matter",
    "file name": "from the file name",
    "dateline": "from the dateline",
    "user": "set by you",
}
SOURCE_ORIGINS = {"header": "from the header", "dateline": "from the dateline", "attribution": "from an attribution"}


def utf16_positions(text: str) -> list[int] | None:
    """Qt position of each Python index (one past the end included); None when they are equal."""
    if all(ord(ch) < 0x10000 for ch in text):
        return None
    return [0, *accumulate(2 if ord(ch) >= 0x10000 else 1 for ch in text)]


def describe_date(view: ArticleView) -> str:
    if not view.published:
        if view.date_source == "user":
            return "Undated (set by you)"
        return "Undated (no date in the text or the file name)"
    try:
        day = date.fromisoformat(view.published)
        shown = f"{day:%A} {day.day} {day:%B %Y}"
    except ValueError:
        shown = view.published
    origin = DATE_ORIGINS.get(view.date_source)
    return f"{shown} ({origin})" if origin else shown


def describe_source(view: ArticleView) -> str:
    if not view.source:
        return "Source unknown"
    origin = SOURCE_ORIGINS.get(view.source_origin or "")
    return f"{view.source} ({origin})" if origin else view.source


def mention_tooltip(mention: MentionView, in_article: int, page: str | None = None) -> str:
    """Rich text built from escaped values only: entity, type, counts here and everywhere, and
    the page ("page 3", "chapter 2") of a paged document."""
    entity = mention.entity
    lines = [
        f"<b>{escape(entity.name)}</b> — {escape(entity.type)}",
        f"{in_article:,} mention{'s' if in_article != 1 else ''} in this article",
        f"{entity.mentions:,} mentions in {entity.articles:,} article{'s' if entity.articles != 1 else ''}",
    ]
    if page:
        lines.insert(1, escape(page))
    if mention.label != entity.type:
        lines.append(f"<i>recognised here as {escape(mention.label)}</i>")
    lines.append("<i>Click to select this entity</i>")
    return "<br>".join(lines)


class ArticleText(QPlainTextEdit):
    """Read-only text whose mentions answer hover with a tooltip and click with a signal."""

    mention_clicked = Signal(object)  # MentionView

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.viewport().setMouseTracking(True)
        self._starts: list[int] = []
        self._mentions: list[tuple[int, int, MentionView]] = []
        self._in_article: dict[int, int] = {}
        self.page_of: Callable[[int], str | None] = lambda offset: None  # a body offset's page, in words
        self._press: QPoint | None = None
        self.document().setDocumentMargin(10)

    def show_text(
        self, body: str, mentions: tuple[MentionView, ...], hits: list[tuple[int, int]], in_article: dict[int, int]
    ) -> None:
        # Typed text takes the format at the cursor: start from a blank one, not the last mention's.
        self.document().clear()
        self.setCurrentCharFormat(QTextCharFormat())
        self.setPlainText(body)
        positions = utf16_positions(body)

        def qt(offset: int) -> int:
            offset = max(0, min(offset, len(body)))
            return positions[offset] if positions else offset

        self._mentions = sorted((qt(m.start), qt(m.end), m) for m in mentions if m.end > m.start)
        self._starts = [start for start, _, _ in self._mentions]
        self._in_article = in_article
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        for start, end, mention in self._mentions:
            self._format(cursor, start, end, mention_format(mention.entity.type))
        for start, end in hits:
            self._format(cursor, qt(start), qt(end), hit_format())
        cursor.endEditBlock()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    @staticmethod
    def _format(cursor: QTextCursor, start: int, end: int, fmt) -> None:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

    def mention_at_position(self, position: int) -> MentionView | None:
        index = bisect.bisect_right(self._starts, position) - 1
        if index >= 0:
            start, end, mention = self._mentions[index]
            if start <= position < end:
                return mention
        return None

    def position_at(self, point: QPoint) -> int | None:
        """The document position of the character drawn under ``point`` (viewport coordinates)."""
        nearest = self.cursorForPosition(point).position()
        last = self.document().characterCount() - 1
        for position in (nearest, nearest - 1):
            if not 0 <= position < last:
                continue
            cursor = QTextCursor(self.document())
            cursor.setPosition(position)
            left = self.cursorRect(cursor)
            cursor.setPosition(position + 1)
            right = self.cursorRect(cursor)
            if (
                left.top() == right.top()
                and left.left() <= point.x() < right.left()
                and (left.top() <= point.y() <= left.bottom())
            ):
                return position
        return None

    def mention_at(self, point: QPoint) -> MentionView | None:
        position = self.position_at(point)
        return None if position is None else self.mention_at_position(position)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            mention = self.mention_at(event.pos())
            if mention is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(
                    event.globalPos(),
                    mention_tooltip(mention, self._in_article.get(mention.entity_id, 0), self.page_of(mention.start)),
                    self.viewport(),
                )
            return True
        return super().viewportEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        over_mention = self.mention_at(event.position().toPoint()) is not None
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over_mention else Qt.CursorShape.IBeamCursor)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press = event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and self._press is not None
            and (point - self._press).manhattanLength() < QApplication.startDragDistance()
            and not self.textCursor().hasSelection()
        ):
            mention = self.mention_at(point)
            if mention is not None:
                self.mention_clicked.emit(mention)
        self._press = None


class Legend(QLabel):
    """A coloured square, the type and its count for each entity type the open article mentions.

    One word-wrapping label, so a long legend takes a second line instead of widening the pane.
    Its rich text holds only our type names and numbers.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.counts: Counter[str] = Counter()

    def show_counts(self, counts: Counter[str]) -> None:
        self.counts = Counter({t: counts[t] for t in ENTITY_TYPES if counts[t]})
        self.setText(
            "&nbsp;&nbsp; ".join(
                f'<span style="color:{TYPE_COLOURS[t]}">■</span>&nbsp;{t}&nbsp;{n}' for t, n in self.counts.items()
            )
        )
        self.setVisible(bool(self.counts))

    def shown(self) -> dict[str, str]:
        return {t: f"{t} {n}" for t, n in self.counts.items()}


class ReaderWidget(QWidget):
    """Title, date (and where it came from), source, path, legend, then the highlighted text."""

    entity_activated = Signal(int, str)  # entity id, name: a mention was clicked
    article_requested = Signal(int)  # "Attachment of …": the message was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.article: ArticleView | None = None
        self.title_label = self._label(selectable=True)
        title_font = QFont(self.title_label.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.date_label = self._label()
        self.source_label = self._label()
        self.path_label = ElidedLabel()
        self.versions = StoryVersions()
        self.legend = Legend()
        self.provenance_bar = ProvenanceBar()
        self.provenance_bar.article_requested.connect(self.article_requested)
        self.text = ArticleText()
        self.page_margin = PageMargin(self.text)
        self.text.setPlaceholderText("Select an article in the list to read it here.")
        self.text.mention_clicked.connect(lambda m: self.entity_activated.emit(m.entity_id, m.entity.name))
        self.find_bar = FindBar(self.text)
        header = QVBoxLayout()
        header.setContentsMargins(10, 6, 10, 2)
        header.setSpacing(2)
        for widget in (
            self.title_label,
            self.date_label,
            self.source_label,
            self.path_label,
            self.provenance_bar,
            self.versions,
            self.legend,
        ):
            header.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.find_bar)
        self.show_article(None)

    @staticmethod
    def _label(selectable: bool = False) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        if selectable:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_article(self, view: ArticleView | None, hits: list[tuple[int, int]] | None = None) -> None:
        """Show ``view`` with search ``hits`` (body offsets) marked; None empties the reader."""
        self.article = view
        for label in (self.title_label, self.date_label, self.source_label, self.path_label):
            label.setVisible(view is not None)
        self.provenance_bar.show_for(view)
        if view is None:
            self.versions.show_story((), [])
            self.text.show_text("", (), [], {})
            self.page_margin.set_pages([])
            self.legend.show_counts(Counter())
            return
        self.title_label.setText(view.title)
        self.date_label.setText(describe_date(view))
        self.source_label.setText(describe_source(view))
        self.path_label.set_full_text(visible(view.path or ""))
        self.path_label.setVisible(bool(view.path))
        self.text.show_text(view.body, view.mentions, hits or [], view.in_article)
        self._mark_pages(view)
        self.legend.show_counts(Counter(m.entity.type for m in view.mentions))
        if self.find_bar.isVisible():
            self.find_bar.search(self.find_bar.field.text())

    def _mark_pages(self, view: ArticleView) -> None:
        found = view.provenance
        pages = found.pages if found else ()
        positions = utf16_positions(view.body) if pages else None
        starts = [positions[start] if positions else start for start in pages if start <= len(view.body)]
        chapters = found is not None and found.format == "epub"
        self.page_margin.set_pages(starts, "ch." if chapters else "p.")
        if found and len(pages) > 1:
            unit = "chapter" if chapters else "page"
            self.text.page_of = lambda offset: f"on {unit} {found.page_of(offset)}"
        else:
            self.text.page_of = lambda offset: None

    def find(self) -> None:
        """Open the find bar (Ctrl+F)."""
        self.find_bar.open_bar()
