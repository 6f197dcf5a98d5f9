"""Message boxes that show their text literally.

QMessageBox's static functions guess the text format, so a message quoting a file or entity
named ``<b>x</b>`` or ``AT&amp;T`` would be rendered as markup. Every box of the window is built
here, in plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Icon = QMessageBox.Icon
Button = QMessageBox.StandardButton


def show_message(parent: QWidget | None, icon: Icon, title: str, text: str, buttons: Button = Button.Ok) -> Button:
    """Show a modal box with ``text`` as plain text; the button the user pressed."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return Button(box.exec())


def inform(parent: QWidget | None, title: str, text: str) -> None:
    show_message(parent, Icon.Information, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    show_message(parent, Icon.Warning, title, text)


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes/No question: True for Yes."""
    return show_message(parent, Icon.Question, title, text, Button.Yes | Button.No) == Button.Yes
