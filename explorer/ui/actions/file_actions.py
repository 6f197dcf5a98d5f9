"""File ▸ New Database…, Open Database…, Open Recent, Back Up Database…, Import Gazetteer….

The ``ask_*`` methods are the file dialogs (tests replace them).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMenu

from explorer.core.extraction.user_gazetteer import GazetteerError
from explorer.core.ops.backup import backup_database
from explorer.core.safety.safe_write import WriteError, check_not_database, check_target
from explorer.core.store.saved_gazetteer import import_gazetteer
from explorer.ui import message_box
from explorer.ui.actions.common import Context
from explorer.ui.rich_text import literal_mnemonic
from explorer.ui.session import APP_TITLE
from explorer.ui.tasks import call_job
from explorer.ui.widgets import file_dialogs

GAZETTEER_FILTER = "Gazetteer: name,type (*.csv *.txt);;All files (*)"
DATABASE_FILTER = "Knowledge Explorer databases (*.db *.sqlite *.sqlite3);;All files (*)"


class FileActions(QObject):
    def __init__(self, ctx: Context, recent_menu: QMenu, dialog_options: Callable[[], QFileDialog.Option]) -> None:
        super().__init__(ctx.parent)
        self.ctx, self.recent_menu, self.dialog_options = ctx, recent_menu, dialog_options
        recent_menu.aboutToShow.connect(self.fill_recent_menu)

    def open_database(self, path: Path) -> bool:
        """Open another database unless a background job writes the current one."""
        return not self.ctx.busy_writing() and self.ctx.session.open(path)

    def fill_recent_menu(self) -> None:
        menu, session = self.recent_menu, self.ctx.session
        menu.clear()
        recent = session.recent()
        for path in recent:
            action = menu.addAction(literal_mnemonic(path))
            action.setEnabled(Path(path).exists())
            action.triggered.connect(lambda _=False, path=path: self.open_database(Path(path)))
        if not recent:
            menu.addAction("No recent databases").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear Menu", session.forget_recent)

    def ask_database_path(self, *, new: bool) -> Path | None:
        parent, settings = self.ctx.parent, self.ctx.session.settings
        if new:
            return file_dialogs.save_file(
                parent, settings, "database", "New Database", "library.db", DATABASE_FILTER, self.dialog_options()
            )[0]
        return file_dialogs.open_file(
            parent, settings, "database", "Open Database", DATABASE_FILTER, self.dialog_options()
        )

    def new_database(self) -> None:
        path = self.ask_database_path(new=True)
        if path is None:
            return
        if self.ctx.session.path is not None:
            try:  # SQLite would happily start a database in the open one's empty -wal file
                check_not_database(path, self.ctx.session.path)
            except WriteError as exc:
                message_box.warn(self.ctx.parent, APP_TITLE, f"Cannot create {path}: {exc}.")
                return
        self.open_database(path)

    def open_database_dialog(self) -> None:
        path = self.ask_database_path(new=False)
        if path is not None:
            self.open_database(path)

    def ask_backup_path(self, database: Path) -> Path | None:
        name = f"{database.stem}-backup{database.suffix or '.db'}"
        return file_dialogs.save_file(
            self.ctx.parent,
            self.ctx.session.settings,
            "backup",
            "Back Up Database",
            name,
            DATABASE_FILTER,
            self.dialog_options(),
        )[0]

    def back_up_database(self) -> bool:
        """Copy the open database with SQLite's backup API and check the copy, in the background
        (safe while an import writes); a refused target is said at once. True when started."""
        source = self.ctx.session.path
        if source is None:
            message_box.inform(self.ctx.parent, APP_TITLE, "Open a database first.")
            return False
        target = self.ask_backup_path(source)
        if target is None:
            return False
        try:
            check_target(target, source, replace_database=True)
        except WriteError as exc:
            message_box.warn(self.ctx.parent, APP_TITLE, f"Cannot back up to {target}: {exc}.")
            return False
        self.ctx.say(f"Backing up to {target}…", 0)
        self.ctx.tasks.start(
            call_job(lambda: backup_database(source, target)),
            writes=False,
            on_done=lambda _last, error: self._ended(error, f"Backed up to {target}"),
        )
        return True

    def _ended(self, error: str, done: str) -> None:
        if error:
            self.ctx.status.clearMessage()
            message_box.warn(self.ctx.parent, APP_TITLE, error)
        else:
            self.ctx.say(done)

    def ask_gazetteer_path(self) -> Path | None:
        return file_dialogs.open_file(
            self.ctx.parent,
            self.ctx.session.settings,
            "gazetteer",
            "Import Gazetteer",
            GAZETTEER_FILTER,
            self.dialog_options(),
        )

    def import_gazetteer(self) -> bool:
        """Store a name,type CSV in the open database (in the background; one writer at a time);
        every later import labels those names. True when started."""
        if self.ctx.session.path is None:
            message_box.inform(self.ctx.parent, APP_TITLE, "Open a database first.")
            return False
        path = self.ask_gazetteer_path()
        if path is None or self.ctx.busy_writing():
            return False
        self.ctx.tasks.start(
            call_job(lambda: _gazetteer(self.ctx.session.path, path)),
            writes=True,
            on_done=lambda count, error: self._ended(error, f"Stored {count} gazetteer names; later imports use them"),
        )
        return True


def _gazetteer(db_path: Path, path: Path) -> int:
    """The gazetteer stored (in a worker thread); a refusal names the file."""
    try:
        return import_gazetteer(db_path, path)
    except GazetteerError as exc:
        raise GazetteerError(f"{path.name}: {exc}") from exc
