"""Curation in the window: the entity panel's context menu, Edit ▸ Undo/Redo, Tools ▸ Re-extract All.

Every action goes through ``explorer.core.ops.curation`` (one transaction, one stored rule) in a
writing task (``ui/tasks.py``: its own connection, one writer at a time, the GUI thread never
waits) and, once written, is pushed on a ``QUndoStack`` with the ``Change`` it returned, so Ctrl+Z
writes back exactly the rows it replaced (in a task too). The stack is emptied when the database
changes under it (another database opened, an import or a re-extraction started): its snapshots
would no longer be exact.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QUndoCommand
from PySide6.QtWidgets import QInputDialog, QMenu, QMenuBar

from explorer.core.model import ENTITY_TYPES
from explorer.core.store.queries import EntityRow, entity
from explorer.ui import message_box
from explorer.ui.actions import curation_messages as words
from explorer.ui.actions.common import Context, make_action
from explorer.ui.actions.help import list_as
from explorer.ui.events import Change
from explorer.ui.panes.entity_panel import EntityPanel
from explorer.ui.rich_text import literal_html
from explorer.ui.tasks import Task, start_write
from explorer.ui.widgets.merge_dialog import MergeDialog, merge_survivor

if TYPE_CHECKING:
    import sqlite_utils

    from explorer.core.ops.curation import Change
    from explorer.core.ops.pipeline import ImportProgress
    from explorer.ui.actions.import_actions import ImportActions

Action = Callable[["sqlite_utils.Database"], "Change"]
Describe = Callable[["Change"], str]  # the change done, in words (explorer.ui.actions.curation_messages)
MESSAGE_MS = 15_000
UNDO_KEYS, REDO_KEYS = ("Ctrl+Z",), ("Ctrl+Shift+Z", "Ctrl+Y")


def key_text(keys: tuple[str, ...]) -> str:
    """The first of an action's keys as the platform writes it, as its menu shows it."""
    return QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)


def reextract_job(
    db_path: Path, article_ids: tuple[int, ...] | None = None
) -> Callable[[threading.Event], Iterator[ImportProgress]]:
    """Re-extract all (or these articles) as an import-worker job (its own connection, in the
    worker thread)."""

    def job(cancel: threading.Event) -> Iterator[ImportProgress]:
        from explorer.core.ops.reextract import ReextractOptions, reextract_all

        return reextract_all(db_path, ReextractOptions(cancel=cancel, article_ids=article_ids))

    return job


class CurationCommand(QUndoCommand):
    """One curation action; its first run happened before the push (so refusals never reach the
    stack). Redo and undo start their write in a task and return at once; the controller lets the
    stack move only while no other write runs, so each write starts from the state it expects."""

    def __init__(self, controller: CurationActions, action: Action, change: Change, message: str) -> None:
        super().__init__(change.description)
        self.controller, self.action, self.change, self.message = controller, action, change, message
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.controller.write(self.action, f"Redoing: {self.message}", self._redone)

    def _redone(self, change: Change | None, error: str) -> None:
        if error or change is None:  # e.g. an entity an earlier redo re-created under a new id, a full disk
            self.controller.lost(error or "Nothing was changed.")
            return
        self.change = change
        self.controller.changed(change)
        self.controller.say(words.redone(self.message, self.controller.undo_key()))

    def undo(self) -> None:
        from explorer.core.ops.curation import undo

        change = self.change
        self.controller.write(lambda db: undo(db, change), f"Undoing: {self.message}", self._undone)

    def _undone(self, _result: object, error: str) -> None:
        if error:  # the change stays; the stack is emptied rather than pretend
            self.controller.lost(f"{error} The change stays as it is.")
            return
        self.controller.changed(None)
        self.controller.say(words.undone(self.message, self.controller.redo_key()))


class CurationActions(QObject):
    """The curation actions of a window, its undo stack, and re-extraction."""

    def __init__(
        self, ctx: Context, entities: EntityPanel, imports: ImportActions, edit_menu: QMenu, menu_bar: QMenuBar
    ) -> None:
        super().__init__(ctx.parent)
        self.ctx, self.entities, self.imports = ctx, entities, imports
        self.undo_stack = stack = ctx.undo_stack
        # not the stack's own actions: a step is refused (in words) while another write runs
        self.undo_action = make_action(ctx.parent, "&Undo", self.undo, UNDO_KEYS)
        self.redo_action = make_action(ctx.parent, "&Redo", self.redo, REDO_KEYS)
        for action, can, text_changed, verb in (
            (self.undo_action, stack.canUndo(), stack.undoTextChanged, "&Undo"),
            (self.redo_action, stack.canRedo(), stack.redoTextChanged, "&Redo"),
        ):
            action.setEnabled(can)
            list_as(action, verb)
            text_changed.connect(lambda text, action=action, verb=verb: action.setText(f"{verb} {text}".strip()))
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.merge_action = self._action("&Merge…", self.merge, "Merge the selected entities into one")
        self.rename_action = self._action("&Rename…", self.rename, "Give the entity another name")
        self.type_menu = QMenu("Change &Type", ctx.parent)
        for entity_type in ENTITY_TYPES:
            self.type_menu.addAction(entity_type, lambda t=entity_type: self.retype(t))
        self.split_action = self._action("&Split Alias…", self.split, "Make one way of writing it an entity")
        self.hide_action = self._action("&Hide", self.hide, "Hide the entity from lists and counts")
        self.show_again_action = self._action(
            "Show A&gain", self.show_again, "Show a hidden entity again (the entity panel's Hidden lists them)"
        )
        self.add_action = self._action("&Add Entity…", self.add_entity, "Mark every occurrence of a name")
        self.reextract_action = self._action(
            "&Re-extract All", self.reextract, "Extract entities again with the current model and rules"
        )
        first = edit_menu.actions()[0]
        edit_menu.insertActions(first, [self.undo_action, self.redo_action])
        edit_menu.insertSeparator(first)
        self.curate_menu = QMenu("C&urate Entity", ctx.parent)
        self._fill(self.curate_menu)
        edit_menu.addSeparator()
        edit_menu.addMenu(self.curate_menu)
        tools_menu = menu_bar.addMenu("&Tools")
        tools_menu.addAction(self.reextract_action)
        view = entities.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._show_context_menu)

    def _action(self, text: str, slot, tip: str):
        return make_action(self.ctx.parent, text, slot, tip=tip)

    def _fill(self, menu: QMenu) -> None:
        for action in (self.merge_action, self.rename_action):
            menu.addAction(action)
        menu.addMenu(self.type_menu)
        for action in (self.split_action, self.hide_action, self.show_again_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.add_action)

    def context_menu(self) -> QMenu:
        menu = QMenu(self.entities.view)
        if self.entities.showing_hidden():  # the hidden entities listed: showing one again is all there is to do
            menu.addAction(self.show_again_action)
            self.show_again_action.setEnabled(bool(self.entities.chosen_hidden()))
            return menu
        self._fill(menu)
        self.show_again_action.setEnabled(True)
        chosen = len(self.ctx.state.selected)
        self.merge_action.setEnabled(chosen >= 2)
        for action in (self.rename_action, self.split_action, self.hide_action, self.type_menu.menuAction()):
            action.setEnabled(chosen >= 1)
        return menu

    def _show_context_menu(self, position) -> None:
        self.context_menu().exec(self.entities.view.viewport().mapToGlobal(position))

    # -- the dialogs (replaced in tests)

    def ask_item(self, title: str, label: str, items: list[str], *, editable: bool = False) -> str | None:
        text, ok = QInputDialog.getItem(self.ctx.parent, title, literal_html(label), items, 0, editable)
        return text.strip() if ok and text.strip() else None

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self.ctx.parent, title, literal_html(label), text=text)
        return value.strip() if ok and value.strip() else None

    def ask_merge(self, rows: list[EntityRow]) -> str | None:
        """The merged entity's name, from a dialog listing the entities with their counts."""
        dialog = MergeDialog(rows, self.ctx.parent)
        return dialog.name() if dialog.exec() else None

    def tell(self, message: str) -> None:
        message_box.inform(self.ctx.parent, "Curation", message)

    def say(self, message: str) -> None:
        """A change done or undone, in the status bar."""
        self.ctx.say(message, MESSAGE_MS)

    def undo_key(self) -> str:
        return key_text(UNDO_KEYS)

    def redo_key(self) -> str:
        return key_text(REDO_KEYS)

    # -- actions

    def undo(self) -> None:
        if self.undo_stack.canUndo() and not self.ctx.busy_writing():
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.undo_stack.canRedo() and not self.ctx.busy_writing():
            self.undo_stack.redo()

    def write(self, action: Action, what: str, on_done: Callable[[Change | None, str], None]) -> Task | None:
        """Run ``action`` as the one writer, on a connection of its own; the status bar says what
        is being written until it ends."""
        self.ctx.say(f"{what}…", 0)

        def ended(change: Change | None, error: str) -> None:
            self.ctx.status.clearMessage()
            on_done(change, error)

        return start_write(self.ctx.tasks, self.ctx.session.db, action, what, ended)

    def lost(self, message: str) -> None:
        """A redo or undo that could not write: said, and the stack emptied, since its place no
        longer matches the database."""
        self.undo_stack.clear()
        self.tell(message)

    def _run(self, action: Action, describe: Describe, what: str) -> Task | None:
        """Start ``action`` (the status bar says ``what``); when it has written, its change goes
        on the undo stack and is announced. A refusal is said and leaves the stack as it was."""
        if self.ctx.session.db is None or self.ctx.busy_writing():
            return None

        def ended(change: Change | None, error: str) -> None:
            if error or change is None:
                self.tell(error or "Nothing was changed.")
                return
            message = describe(change)
            self.undo_stack.push(CurationCommand(self, action, change, message))
            self.changed(change)
            self.say(words.done(message, self.undo_key()))

        return self.write(action, what, ended)

    def _result(self, change: Change) -> EntityRow | None:
        """The entity a change left to show, as it is now."""
        db = self.ctx.session.db
        return None if change.entity_id is None or db is None else entity(db, change.entity_id)

    def changed(self, change: Change | None) -> None:
        """Announce it (every pane re-reads, the chosen entities follow their names); the
        selection follows the surviving entity."""
        from explorer.core.store.curation_sql import visible_names

        self.ctx.events.announce(Change.ENTITIES | Change.MENTIONS | Change.ARTICLES)
        if change is not None and change.entity_id is not None:
            survivor = visible_names(self.ctx.session.db, [change.entity_id])
            if survivor:
                self.ctx.state.set_selection(survivor)

    def _last(self) -> tuple[int, str] | None:
        """The entity chosen last: the one single-entity actions act on."""
        return self.ctx.state.last_entity()

    def merge(self) -> Task | None:
        from explorer.core.ops import curation

        db = self.ctx.session.db
        if db is None:
            return None
        rows = [row for i in self.ctx.state.selected if (row := entity(db, i)) is not None]
        if len(rows) < 2:
            return None
        name = self.ask_merge(rows)
        if name is None:
            return None
        survivor = merge_survivor(rows, name).id
        ids = [row.id for row in rows]

        def describe(change: Change) -> str:
            result = self._result(change)
            return words.merged(len(ids), result.name if result else name, result.mentions if result else 0)

        return self._run(
            lambda db: curation.merge(db, ids, survivor, name), describe, f"Merging {len(ids)} entities into “{name}”"
        )

    def rename(self) -> Task | None:
        from explorer.core.ops import curation

        last = self._last()
        if last is None:
            return None
        name = self.ask_text("Rename Entity", f"New name for {last[1]}:", last[1])
        if name is None:
            return None
        return self._run(
            lambda db: curation.rename(db, last[0], name),
            lambda change: words.renamed(last[1], self._name_after(change, name)),
            f"Renaming “{last[1]}” to “{name}”",
        )

    def _name_after(self, change: Change, asked: str) -> str:
        result = self._result(change)
        return result.name if result else asked

    def retype(self, entity_type: str) -> Task | None:
        from explorer.core.ops import curation

        last = self._last()
        if last is None:
            return None
        return self._run(
            lambda db: curation.retype(db, last[0], entity_type),
            lambda _change: words.retyped(last[1], entity_type),
            f"Changing the type of “{last[1]}” to {entity_type}",
        )

    def split(self) -> Task | None:
        from explorer.core.extraction.name_drafts import normalize_name
        from explorer.core.ops import curation
        from explorer.core.store.detail import surface_forms

        last = self._last()
        if last is None:
            return None
        written = [f for f, _ in surface_forms(self.ctx.session.db, last[0])]
        forms = [f for f in written if normalize_name(f) != normalize_name(last[1])]
        if not forms:
            self.tell(
                f"{last[1]} has no other name to split off"
                + (
                    ": its forms differ only in case or spacing, and such names are one entity."
                    if len(written) > 1
                    else ": it is always written the same way."
                )
            )
            return None
        form = self.ask_item("Split Alias", f"Make this form of {last[1]} an entity of its own:", forms)
        if form is None:
            return None

        def describe(change: Change) -> str:
            result = self._result(change)
            return words.split_off(form, last[1], result.name if result else form, result.mentions if result else 0)

        return self._run(lambda db: curation.split(db, last[0], form), describe, f"Splitting “{form}” off “{last[1]}”")

    def hide(self) -> Task | None:
        from explorer.core.ops import curation

        last = self._last()
        db = self.ctx.session.db
        if last is None or db is None:
            return None
        before = entity(db, last[0])
        mentions = before.mentions if before else 0
        return self._run(
            lambda db: curation.hide(db, last[0]),
            lambda _change: words.hidden(last[1], mentions),
            f"Hiding “{last[1]}”",
        )

    def show_again(self) -> Task | None:
        """Show the hidden entity chosen in the panel's Hidden list again (the first, when several)."""
        from explorer.core.ops import curation

        db = self.ctx.session.db
        if db is None:
            return None
        chosen = self.entities.chosen_hidden()
        if not chosen:
            self.tell("Choose a hidden entity first: the entity panel's Hidden button lists them, with why.")
            return None
        entity_id, name = chosen[0]

        def describe(change: Change) -> str:
            result = self._result(change)
            return words.shown_again(name, result.mentions if result else 0)

        return self._run(lambda db: curation.show_again(db, entity_id), describe, f"Showing “{name}” again")

    def add_entity(self) -> Task | None:
        from explorer.core.ops import curation

        name = self.ask_text("Add Entity", "Name (every occurrence in every article becomes a mention):")
        if name is None:
            return None
        entity_type = self.ask_item("Add Entity", f"Type of {name}:", list(ENTITY_TYPES))
        if entity_type is None:
            return None

        def describe(change: Change) -> str:
            result = self._result(change)
            return words.added(
                result.name if result else name,
                entity_type,
                result.mentions if result else 0,
                result.articles if result else 0,
            )

        return self._run(lambda db: curation.add_entity(db, name, entity_type), describe, f"Adding “{name}”")

    def reextract(self) -> None:
        path = self.ctx.session.path
        if path is None or self.ctx.busy_writing():
            return
        self.imports.start_job(reextract_job(path), "Re-extracting", dialog=None, on_done=self._reextracted)

    def _reextracted(self, last: ImportProgress | None, error: str) -> None:
        """Say how it ended: it has no dialog of its own, and a failure must not pass unseen."""
        if error:
            message_box.warn(self.ctx.parent, "Re-extract All", error)
        elif last is not None:
            ended = "Re-extraction cancelled after" if last.cancelled else "Re-extracted"
            self.ctx.say(f"{ended} {last.imported:,} articles")
