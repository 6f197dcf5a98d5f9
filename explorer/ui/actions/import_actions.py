"""File ▸ Import Files…, Import Folder…, Open Demo, and dropped files: the import dialog and
the background job, its progress in the status bar, its batches announced as they commit.

Every long writing job (imports, the demo, re-extraction) starts through ``start_job``: one at a
time, the curation undo stack emptied first (its snapshots would not be exact after the job).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QFileDialog

from explorer.core import settings as core_settings
from explorer.core.reading.file_filter import FileFilter
from explorer.ui.actions.common import Context
from explorer.ui.events import Change
from explorer.ui.tasks import Job, Task
from explorer.ui.widgets import file_dialogs
from explorer.ui.widgets.import_dialog import ImportDialog
from explorer.ui.widgets.import_status import ImportStatus

if TYPE_CHECKING:
    from explorer.core.ops.cluster.connection import ClusterAddress
    from explorer.core.ops.pipeline import ImportProgress

REFRESH_MS = 800  # while an import runs, announce its batches at most this often
TEXT_FILTERS = (
    "Documents (*.txt *.text *.md *.csv *.json *.xml *.pdf *.html *.htm *.xhtml *.docx *.eml *.mbox *.epub"
    " *.zip *.tar *.tgz *.tar.gz *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"
)
ARRIVING = Change.ARTICLES | Change.ENTITIES | Change.MENTIONS


def file_import(
    db_path: Path,
    paths: Sequence[Path],
    *,
    recursive: bool,
    default_date: date | None,
    file_filter: FileFilter | None = None,
    ocr: tuple[bool, str] = (False, "eng"),
    cluster: ClusterAddress | None = None,
    shared_storage: bool = False,
) -> Job:
    def job(cancel: threading.Event) -> Iterator[ImportProgress]:
        from explorer.core.ops.pipeline import ImportOptions, import_paths

        options = ImportOptions(
            recursive=recursive,
            default_date=default_date,
            cancel=cancel,
            file_filter=file_filter or FileFilter(),
            ocr=ocr[0],
            ocr_lang=ocr[1],
        )
        if cluster is not None:
            from explorer.core.ops.cluster.remote_extractor import import_on_cluster

            return import_on_cluster(
                db_path, [str(path) for path in paths], options, cluster, shared_storage=shared_storage
            )
        return import_paths(db_path, [str(path) for path in paths], options)

    return job


def demo_import(db_path: Path) -> Job:
    def job(cancel: threading.Event) -> Iterator[ImportProgress]:
        from explorer.core.ops.demo import build_demo
        from explorer.core.ops.pipeline import ImportOptions

        return build_demo(db_path, ImportOptions(cancel=cancel))

    return job


class ImportActions(QObject):
    def __init__(
        self, ctx: Context, status: ImportStatus, settings: QSettings, dialog_options: Callable[[], QFileDialog.Option]
    ) -> None:
        super().__init__(ctx.parent)
        self.ctx, self.status, self.settings, self.dialog_options = ctx, status, settings, dialog_options
        self.runner: Task | None = None
        self.dialog: ImportDialog | None = None
        self._building_demo = False
        self._announce_timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._announce_timer.timeout.connect(lambda: ctx.events.announce(ARRIVING))
        status.show_details.connect(self._show_dialog)
        status.cancel_requested.connect(self.cancel)

    # -- dialogs (tests replace these)

    def _file_dialog(self, title: str, mode: QFileDialog.FileMode, name_filter: str = "") -> list[Path]:
        return file_dialogs.choose_paths(
            self.ctx.parent, self.settings, "import", title, mode, name_filter, self.dialog_options()
        )

    def ask_import_files(self) -> list[Path]:
        return self._file_dialog("Import Files", QFileDialog.FileMode.ExistingFiles, TEXT_FILTERS)

    def ask_import_folder(self) -> Path | None:
        folders = self._file_dialog("Import Folder", QFileDialog.FileMode.Directory)
        return folders[0] if folders else None

    # -- starting

    def import_files(self) -> None:
        paths = self.ask_import_files()
        if paths:
            self.import_paths(paths)

    def import_folder(self) -> None:
        folder = self.ask_import_folder()
        if folder is not None:
            self.import_paths([folder])

    def import_paths(self, paths: list[Path]) -> ImportDialog | None:
        """Show the import dialog for ``paths``; the import starts when the user confirms."""
        session = self.ctx.session
        if self.ctx.busy_writing():
            return None
        if session.db is None and not session.open(core_settings.default_db_path()):
            return None
        file_dialogs.remember(self.settings, "import", paths[0])  # dropped files count as a choice too
        dialog = ImportDialog(paths, self.ctx.parent, title="Import", settings=self.settings)
        dialog.db_path = session.path
        dialog.start_requested.connect(
            lambda recursive, default_date, file_filter: self.start_job(
                file_import(
                    session.path,
                    paths,
                    recursive=recursive,
                    default_date=default_date,
                    file_filter=file_filter,
                    ocr=dialog.ocr_option.choice(),
                    cluster=dialog.cluster_address,
                    shared_storage=dialog.shared_storage,
                ),
                "Importing",
                dialog=dialog,
            )
        )
        dialog.cancel_requested.connect(self.cancel)
        self.dialog = dialog
        dialog.show()
        return dialog

    def open_demo(self) -> None:
        """Open the demo database, building (or finishing) it in the background when needed."""
        session = self.ctx.session
        if self.ctx.busy_writing() or not session.open(core_settings.demo_db_path()):
            return
        from explorer.core.store.queries import corpus_size

        if corpus_size(session.db) == 0 or not self.settings.value("demo/complete", False, type=bool):
            self._building_demo = True
            self.start_job(demo_import(session.path), "Building the demo database", dialog=None)

    def start_job(
        self, job: Job, what: str, *, dialog: ImportDialog | None, on_done: Callable[[Any, str], None] | None = None
    ) -> Task | None:
        self.dialog = dialog
        self.ctx.undo_stack.clear()  # its snapshots would not be exact after the job
        task = self.ctx.tasks.start(job, writes=True)
        if task is None:
            return None
        self.runner = task
        task.progress.connect(self._on_progress)
        task.finished.connect(self._on_finished)
        if on_done is not None:
            task.finished.connect(on_done)
        self.status.start(what, details=dialog is not None)
        self.ctx.events.announce(Change.ARTICLES)  # the panes replace the welcome panel
        return task

    # -- running

    def running(self) -> bool:
        return self.runner is not None and self.runner.running

    def _show_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.show()
            self.dialog.raise_()

    def cancel(self) -> None:
        if self.running():
            self.runner.cancel()
            self.status.cancelling()

    def _on_progress(self, progress: ImportProgress) -> None:
        self.status.update_progress(progress)
        if self.dialog is not None and not self._building_demo:
            self.dialog.show_progress(progress)
        if progress.imported and not self._announce_timer.isActive():
            self._announce_timer.start()

    def _on_finished(self, last: ImportProgress | None, error: str) -> None:
        self.status.hide()
        self._announce_timer.stop()
        self.ctx.events.announce(Change.EVERYTHING)
        if self._building_demo:
            self._building_demo = False
            complete = last is not None and last.finished and not last.cancelled and not error
            self.settings.setValue("demo/complete", complete)
            self.ctx.say(error or self._demo_message(complete), 30_000)
        elif self.dialog is not None:
            self.dialog.show_summary(last, error)

    def _demo_message(self, complete: bool) -> str:
        if not complete:
            return "The demo database is incomplete; open the demo again to finish it."
        from explorer.core.store.queries import corpus_size

        return f"Demo ready: {corpus_size(self.ctx.session.db):,} articles"

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until the running import has stopped (for closing, and for tests)."""
        return self.runner is None or self.runner.wait(timeout_ms)
