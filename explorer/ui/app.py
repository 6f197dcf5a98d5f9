"""Starting the desktop application: ``knowledge-explorer`` without a command lands here."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from explorer import __version__
from explorer.core import settings as core_settings
from explorer.ui.widgets.first_paint import after_first_paint, probe_requested, report_first_paint

ORGANISATION = "knowledge-explorer"
APPLICATION = "Knowledge Explorer"


def application() -> QApplication:
    """The running QApplication, created with the names QSettings files itself under."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(ORGANISATION)
    return app


def start_database(settings: QSettings, db_path: Path | None) -> Path:
    """``--db FILE`` if given, else the database used last, else the user's default one."""
    if db_path is not None:
        return Path(db_path)
    last = settings.value("database/last", "")
    if last and Path(str(last)).exists():
        return Path(str(last))
    return core_settings.default_db_path()


def run(db_path: Path | None = None, demo: bool = False) -> int:
    """Show the main window on ``db_path`` (or the demo database) and run until it closes."""
    from explorer.ui.main_window import MainWindow

    app = application()
    window = MainWindow(QSettings())
    window.errors.install()
    if probe_requested():
        after_first_paint(window, report_first_paint)
    elif demo:
        after_first_paint(window, window.imports.open_demo)
    else:
        path = start_database(window.settings, db_path)
        after_first_paint(window, lambda: window.open_database(path))  # on screen first, then read
    window.show()
    code = app.exec()
    close_for_good(window)
    return code


def close_for_good(window: QWidget) -> None:
    """Delete the window and its charts now, while Python is whole: left to the interpreter's exit,
    PySide freed pyqtgraph's items after Python had begun to go, and the program crashed on quitting."""
    import shiboken6

    if shiboken6.isValid(window):
        shiboken6.delete(window)
