"""The import dialog: choose options, watch progress (and cancel), read and copy the summary.

It only shows: the window starts and cancels the work when the dialog asks, and feeds it the
progress events. It is not modal, so the window stays usable while an import runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.core.safety.visible import visible
from explorer.ui.widgets.elided_label import ElidedLabel

if TYPE_CHECKING:
    from explorer.core.ops.pipeline import ImportProgress

NAMES_SHOWN = 4


def describe_paths(paths: Sequence[Path]) -> str:
    folders = [p for p in paths if p.is_dir()]
    files = len(paths) - len(folders)
    parts = []
    if files:
        parts.append(f"{files} file{'s' if files != 1 else ''}")
    if folders:
        parts.append(f"{len(folders)} folder{'s' if len(folders) != 1 else ''}")
    names = ", ".join(p.name or str(p) for p in paths[:NAMES_SHOWN])
    if len(paths) > NAMES_SHOWN:
        names += f" and {len(paths) - NAMES_SHOWN} more"
    return f"Import {' and '.join(parts) or 'nothing'}: {names}"


def format_time_left(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds < 60:
        return "less than a minute left"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"about {minutes} min left"
    return f"about {minutes // 60} h {minutes % 60} min left"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summary_text(progress: ImportProgress | None, error: str = "") -> str:
    """What happened, in words a user can paste into a message: counts, then each failure."""
    if progress is None:
        return f"The import could not start.\n{error}".strip()
    if progress.cancelled:
        head = (f"Cancelled after {progress.done:,} of {plural(progress.total, 'file')}. "
                "Everything imported so far is kept; importing the same files again adds only the rest.")
    elif error:
        head = f"The import stopped after {progress.done:,} of {plural(progress.total, 'file')}: {error}"
    else:
        head = f"Finished: {plural(progress.total, 'file')} read."
    lines = [
        head,
        f"Imported: {plural(progress.imported, 'article')}",
        f"Duplicates skipped (already in the database): {progress.duplicates:,}",
        f"Failed: {len(progress.failed):,}",
    ]
    lines.extend(f"  {visible(path)}: {reason}" for path, reason in progress.failed)
    return "\n".join(lines)


class ImportDialog(QDialog):
    start_requested = Signal(bool, object)  # recursive, default date (date | None)
    cancel_requested = Signal()

    OPTIONS, PROGRESS, SUMMARY = range(3)

    def __init__(self, paths: Sequence[Path], parent: QWidget | None = None, *, title: str = "Import") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(False)
        self.setMinimumWidth(520)
        self.paths = list(paths)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._options_page())
        self.pages.addWidget(self._progress_page())
        self.pages.addWidget(self._summary_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.finished_import = False

    # -- pages

    def _options_page(self) -> QWidget:
        page = QWidget()
        heading = QLabel(describe_paths(self.paths))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        self.recursive_box = QCheckBox("Include subfolders")
        self.recursive_box.setChecked(True)
        self.recursive_box.setVisible(any(p.is_dir() for p in self.paths))
        self.date_box = QCheckBox("Date for articles without one:")
        self.date_box.setToolTip(
            "Articles whose text and file name carry no date get this date (shown as chosen at import).\n"
            "Unchecked, they are listed as undated."
        )
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMM yyyy")
        self.date_edit.setEnabled(False)
        self.date_box.toggled.connect(self.date_edit.setEnabled)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_box)
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addWidget(self.recursive_box)
        layout.addLayout(date_row)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget()
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)
        self.counts_label = QLabel("Starting…")
        self.current_label = ElidedLabel()
        self.time_label = QLabel()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.time_label, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.current_label)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget()
        self.summary_view = QPlainTextEdit()
        self.summary_view.setReadOnly(True)
        self.summary_view.setMinimumHeight(140)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton("Copy", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip("Copy the summary to the clipboard")
        self.copy_button.clicked.connect(self.copy_summary)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_view, 1)
        layout.addWidget(buttons)
        return page

    # -- actions

    def chosen_date(self) -> date | None:
        return self.date_edit.date().toPython() if self.date_box.isChecked() else None

    def start(self) -> None:
        """Leave the options for the progress page and ask the window to start."""
        self.pages.setCurrentIndex(self.PROGRESS)
        self.start_requested.emit(self.recursive_box.isChecked(), self.chosen_date())

    def show_running(self) -> None:
        """Skip the options (the demo build has none) and show progress."""
        self.pages.setCurrentIndex(self.PROGRESS)

    def cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("Cancelling…")
        self.cancel_requested.emit()

    def show_progress(self, progress: ImportProgress) -> None:
        if progress.total:
            self.progress_bar.setRange(0, progress.total)
            self.progress_bar.setValue(progress.done)
        self.counts_label.setText(
            f"{progress.done:,} of {plural(progress.total, 'file')}: {progress.imported:,} imported, "
            f"{progress.duplicates:,} duplicate{'s' if progress.duplicates != 1 else ''}, "
            f"{len(progress.failed):,} failed"
        )
        self.current_label.set_full_text(visible(progress.current or ""))
        self.time_label.setText(format_time_left(progress.remaining_seconds))

    def show_summary(self, progress: ImportProgress | None, error: str = "") -> None:
        self.finished_import = True
        self.setWindowTitle("Import cancelled" if progress and progress.cancelled else "Import finished")
        self.summary_view.setPlainText(summary_text(progress, error))
        self.pages.setCurrentIndex(self.SUMMARY)
        self.show()
        self.raise_()

    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(self.summary_view.toPlainText())

    def reject(self) -> None:
        """Esc or closing while it runs only hides the dialog; the import goes on (the status bar shows it)."""
        if self.pages.currentIndex() == self.PROGRESS:
            self.hide()
            return
        super().reject()
