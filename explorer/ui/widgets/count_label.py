"""The status bar's count: every article, how many match the filter, or that none can."""

from __future__ import annotations

import sqlite_utils
from PySide6.QtWidgets import QLabel

from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.queries import count_documents, count_matches
from explorer.ui.state import FilterState


class CountLabel(QLabel):
    def show_counts(self, db: sqlite_utils.Database | None, state: FilterState) -> int:
        """Say the counts; returns how many articles are stored (0 without a database)."""
        if db is None:
            self.setText("")
            return 0
        total, flt = count_documents(db), state.document_filter()
        if state.matches_nothing:
            self.setText(f"no articles listed of {total:,}: the search cannot run")
        elif flt == DocumentFilter():
            self.setText(f"{total:,} article{'s' if total != 1 else ''}")
        else:
            self.setText(f"{count_matches(db, flt)} of {total:,} articles match")
        return total
