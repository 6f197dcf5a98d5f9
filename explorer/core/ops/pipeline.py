"""The one import used by the command line and the window alike.

``import_paths`` is a generator: every yield is an ``ImportProgress`` and a point where the
caller may stop. Articles are committed in batches, each batch with all its mentions in one
transaction, so a run that is cancelled or killed keeps every committed batch whole, and a
rerun imports only what is missing (known texts are recognised by their sha256).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import sqlite_utils

from explorer.core import settings
from explorer.core.extraction.entities import canonicalize
from explorer.core.extraction.extract import Extractor
from explorer.core.model import ArticleDraft, ReadError
from explorer.core.reading.file_filter import FileFilter
from explorer.core.reading.formats.document import Limits, ReadOptions
from explorer.core.reading.formats.registry import KnownFile, Outcome, read_documents
from explorer.core.reading.ingest import Unreadable, iter_files
from explorer.core.store import StoreError, open_store
from explorer.core.store.saved_gazetteer import load_gazetteer
from explorer.core.store.schema import describe_sqlite_error
from explorer.core.store.settling import newest_article, settle_library
from explorer.core.store.writer import add_batch, known_hashes, stored_articles, stored_file

Loader = Callable[[], ArticleDraft | list[Outcome]]  # an article, or a file's outcomes read already
# The database and SQLite's companions: never imported when they lie in an imported folder.
LIBRARY_FILES = ("", "-wal", "-shm", "-journal")
# Duplicates named one by one in the summary; past this many they are only counted.
DUPLICATES_LISTED = 10_000


@dataclass(frozen=True)
class ImportOptions:
    recursive: bool = False
    default_date: date | None = None  # for files whose text and name carry no date
    jobs: int = 1  # extraction processes
    batch_size: int = 64  # articles per transaction, at most
    first_batch_size: int = 4  # the first transaction; each next one doubles up to batch_size,
    # so the first articles are listed within seconds
    max_bytes: int = settings.DEFAULT_MAX_BYTES
    model: str = settings.DEFAULT_MODEL
    cancel: threading.Event | None = None  # set it to stop after the current article
    file_filter: FileFilter = FileFilter()  # which files found in folders are read
    ocr: bool = False  # read scans with Tesseract (image files, PDF pages without text)
    ocr_lang: str = "eng"
    max_pages: int = Limits.max_pages  # a PDF with more pages is refused

    def read_options(self) -> ReadOptions:
        limits = Limits(max_bytes=self.max_bytes, max_pages=self.max_pages)
        return ReadOptions(limits=limits, default_date=self.default_date, ocr=self.ocr, ocr_lang=self.ocr_lang)


@dataclass(frozen=True)
class Duplicate:
    """A file whose text is already stored, and the stored article it repeats."""

    file: str
    article_id: int | None  # None only if the original was deleted while the import ran
    title: str = ""
    path: str | None = None


@dataclass(frozen=True)
class ImportProgress:
    done: int  # files handled: imported, duplicate or failed
    total: int
    current: str | None  # the file being handled
    imported: int
    duplicates: int
    failed: tuple[tuple[str, str], ...] = field(default=())  # (file, reason)
    duplicate_of: tuple[Duplicate, ...] = field(default=())  # on the last event: the first DUPLICATES_LISTED
    elapsed: float = 0.0
    finished: bool = False
    cancelled: bool = False

    @property
    def remaining_seconds(self) -> float | None:
        if not self.done or self.done >= self.total:
            return None
        return self.elapsed / self.done * (self.total - self.done)


def import_paths(
    db_path: str | Path,
    paths: Iterable[str | Path],
    options: ImportOptions = ImportOptions(),
    *,
    extractor: Extractor | None = None,
    reader: Reader | None = None,
) -> Iterator[ImportProgress]:
    """Import files of every format ``reading.formats`` reads (folders too, recursively when asked) into ``db_path``.

    Files are streamed: a first walk only counts them (for the progress), the second reads
    them one by one, so a folder of a million files is never held as a list. A folder that
    cannot be listed counts as one failure with its reason; the database itself is skipped.
    ``reader``: where the files are read, given the entries in order and giving them back in
    order (by default each is read here when its turn comes; a cluster with shared storage
    reads them on its workers).
    """
    paths = list(paths)
    library = os.path.realpath(db_path)
    exclude = {library + suffix for suffix in LIBRARY_FILES}

    def files() -> Iterator[Path | Unreadable]:
        return iter_files(paths, recursive=options.recursive, exclude=exclude, file_filter=options.file_filter)

    total = sum(1 for _ in files())
    entries: Iterator[Entry] = (
        (str(found.path if isinstance(found, Unreadable) else found), _loader(found, options)) for found in files()
    )
    if reader is not None:
        entries = reader(entries)
    return import_entries(db_path, entries, options, total=total, extractor=extractor)


@dataclass(frozen=True)
class FileLoader:
    """Reads one file into its articles (several for a mailbox or an archive); the import tells
    it which file contents are stored already (``known_file``), so those are not read again."""

    path: Path
    options: ReadOptions

    def __call__(self, known_file: KnownFile) -> list[Outcome]:
        return read_documents(self.path, self.options, known_file)


Entry = tuple[str, Loader | FileLoader]  # (label, how to read it)
Reader = Callable[[Iterator[Entry]], Iterator[Entry]]


def read_outcomes(label: str, load: Loader | FileLoader, known_file: KnownFile, where: str = "") -> list[Outcome]:
    """What one entry gives: its articles, or its failure with the reason (a file that cannot be
    read is a failure of that file, never of the import); ``where`` is added to the reason when
    the system refused the file (a cluster's worker names itself: it may not see what this
    computer sees)."""
    try:
        loaded = load(known_file) if isinstance(load, FileLoader) else load()
    except ReadError as exc:
        return [Outcome(label, reason=str(exc) + (where if isinstance(exc.__cause__, OSError) else ""))]
    except OSError as exc:
        return [Outcome(label, reason=(exc.strerror or str(exc)) + where)]
    return loaded if isinstance(loaded, list) else [Outcome(label, loaded)]


def _loader(found: Path | Unreadable, options: ImportOptions) -> Loader | FileLoader:
    if isinstance(found, Unreadable):

        def refuse() -> ArticleDraft:
            raise ReadError(found.reason)

        return refuse
    return FileLoader(found, options.read_options())


def import_entries(
    db_path: str | Path,
    entries: Iterable[tuple[str, Loader | FileLoader]] | list[tuple[str, Loader | FileLoader]],
    options: ImportOptions = ImportOptions(),
    *,
    total: int | None = None,
    extractor: Extractor | None = None,
) -> Iterator[ImportProgress]:
    """Import articles from ``(label, loader)`` pairs; a loader raises ``ReadError`` to refuse."""
    if total is None:
        entries = list(entries)
        total = len(entries)
    return _Run(db_path, entries, total, options, extractor or Extractor(options.model)).progress()


class _Run:
    def __init__(self, db_path, entries, total: int, options: ImportOptions, extractor: Extractor) -> None:
        self.db_path = db_path
        self.entries = entries
        self.options = options
        self.extractor = extractor
        self.state = ImportProgress(done=0, total=total, current=None, imported=0, duplicates=0)
        self.failed: list[tuple[str, str]] = []
        self.seen: set[str] = set()
        self.seen_files: dict[str, str] = {}  # sha256 of a file's bytes → of its article's text
        self.duplicates: list[tuple[str, str]] = []  # (file, sha256 of the stored text)
        self.seen_again: list[tuple[str, str]] = []  # (sha256, path) to record with the next batch
        self.uncommitted: set[str] = set()  # sha256 of texts read in this run, not committed yet
        self.waiting: dict[str, list[Outcome]] = {}  # their copies, counted once they are committed
        self.started = time.monotonic()
        self.db: sqlite_utils.Database  # opened by progress(), which every other method runs under

    def _update(self, **changes) -> ImportProgress:
        self.state = replace(self.state, failed=tuple(self.failed), elapsed=time.monotonic() - self.started, **changes)
        return self.state

    def _cancelled(self) -> bool:
        return self.options.cancel is not None and self.options.cancel.is_set()

    def _drafts(self) -> Iterator[tuple[str, ArticleDraft]]:
        """Read each entry, counting refusals and duplicates as they happen; yield new texts."""
        for label, load in self.entries:
            if self._cancelled():
                return
            self._update(current=label)
            outcomes = read_outcomes(label, load, self._known_file)
            self._update(total=self.state.total + len(outcomes) - 1)
            for outcome in outcomes:
                if outcome.draft is None:
                    self._refused(outcome)
                elif outcome.draft.sha256 in self.seen or known_hashes(self.db, [outcome.draft.sha256]):
                    self._refused(replace(outcome, duplicate_of=outcome.draft.sha256))
                else:
                    self.seen.add(outcome.draft.sha256)
                    self.uncommitted.add(outcome.draft.sha256)
                    if outcome.draft.file_sha256:
                        self.seen_files[outcome.draft.file_sha256] = outcome.draft.sha256
                    yield outcome.draft.body, outcome.draft

    def _refused(self, outcome: Outcome) -> None:
        """A failure or a duplicate, counted as handled; a copy of a text read in this run but not
        committed yet waits for that commit, so that a cancel or a crash before it never leaves a
        file reported as the copy of a text stored nowhere (nor its path recorded against nothing)."""
        if outcome.duplicate_of in self.uncommitted:
            self.waiting.setdefault(outcome.duplicate_of, []).append(outcome)
        elif outcome.duplicate_of is not None:
            self._note_duplicate(outcome.label, outcome.duplicate_of)
            path = outcome.draft.path if outcome.draft is not None else outcome.label
            if path:
                self.seen_again.append((outcome.duplicate_of, path))
            self._update(done=self.state.done + 1, duplicates=self.state.duplicates + 1)
        else:
            self.failed.append((outcome.label, outcome.reason or "not read"))
            self._update(done=self.state.done + 1)

    def _known_file(self, file_sha256: str) -> str | None:
        """The text of the article already read from a file with these bytes (this run, or stored)."""
        return self.seen_files.get(file_sha256) or stored_file(self.db, file_sha256)

    def progress(self) -> Iterator[ImportProgress]:
        self.db = open_store(self.db_path, full_check=True)  # every page checked before a write
        self.extractor.use_gazetteer(load_gazetteer(self.db))
        before = newest_article(self.db)
        batch = []
        size = max(1, min(self.options.first_batch_size, self.options.batch_size))
        docs = self.extractor.pipe(self._drafts(), n_process=self.options.jobs)
        try:
            yield self._update()
            for spans, draft in docs:
                mentions = canonicalize(spans, draft.body, draft.published)
                batch.append((draft, mentions))
                self._update(done=self.state.done + 1)
                if len(batch) >= size:
                    self._commit(batch)
                    batch = []
                    size = min(size * 2, self.options.batch_size)
                yield self.state
                if self._cancelled():
                    break
            self._commit(batch)
            self._commit([])  # the paths of texts another import stored meanwhile
            settle_library(self.db, before)
            yield self._update(
                current=None, finished=True, cancelled=self._cancelled(), duplicate_of=self._duplicates_named()
            )
        finally:
            docs.close()
            self.db.close()

    def _note_duplicate(self, label: str, sha256: str) -> None:
        if len(self.duplicates) < DUPLICATES_LISTED:
            self.duplicates.append((label, sha256))

    def _duplicates_named(self) -> tuple[Duplicate, ...]:
        """Each noted duplicate with its stored original (stored by now, if it came in this run)."""
        originals = stored_articles(self.db, {sha256 for _, sha256 in self.duplicates})
        named = []
        for label, sha256 in self.duplicates:
            article_id, title, path = originals.get(sha256, (None, "", None))
            named.append(Duplicate(label, article_id, title, path))
        return tuple(named)

    def _commit(self, batch) -> None:
        if not batch and not self.seen_again:
            return
        seen_again, self.seen_again = self.seen_again, []
        try:
            ids = add_batch(self.db, batch, seen_again)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"Cannot store articles in {self.db_path}: {describe_sqlite_error(exc)}") from exc
        stored = sum(1 for i in ids if i is not None)
        for (draft, _), article_id in zip(batch, ids, strict=True):
            if article_id is None:  # stored meanwhile by another import
                self._note_duplicate(draft.path or draft.title, draft.sha256)
                if draft.path:
                    self.seen_again.append((draft.sha256, draft.path))
        self._update(
            imported=self.state.imported + stored,
            duplicates=self.state.duplicates + len(batch) - stored,
        )
        for draft, _ in batch:
            self.uncommitted.discard(draft.sha256)
            for copy in self.waiting.pop(draft.sha256, ()):
                self._refused(copy)
