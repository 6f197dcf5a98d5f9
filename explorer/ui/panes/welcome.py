"""What an empty database shows instead of empty panes: how to get articles in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

INTRO = (
    "Import news articles saved as text files. Every person, organisation, place, group and date "
    "they mention is found and highlighted; search the articles, filter them by entity and see "
    "how often each entity appears over time."
)


class WelcomePanel(QWidget):
    import_files = Signal()
    import_folder = Signal()
    open_demo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Knowledge Explorer")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.database_label = QLabel()
        self.database_label.setTextFormat(Qt.TextFormat.PlainText)
        self.database_label.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, signal in (
            ("files", "Import files…", self.import_files),
            ("folder", "Import folder…", self.import_folder),
            ("demo", "Open demo", self.open_demo),
        ):
            button = QPushButton(text)
            button.setMinimumHeight(36)
            button.clicked.connect(signal)
            row.addWidget(button)
            self.buttons[key] = button
        self.buttons["demo"].setToolTip("A separate database of the 249 State of the Union addresses, 1790–2026")
        hint = QLabel("You can also drop files or folders on this window.")
        hint.setEnabled(False)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(12)
        column.addLayout(row)
        column.addWidget(hint)
        column.addSpacing(12)
        column.addWidget(self.database_label)
        box = QWidget()
        box.setMinimumWidth(480)
        box.setMaximumWidth(620)
        box.setLayout(column)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(box)
        centre.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(2)

    def set_database_text(self, text: str) -> None:
        self.database_label.setText(text)
