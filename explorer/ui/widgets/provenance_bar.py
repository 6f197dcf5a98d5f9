"""Under the reader's title: where a document came from ("PDF, 12 pages · title from PDF
information"), "Attachment of “Weekly report”" (a link to the message), and Open Original,
which hands the file (or the archive or mailbox holding it) to the system's viewer."""

from __future__ import annotations

import os

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from explorer.core.safety.visible import visible
from explorer.core.store.provenance import original_file
from explorer.core.store.rows import ArticleView


class ProvenanceBar(QWidget):
    """Hidden for plain text with nothing to open; each part shown only when it applies."""

    article_requested = Signal(int)  # the message an attachment came with

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.origin_label = QLabel()
        self.parent_button = QPushButton()
        self.parent_button.setFlat(True)
        self.parent_button.setStyleSheet("text-align: left; text-decoration: underline;")
        self.parent_button.clicked.connect(self._open_parent)
        self.open_button = QPushButton("Open Original")
        self.open_button.clicked.connect(self.open_original)
        self.parent_id: int | None = None
        self.original: str | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.origin_label)
        layout.addWidget(self.parent_button)
        layout.addStretch(1)
        layout.addWidget(self.open_button)

    def show_for(self, view: ArticleView | None) -> None:
        found = view.provenance if view is not None else None
        self.original = original_file(view.path, found.original_path if found else None) if view else None
        self.parent_id = found.parent_id if found else None
        described = found.describe() if found and found.format != "text" else ""
        self.origin_label.setText(visible(described))
        self.origin_label.setVisible(bool(described))
        self.parent_button.setText(f"Attachment of “{visible(found.parent_title or '')}”" if self.parent_id else "")
        self.parent_button.setVisible(self.parent_id is not None)
        self.open_button.setVisible(self.original is not None)
        self.open_button.setToolTip(f"Open {visible(self.original or '')} with the system's viewer")
        self.setVisible(bool(described) or self.parent_id is not None or self.original is not None)

    def _open_parent(self) -> None:
        if self.parent_id is not None:
            self.article_requested.emit(self.parent_id)

    def open_original(self) -> bool:
        """Hand the file to the system's viewer; False when it is gone since it was shown."""
        if self.original is None or not os.path.isfile(self.original):
            self.open_button.setVisible(False)
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(self.original))
