"""What a write changed, announced once, so no writer has to know which panes show the data.

Every write (an import batch, curation and its undo and redo, deletion, notes, re-extraction,
the gazetteer, Set Date) calls ``ChangeEvents.announce`` with the kinds of rows it touched. A
pane subscribes through ``follow``: it is marked stale when a change it shows arrives, and
refreshed at once when it is visible, else the next time it is shown.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget


class Change(enum.Flag):
    ARTICLES = enum.auto()  # articles added, deleted or re-dated
    ENTITIES = enum.auto()  # entities renamed, merged, retyped, hidden, added
    MENTIONS = enum.auto()  # mentions added, moved or removed (counts, timelines, the network)
    NOTES = enum.auto()  # stars, tags, notes
    EVERYTHING = ARTICLES | ENTITIES | MENTIONS | NOTES


class ChangeEvents(QObject):
    """The one channel writes announce on; ``changed`` carries a ``Change``."""

    changed = Signal(object)

    def announce(self, what: Change) -> None:
        self.changed.emit(what)


class StaleFollower(QObject):
    """Keeps one pane current: stale on a change it shows, refreshed when it is (or becomes) visible."""

    def __init__(self, pane: QWidget, refresh: Callable[[], None], shows: Change, events: ChangeEvents) -> None:
        super().__init__(pane)
        self.pane, self._refresh, self.shows = pane, refresh, shows
        self.stale = False
        events.changed.connect(self._on_change)
        pane.installEventFilter(self)

    def _on_change(self, what: Change) -> None:
        if what & self.shows:
            self.mark_stale()

    def mark_stale(self) -> None:
        self.stale = True
        if self.pane.isVisible():
            self.refresh_now()

    def refresh_now(self) -> None:
        self.stale = False
        self._refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.pane and event.type() == QEvent.Type.Show and self.stale:
            self.refresh_now()
        return False


def follow(pane: QWidget, refresh: Callable[[], None], shows: Change, events: ChangeEvents) -> StaleFollower:
    """Subscribe ``pane`` to the changes it ``shows``; ``refresh`` re-reads it."""
    return StaleFollower(pane, refresh, shows, events)
