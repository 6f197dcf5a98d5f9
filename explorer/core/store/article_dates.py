"""The publication date the user sets: stored as from "user", with every summary kept exact.

An article's date decides the day its mentions count on (``entity_days``, ``corpus_days``) and
the period its relative date expressions mean ("yesterday", "in March"). Setting it takes what
the articles' mentions counted out of the summaries, rewrites the dates and re-resolves the
date expressions against the new date, then adds the counts back: one transaction, and the
result equals ``rebuild_summaries``. A re-extraction reads the stored date, so it keeps it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import sqlite_utils

from explorer.core.extraction import timex
from explorer.core.extraction.name_drafts import normalize_name
from explorer.core.extraction.periods import Period, period_name
from explorer.core.extraction.tense import tense_at
from explorer.core.store.batching import chunks, inserted_id
from explorer.core.store.curation_sql import entity_of, recount
from explorer.core.store.deletion import add_counts, drop_orphans, subtract_counts
from explorer.core.store.schema import write_errors_in_words
from explorer.core.store.story_counts import adjust_copies, copies_among

USER = "user"


class UnknownArticles(ValueError):  # noqa: N818 - named for what the caller asked, as the CLI says it
    """Some of the ids name no article; nothing was changed."""


@dataclass(frozen=True)
class DateChange:
    """What ``set_dates`` replaced: each article's (published, date_source). Date expressions
    are never dropped (one the new date cannot place stays, undated), so undo resolves them again."""

    before: dict[int, tuple[str | None, str]]


def set_dates(db: sqlite_utils.Database, article_ids: Iterable[int], published: date | None) -> DateChange:
    """Give these articles the date ``published`` (None: undated), as set by the user."""
    ids = sorted(set(article_ids))
    value = published.isoformat() if published else None
    with write_errors_in_words("Nothing was changed"):
        return _in_transaction(db.conn, lambda conn: _set(conn, ids, value))


def undo_dates(db: sqlite_utils.Database, change: DateChange) -> None:
    """Put back the dates, their origins and the date expressions ``change`` replaced."""
    with write_errors_in_words("Nothing was changed"):
        _in_transaction(db.conn, lambda conn: _rewrite(conn, change.before))


def _in_transaction(conn: sqlite3.Connection, work):
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = work(conn)
        conn.commit()
        return result
    except BaseException:
        conn.rollback()
        raise


def _set(conn: sqlite3.Connection, ids: list[int], value: str | None) -> DateChange:
    before: dict[int, tuple[str | None, str]] = {}
    for part, marks in chunks(ids):
        before.update(
            (i, (p, s))
            for i, p, s in conn.execute(f"SELECT id, published, date_source FROM articles WHERE id IN ({marks})", part)
        )
    missing = [i for i in ids if i not in before]
    if missing:
        listed = ", ".join(map(str, missing))
        raise UnknownArticles(f"No article with id {listed}; no date was changed.")
    _rewrite(conn, {i: (value, USER) for i in ids})
    return DateChange(before)


def _rewrite(conn: sqlite3.Connection, values: dict[int, tuple[str | None, str]]) -> None:
    touched: set[int] = set()
    copies = copies_among(conn, values)
    adjust_copies(conn, copies, -1)
    for part, marks in chunks(values):
        touched |= subtract_counts(conn, part, marks)
    conn.executemany(
        "UPDATE articles SET published = ?, date_source = ? WHERE id = ?",
        [(published, source, i) for i, (published, source) in values.items()],
    )
    for article_id, (published, _) in values.items():
        _resolve_dates(conn, article_id, date.fromisoformat(published) if published else None)
    for part, marks in chunks(values):
        touched |= add_counts(conn, part, marks)
    adjust_copies(conn, copies, 1)
    drop_orphans(conn, touched)
    recount(conn, (), values)


def _resolve_dates(conn: sqlite3.Connection, article_id: int, anchor: date | None) -> None:
    """Resolve the article's date expressions against ``anchor`` again, in text order with their
    tense and the last period mentioned, as extraction does; one no longer read stays, undated."""
    body = conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    mentioned: list[Period] = []
    for mention_id, start, end in conn.execute(
        'SELECT id, start, "end" FROM mentions WHERE article_id = ? AND label = \'date\' ORDER BY start, "end"',
        (article_id,),
    ).fetchall():
        surface = " ".join(body[start:end].split())
        tense = tense_at(body, start, end) if anchor else None
        period = timex.resolve(surface, anchor, tense=tense, mentioned=mentioned)
        if period:
            mentioned.append(period)
        conn.execute(
            "UPDATE mentions SET entity_id = ?, time_start = ?, time_end = ? WHERE id = ?",
            (
                _date_entity(conn, period_name(*period) if period else surface),
                period and period[0].isoformat(),
                period and period[1].isoformat(),
                mention_id,
            ),
        )


def _date_entity(conn: sqlite3.Connection, name: str) -> int:
    """The entity of a date mention, by its name as extraction gives it (merges followed), or a new one."""
    key = normalize_name(name)
    found = entity_of(conn, key)
    if found is None:
        row = conn.execute("SELECT id FROM entities WHERE key = ?", (key,)).fetchone()
        found = (
            row[0]
            if row
            else inserted_id(conn.execute("INSERT INTO entities (key, name, type) VALUES (?, ?, 'date')", (key, name)))
        )
        conn.execute("INSERT OR IGNORE INTO aliases (alias_norm, entity_id) VALUES (?, ?)", (key, found))
    return found
