"""The Article menu: star, tag and annotate the open article; filter the list by tag or star.

The marks live in the database (``explorer.core.store.notes``); the window's document filter
asks this controller for the chosen tag and the starred-only switch, and shows them as chips.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu

from explorer.core.store import StoreError, notes
from explorer.ui import message_box

if TYPE_CHECKING:
    from explorer.ui.main_window import MainWindow


class NotesActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tag: str | None = None
        self.starred_only = False
        self.star_action = self._action("&Star Article", self._toggle_star, "Ctrl+D", checkable=True)
        self.add_tag_action = self._action("Add &Tag…", self.ask_add_tag, "Ctrl+T")
        self.remove_tag_action = self._action("&Remove Tag…", self.ask_remove_tag)
        self.note_action = self._action("&Note…", self.ask_note, "Ctrl+Shift+N")
        self.filter_tag_action = self._action("&Filter by Tag…", self.ask_filter_tag)
        self.starred_only_action = self._action(
            "Show Starred &Only", self.set_starred_only, checkable=True)
        self.menu = menu = QMenu("&Article", window)
        for action in (self.star_action, self.add_tag_action, self.remove_tag_action, self.note_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.filter_tag_action)
        menu.addAction(self.starred_only_action)
        window.menuBar().addMenu(menu)
        # queued: the window shows the article first (its own slot is connected later)
        window.documents.article_selected.connect(self.show_marks, Qt.ConnectionType.QueuedConnection)

    def _action(self, text: str, slot, shortcut: str = "", *, checkable: bool = False) -> QAction:
        action = QAction(text, self.window)
        action.setCheckable(checkable)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _article_id(self) -> int | None:
        article = self.window.reader.article
        return article.id if article is not None and self.window.db is not None else None

    # -- dialogs (replaced in tests)

    def ask_text(self, title: str, label: str, text: str = "", *, multiline: bool = False) -> str | None:
        ask = QInputDialog.getMultiLineText if multiline else QInputDialog.getText
        value, ok = ask(self.window, title, label, text=text)
        return value if ok else None

    def ask_item(self, title: str, label: str, items: list[str]) -> str | None:
        value, ok = QInputDialog.getItem(self.window, title, label, items, 0, True)
        return value.strip() if ok and value.strip() else None

    # -- marks on the open article

    def show_marks(self, _article_id: int | None = None) -> None:
        """The open article's star in the menu, its tags and note in the status bar."""
        article_id = self._article_id()
        marks = notes.article_notes(self.window.db, article_id) if article_id is not None else None
        self.star_action.setChecked(bool(marks and marks.starred))
        if marks and (marks.starred or marks.tags or marks.note):
            parts = ["★"] if marks.starred else []
            parts += [f"tags: {', '.join(marks.tags)}"] if marks.tags else []
            parts += [f"note: {marks.note}"] if marks.note else []
            self.window.statusBar().showMessage(" · ".join(parts))

    def _save(self, write: Callable[[], None]) -> None:
        """Write a mark; when the database cannot be written, say so and show the marks it holds."""
        try:
            write()
        except StoreError as exc:
            message_box.warn(self.window, "Article", str(exc))
            self.show_marks()
            return
        self._changed()

    def _toggle_star(self, starred: bool) -> None:
        article_id = self._article_id()
        if article_id is not None:
            self._save(lambda: notes.set_starred(self.window.db, article_id, starred))

    def ask_add_tag(self) -> None:
        article_id = self._article_id()
        if article_id is None:
            return
        tag = self.ask_item("Add Tag", "Tag:", [t for t, _ in notes.all_tags(self.window.db)])
        if tag:
            self._save(lambda: notes.add_tag(self.window.db, article_id, tag))

    def ask_remove_tag(self) -> None:
        article_id = self._article_id()
        tags = list(notes.article_notes(self.window.db, article_id).tags) if article_id is not None else []
        tag = self.ask_item("Remove Tag", "Tag:", tags) if tags else None
        if tag:
            self._save(lambda: notes.remove_tag(self.window.db, article_id, tag))

    def ask_note(self) -> None:
        article_id = self._article_id()
        if article_id is None:
            return
        note = self.ask_text("Note", "Note on this article:", notes.article_notes(self.window.db, article_id).note,
                             multiline=True)
        if note is not None:
            self._save(lambda: notes.set_note(self.window.db, article_id, note))

    def _changed(self) -> None:
        self.show_marks()
        if self.tag or self.starred_only:
            self.window.apply_filter()
        else:
            self.window.documents.model.refresh_notes(self._article_id())

    # -- the document filter

    def ask_filter_tag(self) -> None:
        if self.window.db is None:
            return
        tags = [t for t, _ in notes.all_tags(self.window.db)]
        tag = self.ask_item("Filter by Tag", "Show the articles tagged:", tags)
        if tag:
            self.tag = tag
            self.window.apply_filter()

    def set_starred_only(self, on: bool) -> None:
        self.starred_only = on
        self.window.apply_filter()

    def chips(self) -> list[tuple[tuple, str, str]]:
        chips = [(("tag", self.tag), f"#{self.tag}", "Articles tagged so")] if self.tag else []
        return chips + ([(("starred", None), "★ starred", "Starred articles")] if self.starred_only else [])

    def clear(self, kind: str | None = None) -> None:
        """Drop the tag filter, the starred-only switch, or (no kind) both."""
        if kind in (None, "tag"):
            self.tag = None
        if kind in (None, "starred"):
            self.starred_only = False
            self.starred_only_action.setChecked(False)
