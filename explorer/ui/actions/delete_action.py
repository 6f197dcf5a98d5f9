"""Article ▸ Delete Article… (the Delete key in the list): remove an article after asking.

The article chosen in the list (else the one in the reader) is deleted by the core with its
mentions, search entry, notes and tags; the list, the entity counts, the timeline and the
network follow, and the next article in the list opens. Curation undo is emptied, since its
snapshots may hold the deleted article's mentions.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from explorer.core.store import StoreError
from explorer.core.store.deletion import delete_articles
from explorer.ui import message_box
from explorer.ui.actions.common import Context
from explorer.ui.events import Change
from explorer.ui.panes.document_panel import DocumentPanel
from explorer.ui.panes.reader import ReaderWidget


class ArticleDeletion(QObject):
    def __init__(self, ctx: Context, documents: DocumentPanel, reader: ReaderWidget, menu: QMenu) -> None:
        super().__init__(ctx.parent)
        self.ctx, self.documents, self.reader = ctx, documents, reader
        self.action = QAction("&Delete Article…", ctx.parent)
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # only from the list: the Delete key keeps its meaning in text fields and the reader
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.setStatusTip("Delete the chosen article with its mentions, notes and tags")
        self.action.triggered.connect(self.delete_current)
        documents.view.addAction(self.action)
        menu.addSeparator()
        menu.addAction(self.action)

    def confirm(self, title: str) -> bool:
        """Ask before deleting (replaced in tests)."""
        return message_box.ask(
            self.ctx.parent,
            "Delete Article",
            f"“{title}” will be deleted with its entity mentions, notes and tags.\n\n"
            "This cannot be undone; importing its file again brings it back.",
        )

    def _chosen(self) -> tuple[int, str] | None:
        """(id, title) of the article chosen in the list, else of the one in the reader."""
        row = self.documents.model.row_at(self.documents.view.currentIndex().row())
        if row is not None:
            return row.id, row.title
        article = self.reader.article
        return (article.id, article.title) if article is not None else None

    def delete_current(self) -> bool:
        """Delete the chosen article if the user confirms; True when it was deleted."""
        db = self.ctx.session.db
        if db is None or self.ctx.busy_writing():
            return False
        chosen = self._chosen()
        if chosen is None or not self.confirm(chosen[1]):
            return False
        view = self.documents.view
        row = view.currentIndex().row()
        try:
            delete_articles(db, [chosen[0]])
        except StoreError as exc:
            message_box.warn(self.ctx.parent, "Delete Article", str(exc))
            return False
        self.ctx.undo_stack.clear()
        self.reader.show_article(None)
        self.ctx.events.announce(Change.ARTICLES | Change.MENTIONS | Change.ENTITIES | Change.NOTES)
        model = self.documents.model
        if model.rowCount():
            view.setCurrentIndex(model.index(min(max(row, 0), model.rowCount() - 1), 0))
        self.ctx.say(f"Deleted “{chosen[1]}”", 5000)
        return True
