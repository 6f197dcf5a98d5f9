"""Every job that may take long runs here, off the GUI thread, one way.

A job is a function that, given a cancel event, returns an iterator of progress events (the
core's generators: ``import_paths``, ``build_demo``, ``reextract_all``, ``export_mentions``) or
is a plain call wrapped by ``call_job``. Jobs open their own database connection from its path,
so nothing SQLite crosses threads; the core modules (and spaCy behind them) are imported inside
the job, in the worker thread. ``Tasks`` runs them: one writer at a time, progress and the end
on the GUI thread, an error in one plain sentence (the unexpected ones logged with their
traceback by ``core.problems``).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Job = Callable[[threading.Event], Iterator[Any]]
CANCEL_CHECK_STEPS = 10_000  # SQLite virtual-machine steps between two looks at a read's cancel flag


def call_job(function: Callable[[], Any]) -> Job:
    """A plain call as a job: one progress event, its result (no cancel point)."""

    def job(_cancel: threading.Event) -> Iterator[Any]:
        yield function()

    return job


def error_in_words(exc: BaseException) -> str:
    """The one way a job's failure is said: already plain messages as they are, others put in words."""
    from explorer.core.extraction.extract import ModelNotInstalledError
    from explorer.core.extraction.user_gazetteer import GazetteerError
    from explorer.core.ops.cluster.connection import ClusterError
    from explorer.core.safety.problems import in_words
    from explorer.core.safety.safe_write import WriteError
    from explorer.core.store import StoreError
    from explorer.core.store.curation_sql import CurationError

    # full disk, read-only, refused target, missing model, a bad gazetteer line, a curation
    # that cannot be done as asked, a cluster that cannot extract: said as they are
    if isinstance(exc, (StoreError, WriteError, ModelNotInstalledError, GazetteerError, CurationError, ClusterError)):
        return str(exc)
    return in_words(exc, context="background job")


class _Signals(QObject):
    progress = Signal(object)  # a progress event
    done = Signal(object, str)  # the last event (or None), an error message or ""


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
            error = error_in_words(exc)
        self.signals.done.emit(last, error)


class Task(QObject):
    """One job in its own thread; ``progress`` and ``finished`` arrive on the GUI thread."""

    progress = Signal(object)  # a progress event
    finished = Signal(object, str)  # the last event or None, an error message or ""

    def __init__(self, job: Job, parent: QObject | None = None, *, writes: bool = False, what: str = "") -> None:
        super().__init__(parent)
        self.writes = writes
        self.what = what  # what it writes, in words ("Hiding “Tokyo”"): said when another write is refused
        self._cancel = threading.Event()
        # the pool is made (so deleted) before the signals: a task freed while its job runs waits
        # for the job before the signals it emits on are gone
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.progress.connect(self.progress)
        self._signals.done.connect(self._on_done)
        self._runnable = _Runnable(job, self._cancel, self._signals)
        self.running = False
        self.last: Any = None

    def start(self) -> None:
        self.running = True
        self._pool.start(self._runnable)

    def cancel(self) -> None:
        """Ask the job to stop at its next cancel point (an import: after the current article)."""
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self._cancel.is_set()

    def wait(self, timeout_ms: int = -1) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def _on_done(self, last: Any, error: str) -> None:
        self.running = False
        self.last = last
        self.finished.emit(last, error)


class Tasks(QObject):
    """The window's background work: every task starts here; writers run one at a time."""

    started = Signal(object)  # the Task

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.writer: Task | None = None  # the last writing task (running or done)
        self._running: set[Task] = set()

    def writing(self) -> bool:
        return self.writer is not None and self.writer.running

    def start(
        self, job: Job, *, writes: bool, on_done: Callable[[Any, str], None] | None = None, what: str = ""
    ) -> Task | None:
        """Run ``job``; None when it writes and another writer runs (the caller says so)."""
        if writes and self.writing():
            return None
        task = Task(job, self, writes=writes, what=what)
        if on_done is not None:
            task.finished.connect(on_done)
        # a bound method, not a lambda holding ``self``: PySide keeps a slot's callable as long as the
        # task lives, so a lambda made every task own its Tasks, and a Tasks with no parent, freed
        # from inside that task's destructor, deleted the task a second time (a segfault)
        task.finished.connect(self._ended)
        if writes:
            if self.writer is not None:
                self.writer.deleteLater()
            self.writer = task
        self._running.add(task)
        self.started.emit(task)
        task.start()
        return task

    def _ended(self, *_: object) -> None:
        task = cast(Task, self.sender())
        self._running.discard(task)
        if task is not self.writer:
            task.deleteLater()

    def idle(self) -> bool:
        """No task is running (and every ended one has had its end handled)."""
        return not self._running

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait(self, timeout_ms: int = -1) -> bool:
        """Block until every running task stopped (closing, tests)."""
        return all(task.wait(timeout_ms) for task in list(self._running))


def database_path(db: Any) -> Path | None:
    """The file behind the connection ``db`` (None in memory): what a job opens again for itself."""
    for _seq, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None


def reading_job(path: Path, read: Callable[[Any], Any]) -> Job:
    """``read(connection)`` as a job on a read-only connection of its own to ``path``; its one
    event is the result. Cancelling stops its query within ``CANCEL_CHECK_STEPS`` SQLite steps and
    ends the job with no event (an export inside it then leaves the old file as it was)."""

    def job(cancel: threading.Event) -> Iterator[Any]:
        from explorer.core.store import open_store

        if cancel.is_set():
            return
        own = open_store(path, readonly=True)
        own.conn.set_progress_handler(cancel.is_set, CANCEL_CHECK_STEPS)  # a true value stops the query
        try:
            result = read(own)
        except sqlite3.OperationalError:
            if not cancel.is_set():
                raise
            return  # stopped mid-query: nothing to report
        finally:
            own.close()
        yield result

    return job


def writing_job(path: Path, write: Callable[[Any], Any]) -> Job:
    """``write(connection)`` as a job on a writing connection of its own to ``path`` (the core's
    ``open_store``, as imports open theirs); its one event is the result. No cancel point: a write
    is one transaction, whole or not at all."""

    def job(_cancel: threading.Event) -> Iterator[Any]:
        from explorer.core.store import open_store

        own = open_store(path)
        try:
            result = write(own)
        finally:
            own.close()
        yield result

    return job


def start_write(
    tasks: Tasks, db: Any, write: Callable[[Any], Any], what: str, on_done: Callable[[Any, str], None]
) -> Task | None:
    """Run ``write(connection)`` as the one writer, off the GUI thread (``writing_job``); its
    result or error goes to ``on_done`` on the GUI thread. None when another writer runs (the
    caller said so before). A library in memory is written at once, as ``start_read`` reads it."""
    path = database_path(db)
    if path is None:
        try:
            result = write(db)
        except Exception as exc:  # noqa: BLE001 - said as a task's error would be
            on_done(None, error_in_words(exc))
        else:
            on_done(result, "")
        return None
    return tasks.start(writing_job(path, write), writes=True, on_done=on_done, what=what)


def start_read(tasks: Tasks, db: Any, read: Callable[[Any], Any], on_done: Callable[[Any, str], None]) -> Task | None:
    """Run ``read(connection)`` off the GUI thread (``reading_job``); its result or error goes to
    ``on_done`` on the GUI thread. A library in memory has no second connection, so it is read at
    once (None returned): only tests and small libraries live there."""
    path = database_path(db)
    if path is None:
        on_done(read(db), "")
        return None
    return tasks.start(reading_job(path, read), writes=False, on_done=on_done)
