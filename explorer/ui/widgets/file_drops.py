"""Files dropped anywhere on the window import; so no pane but a text field takes drops itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class FileDrops(QObject):
    """The window's ``dragEnterEvent`` and ``dropEvent`` hand their events here."""

    def __init__(self, window: QWidget, import_paths: Callable[[list[Path]], object]) -> None:
        super().__init__(window)
        self.import_paths = import_paths
        window.setAcceptDrops(True)
        for widget in window.findChildren(QWidget):
            if widget.acceptDrops() and not isinstance(widget, QLineEdit):
                widget.setAcceptDrops(False)

    def enter(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)
