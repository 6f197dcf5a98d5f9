"""Ctrl+F within the open article: every match marked, the current one selected and scrolled to."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QToolButton, QWidget

from explorer.ui.entity_style import find_format

MAX_MATCHES = 2000


class FindBar(QWidget):
    """Finds text in ``editor``, case-insensitively; Enter and Shift+Enter step, Esc closes."""

    closed = Signal()

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.matches: list[QTextCursor] = []
        self.current = -1
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in article")
        self.field.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setMinimumWidth(70)
        previous_button = self._button("‹", "Previous match (Shift+Enter)", self.find_previous)
        next_button = self._button("›", "Next match (Enter)", self.find_next)
        close_button = self._button("✕", "Close (Esc)", self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count_label)
        for button in (previous_button, next_button, close_button):
            layout.addWidget(button)
        self.field.textChanged.connect(self.search)
        self.field.returnPressed.connect(self.find_next)
        QShortcut(
            QKeySequence("Shift+Return"), self.field, self.find_previous, context=Qt.ShortcutContext.WidgetShortcut
        )
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape), self, self.close_bar, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.hide()

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.search(self.field.text())

    def close_bar(self) -> None:
        self.hide()
        self.matches, self.current = [], -1
        self.editor.setExtraSelections([])
        self.editor.setFocus()
        self.closed.emit()

    def search(self, text: str) -> None:
        """Find every match of ``text`` from the top of the document."""
        self.matches = []
        document = self.editor.document()
        if text:
            cursor = QTextCursor(document)
            while len(self.matches) < MAX_MATCHES:
                cursor = document.find(text, cursor, QTextDocument.FindFlag(0))
                if cursor.isNull():
                    break
                self.matches.append(QTextCursor(cursor))
        self.current = 0 if self.matches else -1
        self._show_current()

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.matches:
            return
        self.current = (self.current + delta) % len(self.matches)
        self._show_current()

    def _show_current(self) -> None:
        selections = []
        for index, cursor in enumerate(self.matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            if index == self.current:
                fmt = find_format()
                fmt.setBackground(self.palette().color(QPalette.ColorRole.Highlight))
                fmt.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
                selection.format = fmt
            else:
                selection.format = find_format()
            selections.append(selection)
        self.editor.setExtraSelections(selections)
        if self.current >= 0:
            position = QTextCursor(self.matches[self.current])
            position.setPosition(position.selectionStart())
            self.editor.setTextCursor(position)
            self.editor.ensureCursorVisible()
        text = self.field.text()
        if not text:
            self.count_label.setText("")
        elif not self.matches:
            self.count_label.setText("no match")
        else:
            more = "+" if len(self.matches) >= MAX_MATCHES else ""
            self.count_label.setText(f"{self.current + 1} of {len(self.matches)}{more}")
