"""Help ▸ User Guide (F1) and Help ▸ Keyboard Shortcuts.

The guide is ``resources/guide.md``, shipped with the application and shown offline. The list
of shortcuts is generated, each time it opens, from the window's own actions (every QAction
with a shortcut, with the menu it sits in), so it cannot drift from what the keys do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QListWidget,
    QMenu,
    QMenuBar,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from explorer.core.resources import resource
from explorer.ui.actions.common import Context, make_action

GUIDE = "guide.md"
MENU_SEPARATOR = " ▸ "
_LISTED_AS = "listed_as"  # an action's property: its name in the shortcut list


def list_as(action: QAction, name: str) -> None:
    """Name ``action`` so in the shortcut list: Undo's text names the step it would undo
    ("Undo Merge 2 entities…"), which says nothing of what the key does in general."""
    action.setProperty(_LISTED_AS, name)


def guide_text() -> str:
    return resource(GUIDE).read_text(encoding="utf-8")


def plain_text(text: str) -> str:
    """An action's text as read: mnemonic markers gone ("&&" is a literal "&")."""
    return re.sub(r"&(.)", r"\1", text)


@dataclass(frozen=True)
class ShortcutRow:
    keys: str  # every shortcut of the action, as the platform writes them
    command: str
    menu: str  # "File ▸ Export", or "" for an action in no menu


def _menu_paths(window: QWidget) -> dict[QAction, str]:
    paths: dict[QAction, str] = {}

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path}{MENU_SEPARATOR}{plain_text(action.text())}")
            else:
                paths.setdefault(action, path)

    for bar in window.findChildren(QMenuBar):
        for top in bar.actions():
            if top.menu() is not None:
                walk(top.menu(), plain_text(top.text()))
    return paths


def shortcut_rows(window: QWidget) -> list[ShortcutRow]:
    """Every action of the window that has a shortcut, in menu order then by name."""
    paths = _menu_paths(window)
    order = {path: index for index, path in enumerate(dict.fromkeys(paths.values()))}
    rows = []
    for action in dict.fromkeys(window.findChildren(QAction)):
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        if keys:
            name = action.property(_LISTED_AS) or action.text()
            rows.append(ShortcutRow(", ".join(keys), plain_text(name), paths.get(action, "")))
    return sorted(rows, key=lambda row: (order.get(row.menu, len(order)), row.command.casefold(), row.keys))


class GuideDialog(QDialog):
    """The guide, its sections listed beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Knowledge Explorer User Guide")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_text())
        self.contents = QListWidget()
        self.contents.addItems(self.sections())
        self.contents.currentTextChanged.connect(self.show_section)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 620])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(860, 640)

    def _headings(self):
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2:
                yield block
            block = block.next()

    def sections(self) -> list[str]:
        return [block.text() for block in self._headings()]

    def show_section(self, title: str) -> None:
        """Scroll the guide so that this section's heading is at the top."""
        for block in self._headings():
            if block.text() == title:
                self.browser.moveCursor(QTextCursor.MoveOperation.End)
                self.browser.setTextCursor(QTextCursor(block))
                self.browser.ensureCursorVisible()
                return


class ShortcutsDialog(QDialog):
    """The window's shortcuts as a table: keys, command, menu."""

    def __init__(self, rows: list[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Shortcut", "Command", "Menu"])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for index, row in enumerate(rows):
            for column, text in enumerate((row.keys, row.command, row.menu)):
                self.table.setItem(index, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def rows(self) -> list[tuple[str, str, str]]:
        table = self.table
        return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]


class HelpActions(QObject):
    """The Help menu's guide and shortcut list, above About. The shortcut list reads the actions
    of the context's top-level window (``ctx.parent``), the one widget that holds them all."""

    def __init__(self, ctx: Context, help_menu: QMenu) -> None:
        super().__init__(ctx.parent)
        self.window = ctx.parent
        self.guide: GuideDialog | None = None
        self.shortcuts: ShortcutsDialog | None = None
        self.guide_action = make_action(
            self.window,
            "&User Guide",
            self.show_guide,
            ["F1"],
            "How to import, read, search, filter, curate and export",
        )
        self.shortcuts_action = make_action(
            self.window, "&Keyboard Shortcuts", self.show_shortcuts, tip="Every shortcut of the window"
        )
        first = help_menu.actions()[0] if help_menu.actions() else None
        help_menu.insertActions(first, [self.guide_action, self.shortcuts_action])
        if first is not None:
            help_menu.insertSeparator(first)

    def show_guide(self) -> GuideDialog:
        if self.guide is None:
            self.guide = GuideDialog(self.window)
        self.guide.show()
        self.guide.raise_()
        return self.guide

    def show_shortcuts(self) -> ShortcutsDialog:
        """A new list each time: it is read from the actions as they are now."""
        if self.shortcuts is not None:
            self.shortcuts.deleteLater()
        self.shortcuts = ShortcutsDialog(shortcut_rows(self.window), self.window)
        self.shortcuts.show()
        return self.shortcuts
