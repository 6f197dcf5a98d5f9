"""The status bar's count: every article, how many match the filter, or that none can.

The number of articles stored is a summary, read at once. How many match a filter can take a
tenth of a second at a million articles (``count_matches``), and the window asks for it after
every filter change and every write, so it is read in a reading task (``ui/tasks.py``): the
label says it is counting until the count arrives, and a newer request cancels an older one and
drops its result, so a stale count never replaces a newer one.
"""

from __future__ import annotations

import sqlite_utils
from PySide6.QtWidgets import QLabel, QWidget

from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.queries import MatchCount, count_documents, count_matches
from explorer.ui.state import FilterState
from explorer.ui.tasks import Task, Tasks, start_read


class CountLabel(QLabel):
    def __init__(self, tasks: Tasks | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks if tasks is not None else Tasks(self)
        self._reading: Task | None = None
        self._generation = 0  # of the last request: the count of an older one is dropped

    def show_counts(self, db: sqlite_utils.Database | None, state: FilterState) -> int:
        """Say the counts (the matches when read); returns how many articles are stored (0
        without a database)."""
        self._generation += 1
        if self._reading is not None and self._reading.running:
            self._reading.cancel()
        self._reading = None
        if db is None:
            self.setText("")
            return 0
        total, flt = count_documents(db), state.document_filter()
        if state.matches_nothing:
            self.setText(f"no articles listed of {total:,}: the search cannot run")
        elif flt == DocumentFilter():
            self.setText(f"{total:,} article{'s' if total != 1 else ''}")
        else:
            self.setText(f"counting the matches of {total:,} articles…")
            generation = self._generation
            self._reading = start_read(
                self.tasks,
                db,
                lambda own: count_matches(own, flt),
                lambda n, error: self._counted(generation, total, n, error),
            )
        return total

    def counting(self) -> bool:
        """A count is being read in the background."""
        return self._reading is not None and self._reading.running

    def _counted(self, generation: int, total: int, n: MatchCount | None, error: str) -> None:
        if generation != self._generation:
            return  # superseded by a newer request
        self._reading = None
        if error:
            self.setText(f"the matches could not be counted: {error}")
        elif n is not None:
            self.setText(f"{n} of {total:,} articles match")
