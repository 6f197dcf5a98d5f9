"""Article ▸ Delete Article… (the Delete key in the list): remove an article after asking.

The article chosen in the list (else the one in the reader) is deleted by the core with its
mentions, search entry, notes and tags, in a writing task (``ui/tasks.py``: the GUI thread never
waits, one writer at a time); the list, the entity counts, the timeline and the
network follow, and the next article in the list opens. Curation undo is emptied, since its
snapshots may hold the deleted article's mentions.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from explorer.core.store.deletion import delete_articles
from explorer.ui import message_box
from explorer.ui.actions.common import Context
from explorer.ui.events import Change
from explorer.ui.panes.document_panel import DocumentPanel
from explorer.ui.panes.reader import ReaderWidget
from explorer.ui.tasks import Task, start_write


class ArticleDeletion(QObject):
    def __init__(self, ctx: Context, documents: DocumentPanel, reader: ReaderWidget, menu: QMenu) -> None:
        super().__init__(ctx.parent)
        self.ctx, self.documents, self.reader = ctx, documents, reader
        self.failed = False  # the last deletion could not be written (said already)
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

    def delete_current(self) -> Task | bool:
        """Delete the chosen article if the user confirms, in a writing task; the task when it
        started (its end says how it went), False when nothing was asked of the database."""
        db = self.ctx.session.db
        if db is None or self.ctx.busy_writing():
            return False
        chosen = self._chosen()
        if chosen is None or not self.confirm(chosen[1]):
            return False
        article_id, title = chosen
        row = self.documents.view.currentIndex().row()
        self.ctx.say(f"Deleting “{title}”…", 0)
        task = start_write(
            self.ctx.tasks,
            db,
            lambda own: delete_articles(own, [article_id]),
            f"Deleting “{title}”",
            lambda _result, error: self._deleted(title, row, error),
        )
        return task if task is not None else not self.failed

    def _deleted(self, title: str, row: int, error: str) -> None:
        self.ctx.status.clearMessage()
        self.failed = bool(error)
        if error:
            message_box.warn(self.ctx.parent, "Delete Article", error)
            return
        self.ctx.undo_stack.clear()
        self.reader.show_article(None)
        self.ctx.events.announce(Change.ARTICLES | Change.MENTIONS | Change.ENTITIES | Change.NOTES)
        self.documents.select_row_after_reload(row)
        self.ctx.say(f"Deleted “{title}”", 5000)
