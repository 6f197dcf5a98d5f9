"""The Merge Entities dialog: which entities become one, with their types and counts, and the result.

A merge is the curation with the widest reach, so the dialog shows what it will do before it
does it: every entity with its type, articles and mentions, and the entity that results (its
name, the type it keeps and the mentions it will hold).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.core.store.queries import EntityRow
from explorer.ui.entity_style import type_icon

COLUMNS = ("Name", "Type", "Articles", "Mentions")


def merge_survivor(rows: Sequence[EntityRow], name: str) -> EntityRow:
    """The entity the others merge into: the one already called ``name`` (in any case), else the
    most mentioned, whose type is the likeliest to be right. It keeps its type."""
    wanted = " ".join(name.split()).casefold()
    named = [row for row in rows if row.name.casefold() == wanted]
    return named[0] if named else max(rows, key=lambda row: row.mentions)


def merge_result(rows: Sequence[EntityRow], name: str) -> str:
    """The entity a merge makes, in words."""
    name = " ".join(name.split())
    survivor = merge_survivor(rows, name)
    mentions = sum(row.mentions for row in rows)
    article = "an" if survivor.type[0] in "aeiou" else "a"
    whose = "" if survivor.name.casefold() == name.casefold() else f" (the type of “{survivor.name}”)"
    return (
        f"Result: “{name}”, {article} {survivor.type}{whose}, with {mentions:,} mention{'s' if mentions != 1 else ''}."
    )


class MergeDialog(QDialog):
    """Lists the entities to merge (most mentioned first) and asks for the merged name."""

    def __init__(self, rows: Sequence[EntityRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge Entities")
        self.rows = sorted(rows, key=lambda row: -row.mentions)
        intro = QLabel(f"These {len(rows)} entities become one; their mentions and names are kept together:")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.rows), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for row_index, row in enumerate(self.rows):
            cells = [QTableWidgetItem(row.name), QTableWidgetItem(type_icon(row.type), row.type)]
            for number in (row.articles, row.mentions):
                cell = QTableWidgetItem(f"{number:,}")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cells.append(cell)
            for column, cell in enumerate(cells):
                self.table.setItem(row_index, column, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.name_box = QComboBox()
        self.name_box.setEditable(True)
        self.name_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name_box.addItems([row.name for row in self.rows])
        self.result_label = QLabel()
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Name of the merged entity:", self.name_box)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.name_box.currentTextChanged.connect(self._show_result)
        self.name_box.lineEdit().returnPressed.connect(self._merge_if_named)  # the combo box keeps Enter
        self._show_result(self.name_box.currentText())
        self.resize(520, min(460, 170 + 30 * len(self.rows)))

    def name(self) -> str:
        return " ".join(self.name_box.currentText().split())

    def _show_result(self, _text: str) -> None:
        name = self.name()
        self.merge_button.setEnabled(any(ch.isalnum() for ch in name))
        self.result_label.setText(merge_result(self.rows, name) if name else "Type the name of the merged entity.")

    def _merge_if_named(self) -> None:
        if self.merge_button.isEnabled():
            self.accept()
