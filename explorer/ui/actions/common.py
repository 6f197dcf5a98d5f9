"""What every action module is given, and the one helper that makes a menu action.

Actions receive a ``Context`` (the filter state, the session, the background tasks, the change
events, the undo stack and the status bar) and the panes they act on — never the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QStatusBar, QWidget

from explorer.ui import message_box
from explorer.ui.events import ChangeEvents
from explorer.ui.session import APP_TITLE, Session
from explorer.ui.state import FilterState
from explorer.ui.tasks import Tasks

BUSY = "An import is running. Wait for it to finish or cancel it first."


@dataclass
class Context:
    state: FilterState
    session: Session
    tasks: Tasks
    events: ChangeEvents
    undo_stack: QUndoStack
    status: QStatusBar

    @property
    def parent(self) -> QWidget:
        """The widget dialogs and message boxes belong to."""
        return self.status.window()

    def say(self, message: str, ms: int = 10_000) -> None:
        self.status.showMessage(message, ms)

    def busy_writing(self) -> bool:
        """One writer at a time: True (and said) while a background job writes the database."""
        writer = self.tasks.writer
        if writer is not None and writer.running:
            busy = f"{writer.what} is being written. Try again when it is done." if writer.what else BUSY
            message_box.inform(self.parent, APP_TITLE, busy)
            return True
        return False


def make_action(
    parent: QWidget,
    text: str,
    slot: Callable,
    shortcuts: Sequence[QKeySequence | str] = (),
    tip: str = "",
    *,
    checkable: bool = False,
) -> QAction:
    """A menu action whose shortcuts work anywhere in ``parent``'s window."""
    action = QAction(text, parent)
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    if tip:
        action.setStatusTip(tip)
    parent.addAction(action)
    return action


def add_item(menu: QMenu, item: QAction | QMenu | None) -> None:
    """A menu entry: an action, a submenu, or a separator (None)."""
    if item is None:
        menu.addSeparator()
    elif isinstance(item, QMenu):
        menu.addMenu(item)
    else:
        menu.addAction(item)
