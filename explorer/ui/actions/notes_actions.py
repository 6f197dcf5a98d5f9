"""The Article menu: star, tag and annotate the open article; filter the list by tag or star.

The marks live in the database (``explorer.core.store.notes``), written in order in writing
tasks (``mark_writes``): the menu's star shows the click at once, a written mark is announced
(``Change.NOTES``), one that could not be written is said and the marks shown as stored. The tag
and starred-only filters are part of the one ``FilterState``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QMenuBar

from explorer.core.store import notes
from explorer.ui import message_box
from explorer.ui.actions.common import Context, make_action
from explorer.ui.actions.mark_writes import MarkWrites, Write
from explorer.ui.events import Change
from explorer.ui.panes.document_panel import DocumentPanel
from explorer.ui.panes.reader import ReaderWidget


class NotesActions(QObject):
    def __init__(self, ctx: Context, documents: DocumentPanel, reader: ReaderWidget, menu_bar: QMenuBar) -> None:
        super().__init__(ctx.parent)
        self.ctx, self.reader = ctx, reader
        self.writes = MarkWrites(ctx, self._written)
        self.star_action = self._action("&Star Article", self._toggle_star, "Ctrl+D", checkable=True)
        self.add_tag_action = self._action("Add &Tag…", self.ask_add_tag, "Ctrl+T")
        self.remove_tag_action = self._action("&Remove Tag…", self.ask_remove_tag)
        self.note_action = self._action("&Note…", self.ask_note, "Ctrl+Shift+N")
        self.filter_tag_action = self._action("&Filter by Tag…", self.ask_filter_tag)
        self.starred_only_action = self._action("Show Starred &Only", self.set_starred_only, checkable=True)
        self.menu = menu = QMenu("&Article", ctx.parent)
        for action in (self.star_action, self.add_tag_action, self.remove_tag_action, self.note_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.filter_tag_action)
        menu.addAction(self.starred_only_action)
        menu_bar.addMenu(menu)
        # queued: the window shows the article first (its own slot is connected later)
        documents.article_selected.connect(self.show_marks, Qt.ConnectionType.QueuedConnection)
        ctx.state.changed.connect(lambda: self.starred_only_action.setChecked(ctx.state.starred))

    @property
    def tag(self) -> str | None:
        return self.ctx.state.tag

    def _action(self, text: str, slot, shortcut: str = "", *, checkable: bool = False) -> QAction:
        return make_action(self.ctx.parent, text, slot, [shortcut] if shortcut else [], checkable=checkable)

    def _article_id(self) -> int | None:
        article = self.reader.article
        return article.id if article is not None and self.ctx.session.db is not None else None

    # -- dialogs (replaced in tests)

    def ask_text(self, title: str, label: str, text: str = "", *, multiline: bool = False) -> str | None:
        ask = QInputDialog.getMultiLineText if multiline else QInputDialog.getText
        value, ok = ask(self.ctx.parent, title, label, text=text)
        return value if ok else None

    def ask_item(self, title: str, label: str, items: list[str]) -> str | None:
        value, ok = QInputDialog.getItem(self.ctx.parent, title, label, items, 0, True)
        return value.strip() if ok and value.strip() else None

    # -- marks on the open article

    def show_marks(self, _article_id: int | None = None) -> None:
        """The open article's star in the menu, its tags and note in the status bar."""
        article_id = self._article_id()
        marks = notes.article_notes(self.ctx.session.db, article_id) if article_id is not None else None
        self.star_action.setChecked(bool(marks and marks.starred))
        if marks and (marks.starred or marks.tags or marks.note):
            parts = ["★"] if marks.starred else []
            parts += [f"tags: {', '.join(marks.tags)}"] if marks.tags else []
            parts += [f"note: {marks.note}"] if marks.note else []
            self.ctx.status.showMessage(" · ".join(parts))

    def _save(self, write: Write, what: str) -> None:
        """Write a mark in the background, after any mark before it."""
        self.writes.write(write, what)

    def _written(self, error: str) -> None:
        """A mark written (announced) or not (said; the marks shown as the database holds them)."""
        if error:
            message_box.warn(self.ctx.parent, "Article", error)
        else:
            self.ctx.events.announce(Change.NOTES)
        if error or not self.writes.pending():
            self.show_marks()

    def _toggle_star(self, starred: bool) -> None:
        article_id = self._article_id()
        if article_id is not None:
            self._save(
                lambda db: notes.set_starred(db, article_id, starred),
                "Starring the article" if starred else "Unstarring the article",
            )

    def ask_add_tag(self) -> None:
        article_id = self._article_id()
        if article_id is None:
            return
        tag = self.ask_item("Add Tag", "Tag:", [t for t, _ in notes.all_tags(self.ctx.session.db)])
        if tag:
            self._save(lambda db: notes.add_tag(db, article_id, tag), "Tagging the article")

    def ask_remove_tag(self) -> None:
        article_id = self._article_id()
        tags = list(notes.article_notes(self.ctx.session.db, article_id).tags) if article_id is not None else []
        tag = self.ask_item("Remove Tag", "Tag:", tags) if tags else None
        if tag:
            self._save(lambda db: notes.remove_tag(db, article_id, tag), "Removing a tag")

    def ask_note(self) -> None:
        article_id = self._article_id()
        if article_id is None:
            return
        note = self.ask_text(
            "Note", "Note on this article:", notes.article_notes(self.ctx.session.db, article_id).note, multiline=True
        )
        if note is not None:
            self._save(lambda db: notes.set_note(db, article_id, note), "Saving the note")

    # -- the document filter

    def ask_filter_tag(self) -> None:
        if self.ctx.session.db is None:
            return
        tags = [t for t, _ in notes.all_tags(self.ctx.session.db)]
        tag = self.ask_item("Filter by Tag", "Show the articles tagged:", tags)
        if tag:
            self.ctx.state.set_tag(tag)

    def set_starred_only(self, on: bool) -> None:
        self.ctx.state.set_starred(on)
