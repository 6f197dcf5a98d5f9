"""Article ▸ Set Date…: the user's publication date for the chosen articles, undone with Ctrl+Z.

The articles selected in the list (else the one in the reader) get the date, or none, through
``explorer.core.store.article_dates``: one transaction that keeps every summary exact, written
in a writing task (``tasks.start_write``), as curation is, so the GUI thread never waits on it.
Once written the change goes on the curation undo stack (its undo and redo written in tasks too).
Articles that were undated are then re-extracted in the background, since expressions like
"yesterday" were not stored while they had no date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from explorer.core.store import StoreError
from explorer.core.store.article_dates import DateChange, UnknownArticles, set_dates, undo_dates
from explorer.ui import message_box
from explorer.ui.actions import curation_messages as words
from explorer.ui.actions.common import Context, make_action
from explorer.ui.actions.curation_actions import MESSAGE_MS, REDO_KEYS, UNDO_KEYS, key_text, reextract_job
from explorer.ui.events import Change
from explorer.ui.panes.document_panel import DocumentPanel
from explorer.ui.panes.reader import ReaderWidget
from explorer.ui.tasks import Task, start_write

if TYPE_CHECKING:
    from explorer.ui.actions.import_actions import ImportActions

TITLE = "Set Date"


class SetDateDialog(QDialog):
    """A date field and "Undated"; ``chosen()`` is the date, or None for undated."""

    def __init__(self, count: int, initial: date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        label = QLabel(f"Publication date of {count:,} article{'' if count == 1 else 's'}:")
        self.date_edit = QDateEdit(QDate(*(initial or date.today()).timetuple()[:3]))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMinimumDate(QDate(1000, 1, 1))
        self.undated = QCheckBox("&Undated")
        self.undated.setChecked(initial is None)
        self.undated.toggled.connect(lambda on: self.date_edit.setEnabled(not on))
        self.date_edit.setEnabled(initial is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (label, self.date_edit, self.undated, buttons):
            layout.addWidget(widget)

    def chosen(self) -> date | None:
        if self.undated.isChecked():
            return None
        value = self.date_edit.date()
        return date(value.year(), value.month(), value.day())


def dating(ids: list[int], published: date | None) -> Callable[[Any], DateChange]:
    """The write of Set Date on a task's connection; articles deleted since said in one sentence."""

    def write(db: Any) -> DateChange:
        try:
            return set_dates(db, ids, published)
        except UnknownArticles as exc:
            raise StoreError(str(exc)) from exc

    return write


class DateCommand(QUndoCommand):
    """One Set Date; its first run happened before the push, so a refusal never reaches the stack.
    Redo and undo write in a task; one that fails is said and empties the stack (its place no
    longer matches the database), as curation's do."""

    def __init__(self, controller: ArticleDating, ids: list[int], published: date | None, change: DateChange) -> None:
        count = len(ids)
        what = published.isoformat() if published else "undated"
        super().__init__(f"Set Date of {count:,} Article{'' if count == 1 else 's'} ({what})")
        self.controller, self.ids, self.published, self.change = controller, ids, published, change
        self.message = words.dated(count, published.isoformat() if published else None)
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.controller.write(dating(self.ids, self.published), self._redone)

    def _redone(self, change: DateChange | None, error: str) -> None:
        if error or change is None:
            self.controller.lost(error or "Nothing was changed.")
            return
        self.change = change
        self.controller.changed()
        self.controller.ctx.say(words.redone(self.message, key_text(UNDO_KEYS)), MESSAGE_MS)

    def undo(self) -> None:
        change = self.change
        self.controller.write(lambda db: undo_dates(db, change), self._undone)

    def _undone(self, _result: object, error: str) -> None:
        if error:
            self.controller.lost(f"{error} The date stays as it is.")
            return
        self.controller.changed()
        self.controller.ctx.say(words.undone(self.message, key_text(REDO_KEYS)), MESSAGE_MS)


class ArticleDating(QObject):
    def __init__(
        self,
        ctx: Context,
        documents: DocumentPanel,
        reader: ReaderWidget,
        imports: ImportActions,
        menu: QMenu,
        before: QAction,
    ) -> None:
        super().__init__(ctx.parent)
        self.ctx, self.documents, self.reader, self.imports = ctx, documents, reader, imports
        self.action = make_action(
            ctx.parent, "Set &Date…", self.set_date, tip="Give the selected articles a publication date, or none"
        )
        menu.insertAction(before, self.action)
        menu.insertSeparator(before)

    def ask_date(self, count: int, initial: date | None) -> tuple[bool, date | None]:
        """(accepted, the date or None for undated) from the dialog (replaced in tests)."""
        dialog = SetDateDialog(count, initial, self.ctx.parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return accepted, dialog.chosen()

    def _chosen(self) -> list[int]:
        """The articles selected in the list, else the one in the reader."""
        ids = self.documents.selected_articles()
        article = self.reader.article
        return ids or ([article.id] if article is not None else [])

    def set_date(self) -> Task | None:
        """Ask for the date, then write it in a task (None: nothing to do, or written at once)."""
        db = self.ctx.session.db
        if db is None or self.ctx.busy_writing():
            return None
        ids = self._chosen()
        if not ids:
            return None
        article = self.reader.article
        initial = date.fromisoformat(article.published) if article is not None and article.published else None
        accepted, published = self.ask_date(len(ids), initial)
        if not accepted:
            return None
        return self.write(dating(ids, published), lambda change, error: self._dated(ids, published, change, error))

    def write(self, write: Callable[[Any], Any], on_done: Callable[[Any, str], None]) -> Task | None:
        """The one writer, on a connection of its own; the status bar says so until it ends."""
        self.ctx.say("Setting the date…", 0)

        def ended(result: Any, error: str) -> None:
            self.ctx.status.clearMessage()
            on_done(result, error)

        return start_write(self.ctx.tasks, self.ctx.session.db, write, "Setting the date", ended)

    def _dated(self, ids: list[int], published: date | None, change: DateChange | None, error: str) -> None:
        if error or change is None:
            message_box.warn(self.ctx.parent, TITLE, error or "Nothing was changed.")
            return
        self.ctx.undo_stack.push(DateCommand(self, ids, published, change))
        self.changed()
        undated_before = tuple(i for i, (before, _) in change.before.items() if before is None)
        if published is not None and undated_before and self.ctx.session.path is not None:
            self.imports.start_job(
                reextract_job(self.ctx.session.path, undated_before), "Reading the newly dated articles", dialog=None
            )

    def lost(self, message: str) -> None:
        """An undo or redo that could not write: said, and the stack emptied."""
        self.ctx.undo_stack.clear()
        message_box.warn(self.ctx.parent, TITLE, message)

    def changed(self) -> None:
        """Announced: the list's dates, the timeline, the entities' counts, the reader follow."""
        self.ctx.events.announce(Change.ARTICLES | Change.MENTIONS)
