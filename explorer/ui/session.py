"""The open database: opening (with the read-only fallback), the recent files, closing.

One ``Session`` per window. ``opened`` is emitted after a database replaced the previous one;
the window then points every pane at ``session.db``. Messages go to ``parent``'s message boxes.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from explorer.core.store import ReadOnlyStoreError, StoreError, open_store
from explorer.core.store.schema import not_a_file_name
from explorer.ui import message_box

APP_TITLE = "Knowledge Explorer"
MAX_RECENT = 8


class Session(QObject):
    opened = Signal()

    def __init__(self, settings: QSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self.settings, self.parent_widget = settings, parent
        self.db: sqlite_utils.Database | None = None
        self.path: Path | None = None

    def open(self, path: Path) -> bool:
        """Open (creating if needed) the database at ``path``; on failure keep the current one."""
        problem = not_a_file_name(str(path))
        if problem:
            message_box.warn(self.parent_widget, APP_TITLE, problem)
            return False
        path = Path(path).expanduser()
        try:
            db = open_store(path)
        except ReadOnlyStoreError as exc:
            db = self._open_for_reading(path, exc)
        except StoreError as exc:
            message_box.warn(self.parent_widget, APP_TITLE, str(exc))
            return False
        if db is None:
            return False
        self.close()
        self.db, self.path = db, path
        self._remember(path)
        self.opened.emit()
        return True

    def _open_for_reading(self, path: Path, error: ReadOnlyStoreError) -> sqlite_utils.Database | None:
        """A database that cannot be written here still opens to be read; imports into it will fail."""
        try:
            db = open_store(path, readonly=True)
        except StoreError as exc:
            message_box.warn(self.parent_widget, APP_TITLE, str(exc))
            return None
        message_box.inform(self.parent_widget, APP_TITLE, f"{error} Importing into it is not possible.")
        return db

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    # -- recent files

    def recent(self) -> list[str]:
        value = self.settings.value("database/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def forget_recent(self) -> None:
        self.settings.setValue("database/recent", [])

    def _remember(self, path: Path) -> None:
        recent = [str(path)] + [p for p in self.recent() if p != str(path)]
        self.settings.setValue("database/recent", recent[:MAX_RECENT])
        self.settings.setValue("database/last", str(path))
