"""The import's progress in the status bar, visible while the dialog is hidden or absent (demo):
how many articles are stored (what the list shows) and the time left."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from explorer.ui.widgets.import_dialog import format_time_left

if TYPE_CHECKING:
    from explorer.core.ops.pipeline import ImportProgress


class ImportStatus(QWidget):
    show_details = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.details_button = QToolButton()
        self.details_button.setText("Details")
        self.details_button.setAutoRaise(True)
        self.details_button.clicked.connect(self.show_details)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.bar, self.details_button, self.cancel_button):
            layout.addWidget(widget)
        self.hide()

    def start(self, what: str, *, details: bool) -> None:
        self.what = what
        self.label.setText(f"{what}…")
        self.bar.setRange(0, 0)
        self.details_button.setVisible(details)
        self.cancel_button.setEnabled(True)
        self.show()

    def update_progress(self, progress: ImportProgress) -> None:
        if progress.total:
            self.bar.setRange(0, progress.total)
            self.bar.setValue(progress.done)
        left = format_time_left(progress.remaining_seconds)
        self.label.setText(
            f"{self.what}: {progress.done:,} of {progress.total:,} read, "
            f"{progress.imported:,} stored" + (f", {left}" if left else "")
        )

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(f"{self.what}: cancelling…")
