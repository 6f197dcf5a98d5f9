"""The import dialog: choose options, watch progress (and cancel), read and copy the summary.

It only shows: the window starts and cancels the work when the dialog asks, and feeds it the
progress events. It is not modal, so the window stays usable while an import runs. Import is
the default button (Enter imports). The include and exclude patterns of a folder import are
remembered in QSettings; the summary's table names each failure's reason and each duplicate's
stored original, to copy or save as CSV.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.core.reading.file_filter import DEFAULT_EXCLUDE, FileFilter, format_patterns, parse_patterns
from explorer.core.safety.visible import visible
from explorer.ui import message_box
from explorer.ui.widgets.elided_label import ElidedLabel
from explorer.ui.widgets.extract_on import ExtractOnBox
from explorer.ui.widgets.import_table import ImportTable
from explorer.ui.widgets.ocr_option import OcrOption

if TYPE_CHECKING:
    from explorer.core.ops.cluster.connection import ClusterAddress
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
        head = (
            f"Cancelled after {progress.done:,} of {plural(progress.total, 'file')}. "
            "Everything imported so far is kept; importing the same files again adds only the rest."
        )
    elif error:
        head = f"The import stopped after {progress.done:,} of {plural(progress.total, 'file')}: {error}"
    else:
        head = f"Finished: {plural(progress.total, 'file')} read."
    lines = [
        head,
        f"Imported: {plural(progress.imported, 'article')}",
        f"Duplicates skipped (already in the database): {progress.duplicates:,}"
        + (
            f" ({len(progress.duplicate_of):,} listed below)"
            if 0 < len(progress.duplicate_of) < progress.duplicates
            else ""
        ),
        f"Failed: {len(progress.failed):,}",
    ]
    lines.extend(f"  {visible(path)}: {reason}" for path, reason in progress.failed)
    return "\n".join(lines)


def saved_filter(settings: QSettings) -> FileFilter:
    """The patterns last used (the defaults the first time)."""
    include = settings.value("import/include", "", type=str)
    exclude = settings.value("import/exclude", format_patterns(DEFAULT_EXCLUDE), type=str)
    return FileFilter(include=parse_patterns(include), exclude=parse_patterns(exclude))


class ImportDialog(QDialog):
    start_requested = Signal(bool, object, object)  # recursive, default date (date | None), FileFilter
    cancel_requested = Signal()

    OPTIONS, PROGRESS, SUMMARY = range(3)

    def __init__(
        self,
        paths: Sequence[Path],
        parent: QWidget | None = None,
        *,
        title: str = "Import",
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(False)
        self.setMinimumWidth(560)
        self.paths = list(paths)
        self.settings = settings if settings is not None else QSettings()
        self.db_path: Path | None = None  # the open database, which Save never overwrites
        self.cluster_address: ClusterAddress | None = None  # where extraction runs (None: here), set by start()
        self.shared_storage = False  # whether the cluster's workers read the files, set by start()
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
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addWidget(self.recursive_box)
        layout.addWidget(self._patterns_box())
        layout.addLayout(date_row)
        self.ocr_option = OcrOption(self.settings)
        layout.addWidget(self.ocr_option)
        self.extract_on = ExtractOnBox(self.settings)
        layout.addWidget(self.extract_on)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    def _patterns_box(self) -> QWidget:
        """Which files of the folders are read; shown only when a folder is imported."""
        box = QWidget()
        chosen = saved_filter(self.settings)
        self.include_edit = QLineEdit(format_patterns(chosen.include))
        self.include_edit.setPlaceholderText("every file (for example: *.txt; *.md)")
        self.exclude_edit = QLineEdit(format_patterns(chosen.exclude))
        self.exclude_edit.setPlaceholderText("nothing")
        tip = (
            "Patterns separated by ; match a file's name or its path in the folder, in any case:\n"
            "* any text, ? one character, [abc] one of these. An excluded folder is skipped whole.\n"
            "Files you choose one by one are always imported."
        )
        for edit in (self.include_edit, self.exclude_edit):
            edit.setToolTip(tip)
        self.defaults_button = QPushButton("Defaults")
        self.defaults_button.setAutoDefault(False)
        self.defaults_button.setToolTip(f"Take every file except {format_patterns(DEFAULT_EXCLUDE)}")
        self.defaults_button.clicked.connect(self.restore_default_patterns)
        exclude_row = QHBoxLayout()
        exclude_row.addWidget(self.exclude_edit, 1)
        exclude_row.addWidget(self.defaults_button)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Only files matching:", self.include_edit)
        form.addRow("Skip files matching:", exclude_row)
        box.setVisible(any(p.is_dir() for p in self.paths))
        return box

    def restore_default_patterns(self) -> None:
        self.include_edit.clear()
        self.exclude_edit.setText(format_patterns(DEFAULT_EXCLUDE))

    def file_filter(self) -> FileFilter:
        return FileFilter(
            include=parse_patterns(self.include_edit.text()), exclude=parse_patterns(self.exclude_edit.text())
        )

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
        self.summary_view.setMinimumHeight(110)
        self.table = ImportTable()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton("Copy", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip("Copy the summary and the table (tab-separated) to the clipboard")
        self.copy_button.clicked.connect(self.copy_summary)
        self.save_button = buttons.addButton("Save Table…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setToolTip("Save the failures and duplicates as CSV")
        self.save_button.clicked.connect(self.save_table)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_view)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        return page

    # -- actions

    def chosen_date(self) -> date | None:
        return self.date_edit.date().toPython() if self.date_box.isChecked() else None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.pages.currentIndex() == self.OPTIONS:
            self.import_button.setFocus()  # Enter imports, whatever the platform focuses first

    def start(self) -> None:
        """Leave the options for the progress page and ask the window to start; the patterns of
        a folder import are remembered for the next one, and where to extract. A mistyped scheduler
        address is said under its field and nothing starts."""
        try:
            self.cluster_address = self.extract_on.address()
        except ValueError:
            self.extract_on.address_edit.setFocus()
            return
        self.shared_storage = self.extract_on.shared_storage()
        self.extract_on.remember()
        file_filter = self.file_filter()
        if self.include_edit.isVisibleTo(self):
            self.settings.setValue("import/include", format_patterns(file_filter.include))
            self.settings.setValue("import/exclude", format_patterns(file_filter.exclude))
        self.pages.setCurrentIndex(self.PROGRESS)
        self.start_requested.emit(self.recursive_box.isChecked(), self.chosen_date(), file_filter)

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
        self.table.show_progress(progress)
        self.save_button.setEnabled(self.table.has_rows())
        self.pages.setCurrentIndex(self.SUMMARY)
        self.show()
        self.raise_()

    def copy_summary(self) -> None:
        text = self.summary_view.toPlainText()
        if self.table.has_rows():
            text += "\n\n" + self.table.as_text()
        QGuiApplication.clipboard().setText(text)

    def ask_save_path(self) -> Path | None:
        """The save dialog of Save Table… (tests replace this method)."""
        start = str((self.paths[0].parent if self.paths else Path.home()) / "import-report.csv")
        name, _ = QFileDialog.getSaveFileName(self, "Save Import Table", start, "CSV (*.csv);;All files (*)")
        return Path(name) if name else None

    def save_table(self) -> bool:
        path = self.ask_save_path()
        if path is None:
            return False
        error = self.table.save_csv(path, self.db_path)
        if error:
            message_box.warn(self, "Save Import Table", f"Cannot save {path}: {error}")
            return False
        return True

    def reject(self) -> None:
        """Esc or closing while it runs only hides the dialog; the import goes on (the status bar shows it)."""
        if self.pages.currentIndex() == self.PROGRESS:
            self.hide()
            return
        super().reject()
