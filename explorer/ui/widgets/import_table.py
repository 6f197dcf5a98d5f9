"""The import summary's table: each failure with its reason, each duplicate with its original.

Names are shown with control characters made visible; copying and saving keep them as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from explorer.core.ops.import_report import Row, report_rows, rows_as_text, save_rows_csv
from explorer.core.safety.safe_write import WriteError
from explorer.core.safety.visible import visible

if TYPE_CHECKING:
    from explorer.core.ops.pipeline import ImportProgress

COLUMNS = ("Outcome", "File", "Reason", "Original id", "Original title", "Original path")


class ImportTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, len(COLUMNS))
        self.setHorizontalHeaderLabels(COLUMNS)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSortingEnabled(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.rows: list[Row] = []
        self.hide()

    def show_progress(self, progress: ImportProgress | None) -> None:
        self.rows = report_rows(progress) if progress is not None else []
        self.setSortingEnabled(False)
        self.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                item = QTableWidgetItem()
                if isinstance(cell, int):
                    item.setData(0, cell)  # sorts as a number
                else:
                    item.setText(visible(cell or ""))
                    item.setToolTip(item.text())
                self.setItem(r, c, item)
        self.setSortingEnabled(True)
        self.resizeColumnsToContents()
        self.setVisible(bool(self.rows))

    def has_rows(self) -> bool:
        return bool(self.rows)

    def as_text(self) -> str:
        return rows_as_text(self.rows)

    def save_csv(self, path: Path, db_path: Path | None) -> str:
        """Write the rows as CSV; the reason it could not, in words, or ""."""
        try:
            save_rows_csv(path, self.rows, db_path)
        except WriteError as exc:
            return str(exc)
        except OSError as exc:
            return exc.strerror or str(exc)
        return ""
