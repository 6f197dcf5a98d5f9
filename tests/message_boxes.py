"""What the window shows: its message boxes (recorded instead of shown, since offscreen a shown box
waits forever) and what Qt renders of a text that may look like markup."""

from __future__ import annotations

from typing import NamedTuple

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QMessageBox


class ShownBox(NamedTuple):
    icon: QMessageBox.Icon
    title: str
    text: str
    text_format: Qt.TextFormat


def record_message_boxes(monkeypatch, answer=QMessageBox.StandardButton.Yes) -> list[ShownBox]:
    """Every box built by ``explorer.ui.message_box`` lands in the returned list, answered ``answer``."""
    shown: list[ShownBox] = []

    def record(box: QMessageBox) -> int:
        shown.append(ShownBox(box.icon(), box.windowTitle(), box.text(), box.textFormat()))
        return answer.value

    monkeypatch.setattr(QMessageBox, "exec", record)
    return shown


def texts(shown: list[ShownBox]) -> list[str]:
    return [box.text for box in shown]


def shown(text: str) -> str:
    """What a tooltip or an unformatted label shows: Qt renders it as HTML whenever it looks like HTML."""
    return QTextDocumentFragment.fromHtml(text).toPlainText() if QtGui.Qt.mightBeRichText(text) else text
