"""The window's top-level handler: an error no slot caught is shown in one sentence and the
window keeps running.

Python calls ``sys.excepthook`` for an exception escaping a Qt slot or event handler, and
``threading.excepthook`` for one ending a thread. Both land here: the traceback goes to the log
(``explorer.core.safety.problems``) and a plain-text box says what happened, once the failing slot has
returned (a queued signal, so that a box never opens inside half-finished work or off the GUI
thread).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from explorer.ui import message_box


class ErrorReporter(QObject):
    report = Signal(str)

    def __init__(
        self, parent_of: Callable[[], QWidget | None], db_path_of: Callable[[], Path | None], title: str
    ) -> None:
        super().__init__()
        self._parent_of, self._db_path_of, self._title = parent_of, db_path_of, title
        self._showing = False
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def handle(self, exc_type, exc: BaseException | None, tb) -> None:
        """An exception nobody caught: into words (and the log), then a box on the GUI thread."""
        if exc is None or issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
            sys.__excepthook__(exc_type, exc, tb)
            return
        from explorer.core.safety.problems import in_words

        self.report.emit(in_words(exc.with_traceback(tb), self._db_path_of(), context="window"))

    def _show(self, text: str) -> None:
        if self._showing:  # one box at a time; a burst of the same failure is in the log
            return
        self._showing = True
        try:
            message_box.warn(self._parent_of(), self._title, text)
        finally:
            self._showing = False

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)
