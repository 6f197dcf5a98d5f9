"""Two versions of a story side by side in one text: what the second removed, struck through in
red, and what it added, underlined in green (``core/analysis/word_diff``)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from explorer.core.analysis.word_diff import Segment, word_diff

REMOVED, ADDED = QColor("#b3261e"), QColor("#1b7f3b")


def _formats() -> dict[str, QTextCharFormat]:
    removed, added = QTextCharFormat(), QTextCharFormat()
    removed.setForeground(REMOVED)
    removed.setFontStrikeOut(True)
    added.setForeground(ADDED)
    added.setFontUnderline(True)
    return {"same": QTextCharFormat(), "removed": removed, "added": added}


class CompareDialog(QDialog):
    """The word-by-word comparison of ``first`` (then) and ``second`` (now), each (heading, text)."""

    def __init__(self, first: tuple[str, str], second: tuple[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare Versions")
        self.resize(760, 560)
        self.segments: list[Segment] = word_diff(first[1], second[1])
        removed = sum(len(s.text.split()) for s in self.segments if s.kind == "removed")
        added = sum(len(s.text.split()) for s in self.segments if s.kind == "added")
        heading = QLabel(f"From {first[0]}\nto {second[0]}\n{removed:,} words removed (struck out), {added:,} added")
        heading.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        cursor = QTextCursor(self.text.document())
        formats = _formats()
        for segment in self.segments:
            cursor.insertText(segment.text, formats[segment.kind])
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
