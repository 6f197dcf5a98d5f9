"""Doing something once a window has been painted for the first time.

The window should be on screen before anything slow runs: the database is opened and read only
after the first paint (``app.run``). ``benchmarks/startup.py`` times the first paint of the app
and of a bare window the same way, through ``after_first_paint``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

# Set, the app prints PROBE_MARK and the heavy modules loaded at its first paint, then quits.
PROBE_ENV = "KNOWLEDGE_EXPLORER_STARTUP_PROBE"
PROBE_MARK = "first paint"
HEAVY_MODULES = ("sqlite_utils", "pandas", "pyqtgraph", "spacy", "networkx", "numpy")


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # once this paint is done and on screen
        return False


def after_first_paint(widget: QWidget, then: Callable[[], object]) -> None:
    """Call ``then`` (once) right after ``widget``'s first paint event."""
    _FirstPaint(widget, then)


def probe_requested() -> bool:
    return bool(os.environ.get(PROBE_ENV))


def report_first_paint() -> None:
    """Print the probe's line (mark, then the heavy modules already imported, as JSON) and quit."""
    loaded = [name for name in HEAVY_MODULES if name in sys.modules]
    print(PROBE_MARK, json.dumps(loaded), flush=True)
    QApplication.quit()
