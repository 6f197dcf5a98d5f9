"""Article ▸ Delete Article… (the Delete key in the list): remove an article after asking.

The article chosen in the list (else the one in the reader) is deleted by the core with its
mentions, search entry, notes and tags; the list, the entity counts, the timeline and the
network follow, and the next article in the list opens. Curation undo is emptied, since its
snapshots may hold the deleted article's mentions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from explorer.core.store import StoreError
from explorer.core.store.deletion import delete_articles
from explorer.ui import message_box

if TYPE_CHECKING:
    from explorer.ui.main_window import MainWindow


class ArticleDeletion(QObject):
    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.action = QAction("&Delete Article…", window)
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # only from the list: the Delete key keeps its meaning in text fields and the reader
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.setStatusTip("Delete the chosen article with its mentions, notes and tags")
        self.action.triggered.connect(self.delete_current)
        window.documents.view.addAction(self.action)
        menu.addSeparator()
        menu.addAction(self.action)

    def confirm(self, title: str) -> bool:
        """Ask before deleting (replaced in tests)."""
        return message_box.ask(
            self.window, "Delete Article",
            f"“{title}” will be deleted with its entity mentions, notes and tags.\n\n"
            "This cannot be undone; importing its file again brings it back.",
        )

    def _chosen(self) -> tuple[int, str] | None:
        """(id, title) of the article chosen in the list, else of the one in the reader."""
        documents = self.window.documents
        row = documents.model.row_at(documents.view.currentIndex().row())
        if row is not None:
            return row.id, row.title
        article = self.window.reader.article
        return (article.id, article.title) if article is not None else None

    def delete_current(self) -> bool:
        """Delete the chosen article if the user confirms; True when it was deleted."""
        window = self.window
        if window.db is None or window._busy_importing():
            return False
        chosen = self._chosen()
        if chosen is None or not self.confirm(chosen[1]):
            return False
        view = window.documents.view
        row = view.currentIndex().row()
        try:
            delete_articles(window.db, [chosen[0]])
        except StoreError as exc:
            message_box.warn(window, "Delete Article", str(exc))
            return False
        window.curation.undo_stack.clear()
        window.reader.show_article(None)
        window.network_view.set_database(window.db)
        window.entities.refresh()
        window.apply_filter()
        model = window.documents.model
        if model.rowCount():
            view.setCurrentIndex(model.index(min(max(row, 0), model.rowCount() - 1), 0))
        window.statusBar().showMessage(f"Deleted “{chosen[1]}”", 5000)
        return True
