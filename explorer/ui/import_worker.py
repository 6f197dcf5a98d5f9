"""Imports (and the long export of mentions) run off the GUI thread, each with its own
database connection.

A job is a function that, given a cancel event, returns the core's progress generator
(``import_paths`` or ``build_demo``); they open their own connection from the database path,
so nothing SQLite crosses threads. The core modules (and spaCy behind them) are imported
inside the job, in the worker thread, never when the window starts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from explorer.core.file_filter import FileFilter

if TYPE_CHECKING:
    from explorer.core.pipeline import ImportProgress

Job = Callable[[threading.Event], "Iterator[ImportProgress]"]


def file_import(db_path: Path, paths: Sequence[Path], *, recursive: bool, default_date: date | None,
                file_filter: FileFilter | None = None) -> Job:
    def job(cancel: threading.Event) -> Iterator[ImportProgress]:
        from explorer.core.pipeline import ImportOptions, import_paths

        options = ImportOptions(recursive=recursive, default_date=default_date, cancel=cancel,
                                file_filter=file_filter or FileFilter())
        return import_paths(db_path, [str(path) for path in paths], options)

    return job


def demo_import(db_path: Path) -> Job:
    def job(cancel: threading.Event) -> Iterator[ImportProgress]:
        from explorer.core.demo import build_demo
        from explorer.core.pipeline import ImportOptions

        return build_demo(db_path, ImportOptions(cancel=cancel))

    return job


class _Signals(QObject):
    progress = Signal(object)   # ImportProgress
    done = Signal(object, str)  # the last ImportProgress (or None), an error message or ""


class _Runnable(QRunnable):
    def __init__(self, job: Job, cancel: threading.Event, signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.job, self.cancel, self.signals = job, cancel, signals

    def run(self) -> None:
        last, error = None, ""
        try:
            events = self.job(self.cancel)
            try:
                for event in events:
                    last = event
                    self.signals.progress.emit(event)
            finally:
                getattr(events, "close", lambda: None)()
        except Exception as exc:  # noqa: BLE001 - reported to the user, never lost in a thread
            from explorer.core.extract import ModelNotInstalledError
            from explorer.core.problems import in_words
            from explorer.core.safe_write import WriteError
            from explorer.core.store import StoreError

            # these are already in plain words (full disk, read-only, refused target, missing model);
            # others are put in words, the unexpected ones with their traceback in the log
            in_plain_words = isinstance(exc, (StoreError, WriteError, ModelNotInstalledError))
            error = str(exc) if in_plain_words else in_words(exc, context="background job")
        self.signals.done.emit(last, error)


class ImportRunner(QObject):
    """Runs one job in its own thread; ``progress`` and ``finished`` arrive on the GUI thread."""

    progress = Signal(object)        # ImportProgress
    finished = Signal(object, str)   # last ImportProgress or None, error message or ""

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._signals = _Signals(self)
        self._signals.progress.connect(self.progress)
        self._signals.done.connect(self._on_done)
        self._runnable = _Runnable(job, self._cancel, self._signals)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.running = False
        self.last: ImportProgress | None = None

    def start(self) -> None:
        self.running = True
        self._pool.start(self._runnable)

    def cancel(self) -> None:
        """Ask the job to stop after the current article; committed batches stay."""
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self._cancel.is_set()

    def wait(self, timeout_ms: int = -1) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def _on_done(self, last: ImportProgress | None, error: str) -> None:
        self.running = False
        self.last = last
        self.finished.emit(last, error)
