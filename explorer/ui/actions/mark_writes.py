"""The marks on articles (star, tags, note) written off the GUI thread, in the order they were made.

A mark is written in a writing task (``tasks.start_write``), as curation is, so the GUI thread
never waits on SQLite's lock while a long curation or deletion writes. Unlike curation a mark is
never refused for that: it waits in a queue until the writer before it has ended. Marks are
written one at a time, first in first out, so a star then an unstar leaves the article unstarred.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from explorer.ui.actions.common import Context
from explorer.ui.tasks import Task, start_write

Write = Callable[[Any], None]  # the mark written on a connection of the task's own


class MarkWrites(QObject):
    """A queue of mark writes; ``written(error)`` is called on the GUI thread after each."""

    def __init__(self, ctx: Context, written: Callable[[str], None]) -> None:
        super().__init__(ctx.parent)
        self.ctx, self._written = ctx, written
        self._queue: deque[tuple[Any, Write, str]] = deque()
        self._running = False
        self._waiting_on: Task | None = None  # another writer this queue waits for

    def write(self, write: Write, what: str) -> None:
        """Write ``write`` after every mark before it (``what``: what it writes, in words)."""
        self._queue.append((self.ctx.session.db, write, what))
        self._next()

    def pending(self) -> bool:
        """A mark is queued or being written."""
        return self._running or bool(self._queue)

    def _next(self) -> None:
        tasks = self.ctx.tasks
        if self._running or not self._queue:
            return
        if tasks.writing():
            if self._waiting_on is not tasks.writer:
                self._waiting_on = tasks.writer
                tasks.writer.finished.connect(self._other_ended)
            return
        db, write, what = self._queue.popleft()
        if db is not self.ctx.session.db:  # made on a library closed since: it has nothing to mark
            self._next()
            return
        self._running = True
        start_write(tasks, db, write, what, self._ended)

    def _other_ended(self, *_end: object) -> None:
        self._waiting_on = None
        self._next()

    def _ended(self, _result: object, error: str) -> None:
        self._running = False
        self._written(error)
        self._next()
