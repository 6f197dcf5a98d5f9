"""Words in the middle of a pane that shows nothing, so that an empty pane says why.

A blank table or canvas reads as "still loading" or "broken"; a sentence such as "No article
matches the search and filters" says what happened and what to do. The message is a label over
the view's viewport that lets every click through, shown only while the view is empty.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QLabel

MARGIN = 16


class EmptyMessage(QLabel):
    """``text`` over ``view`` while it is empty: an item view's model has no rows, or (for any
    other view) while the owner has set a text at all."""

    def __init__(self, view: QAbstractScrollArea, text: str = "") -> None:
        super().__init__(view.viewport())
        self.view = view
        self._message = text
        self._is_empty: Callable[[], bool] = lambda: True
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        view.viewport().installEventFilter(self)
        if isinstance(view, QAbstractItemView):
            model = view.model()
            self._is_empty = lambda: model.rowCount() == 0
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
                signal.connect(self.update_state)
        self._fit()
        self.update_state()

    def set_text(self, text: str) -> None:
        self._message = text
        self.update_state()

    def update_state(self) -> None:
        self.setText(self._message)
        self.setVisible(bool(self._message) and self._is_empty())

    def shown(self) -> str:
        """The words on show ("" when hidden), for tests and screen readers alike."""
        return self._message if self.isVisibleTo(self.view) else ""

    def _fit(self) -> None:
        self.setGeometry(self.view.viewport().rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:
            self._fit()
        return False


def documents_empty(total: int, importing: bool) -> str:
    """Why the document list is empty: nothing imported yet, or nothing matches."""
    if total == 0:
        return (
            "Importing: articles appear here as they are stored."
            if importing
            else "No articles yet: File ▸ Import Files… or Import Folder…, or drop files on the window."
        )
    return (
        "No article matches the search and filters. Remove a filter above, or Edit ▸ Clear Filters "
        "(Ctrl+Shift+Backspace) to see every article."
    )


def entities_empty(search: str, types: list[str], all_types: list[str]) -> str:
    """Why the entity table is empty: nothing found yet, or the name filter or type toggles."""
    if not types:
        return "Every entity type is switched off: switch one on above."
    some_types = " of the types switched on" if set(types) != set(all_types) else ""
    if search:
        return f"No entity{some_types} has “{search}” in its name."
    if some_types:
        return f"No entity{some_types}."
    return "No entities yet: they are found as articles are imported."


def network_empty(filtered: bool) -> str:
    """Why the network has no node."""
    if filtered:
        return "No entity to draw under the current filters and types: remove a filter or switch a type on."
    return "No entities yet: import articles to see how the people, places and organisations in them connect."
