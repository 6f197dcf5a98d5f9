"""The document side: the search box (with its error line), entity-type filter, chips, list.

The list's first page is read in the background (``paged_model``): when the new rows arrive the
article that is current then stays current if it is among them, and a refresh after a write
(which keeps the loaded rows) keeps the scroll position too; a new filter scrolls to the current
article or the top.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from explorer.core.model import ENTITY_TYPES
from explorer.ui.entity_style import type_icon
from explorer.ui.panes.document_model import DocumentModel
from explorer.ui.panes.paged_model import ID_ROLE
from explorer.ui.tasks import Tasks
from explorer.ui.widgets.empty_state import EmptyMessage
from explorer.ui.widgets.filter_bar import FilterBar
from explorer.ui.widgets.table_view import make_table

SEARCH_DELAY_MS = 300
ERROR_ON_LIGHT, ERROR_ON_DARK = "#B3261E", "#FF8A80"
SEARCH_HELP = (
    "Full-text search over titles and bodies:\n"
    "  words            every word must appear (trade deficit)\n"
    '  "a phrase"       the words in this order\n'
    "  prefix*          words starting with it (export*)\n"
    "  a OR b, a NOT b  either word; the first without the second\n"
    "  ( )              grouping: (oil OR gas) AND price\n"
    "  title:word       only in titles (body: for bodies)\n"
    "Ctrl+L or Ctrl+K jumps here."
)


class DocumentPanel(QWidget):
    search_changed = Signal(str)  # typed text, after a pause or on Enter
    entity_type_changed = Signal(object)  # str | None
    article_selected = Signal(object)  # article id, or None when nothing is current

    def __init__(self, parent: QWidget | None = None, tasks: Tasks | None = None) -> None:
        super().__init__(parent)
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText('Search articles: words, "phrases", prefix*, AND OR NOT')
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setToolTip(SEARCH_HELP)
        self.type_box = QComboBox()
        self.type_box.addItem("Any entity type", None)
        for entity_type in ENTITY_TYPES:
            article = "an" if entity_type[0] in "aeiou" else "a"
            self.type_box.addItem(type_icon(entity_type), f"Mentions {article} {entity_type}", entity_type)
        self.type_box.setToolTip("Only articles mentioning an entity of this type")
        self.search_error = QLabel()
        self.search_error.setTextFormat(Qt.TextFormat.PlainText)
        self.search_error.setWordWrap(True)
        self.search_error.hide()
        self._colour_error()
        self.filter_bar = FilterBar()
        self.model = DocumentModel(self, tasks=tasks)
        self._place: tuple[int | None, int] = (None, 0)  # current article and scroll before a reset
        self._row_after_reload: int | None = None
        self.view = make_table(self.model, multi_select=True)
        self.empty = EmptyMessage(self.view)  # its words are the window's: it knows the totals
        top = QHBoxLayout()
        top.addWidget(self.search_field, 1)
        top.addWidget(self.type_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.search_error)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view, 1)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._emit_search)
        self.search_field.textChanged.connect(self._search_timer.start)
        self.search_field.returnPressed.connect(self._emit_search)
        self.type_box.currentIndexChanged.connect(lambda: self.entity_type_changed.emit(self.type_box.currentData()))
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.modelAboutToBeReset.connect(self._remember_place)
        self.model.modelReset.connect(self._restore_place)
        self.model.read_failed.connect(lambda error: self.show_search_error(f"The list could not be read: {error}"))

    def _colour_error(self) -> None:
        """A red that reads on the palette: darker on a light window, lighter on a dark one."""
        palette = self.search_error.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(QPalette.ColorRole.WindowText, QColor(ERROR_ON_DARK if dark else ERROR_ON_LIGHT))
        self.search_error.setPalette(palette)

    def _emit_search(self) -> None:
        self._search_timer.stop()
        self.search_changed.emit(self.search_field.text())

    def show_search_error(self, message: str | None) -> None:
        self.search_error.setText(message or "")
        self.search_error.setVisible(bool(message))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.article_selected.emit(current.data(ID_ROLE) if current.isValid() else None)

    def current_article(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def selected_articles(self) -> list[int]:
        """The ids of the rows selected in the list (Shift/Ctrl-click selects several), in list order."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [row.id for row in map(self.model.row_at, rows) if row is not None]

    def select_article(self, article_id: int | None) -> bool:
        """Make this article current if it is loaded in the list; False when it is not."""
        row = None if article_id is None else self.model.row_of(article_id)
        if row is None:
            return False
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def select_row_after_reload(self, row: int) -> None:
        """Make the row at ``row`` (or the last) current once the list is read again: after a
        deletion, the article that took the deleted one's place."""
        if self.model.loading():
            self._row_after_reload = row
        elif self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(max(row, 0), self.model.rowCount() - 1), 0))

    def _remember_place(self) -> None:
        self._place = (self.current_article(), self.view.verticalScrollBar().value())

    def _restore_place(self) -> None:
        current, scroll = self._place
        row, self._row_after_reload = self._row_after_reload, None
        if row is not None:
            self.select_row_after_reload(row)
        else:
            self.select_article(current)
        if self.model.kept_loaded:
            self.view.verticalScrollBar().setValue(scroll)

    def show_entity_type(self, entity_type: str | None) -> None:
        """Follow a type filter changed elsewhere (its chip removed), without reporting it back."""
        self.type_box.blockSignals(True)
        self.type_box.setCurrentIndex(max(0, self.type_box.findData(entity_type)))
        self.type_box.blockSignals(False)

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()
