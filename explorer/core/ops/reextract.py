"""Re-extract all: run the current model, gazetteer and rules over every stored article again.

A generator like ``pipeline.import_paths``, yielding the same ``ImportProgress`` (``imported``
counts the articles re-extracted), so the CLI's progress bar and the window's import worker
drive it unchanged. Each batch replaces its articles' mentions in one transaction: a cancelled
run keeps the batches it committed, the others keep their old mentions. A date that came from
a dateline is read again from the body by today's rule in the same transaction (``reread_date``);
a date the user set, or one from a header or file name, is kept.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from explorer.core import settings
from explorer.core.extraction.entities import canonicalize
from explorer.core.extraction.extract import Extractor
from explorer.core.ops.pipeline import ImportProgress
from explorer.core.reading.dateline import date_from_dateline
from explorer.core.reading.ingest import latest_publication
from explorer.core.store import open_store
from explorer.core.store.reextract_sql import (
    StoredArticle,
    article_ids,
    drop_unmentioned,
    replace_mentions,
    stored_articles,
)
from explorer.core.store.saved_gazetteer import load_gazetteer
from explorer.core.store.schema import write_errors_in_words
from explorer.core.store.settling import settle_library


@dataclass(frozen=True)
class ReextractOptions:
    jobs: int = 1
    batch_size: int = 64
    model: str = settings.DEFAULT_MODEL
    cancel: threading.Event | None = None  # set it to stop after the current article
    article_ids: tuple[int, ...] | None = None  # only these articles (None: all)


def reread_date(article: StoredArticle) -> tuple[date | None, str] | None:
    """A dateline's date read again from the body by today's rule, when it differs from the
    stored one (an older rule took times of day and births for dates); None to keep it.

    Only dates that came from the dateline are read again: a header, a file name or the user
    said otherwise, and the user's date always stays.
    """
    if article.date_source != "dateline":
        return None
    latest = latest_publication(article.file_mtime, datetime.fromisoformat(article.imported_at))
    found = date_from_dateline(article.body, near=article.published)
    found = found if found is not None and found <= latest else None
    if found == article.published:
        return None
    return found, "dateline" if found else "none"


def reextract_all(
    db_path: str | Path, options: ReextractOptions = ReextractOptions(), *, extractor: Extractor | None = None
) -> Iterator[ImportProgress]:
    """Re-extract every stored article; yields progress after each article.

    A write that fails (full disk, read-only file) raises ``StoreError`` in words; the batches
    committed before it keep their new mentions, the others their old ones.
    """
    extractor = extractor or Extractor(options.model)
    db = open_store(db_path, full_check=True)  # every page checked before a write
    try:
        with write_errors_in_words(f"Re-extraction stopped in {db_path}", db_path):
            yield from _run(db, extractor, options)
    finally:
        db.close()


def _run(db, extractor: Extractor, options: ReextractOptions) -> Iterator[ImportProgress]:
    started = time.monotonic()
    cancelled = lambda: options.cancel is not None and options.cancel.is_set()  # noqa: E731
    extractor.use_gazetteer(load_gazetteer(db))
    ids = article_ids(db, options.article_ids)
    state = ImportProgress(done=0, total=len(ids), current=None, imported=0, duplicates=0)
    yield state

    def texts():
        for article in stored_articles(db, ids):
            if cancelled():
                return
            yield article.body, article

    docs = extractor.pipe(texts(), n_process=options.jobs)
    batch, redated, stored = [], {}, 0
    try:
        for spans, article in docs:
            published = article.published
            new_date = reread_date(article)
            if new_date is not None:
                redated[article.id] = new_date
                published = new_date[0]
            batch.append((article.id, published, canonicalize(spans, article.body, published)))
            if len(batch) >= options.batch_size:
                replace_mentions(db, batch, redated)
                stored, batch, redated = stored + len(batch), [], {}
            state = ImportProgress(
                done=state.done + 1,
                total=state.total,
                current=article.title,
                imported=stored,
                duplicates=0,
                elapsed=time.monotonic() - started,
            )
            yield state
            if cancelled():
                break
    finally:
        docs.close()
    replace_mentions(db, batch, redated)
    stored += len(batch)
    if not cancelled():
        drop_unmentioned(db)
    settle_library(db)
    yield ImportProgress(
        done=state.done,
        total=state.total,
        current=None,
        imported=stored,
        duplicates=0,
        elapsed=time.monotonic() - started,
        finished=True,
        cancelled=cancelled(),
    )
