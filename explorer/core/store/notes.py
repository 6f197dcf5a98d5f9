"""The analyst's marks on articles: a star, a note and tags (``article_notes``, ``article_tags``).

Plain tables with documented columns, so other tools (sqlite-utils, Datasette) read them too.
The document list filters on them through ``DocumentFilter.tag`` and ``.starred`` and shows
them beside each page of rows (``notes_of``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from explorer.core.store.batching import chunks
from explorer.core.store.schema import write_errors_in_words


@dataclass(frozen=True)
class ArticleNotes:
    starred: bool
    note: str
    tags: tuple[str, ...]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def _writing(db: sqlite_utils.Database) -> Iterator[None]:
    """One transaction; a full disk or a read-only file is a ``StoreError`` in words."""
    with write_errors_in_words("Not saved"), db.conn:
        yield


def article_notes(db: sqlite_utils.Database, article_id: int) -> ArticleNotes:
    row = db.execute("SELECT starred, note FROM article_notes WHERE article_id = ?", [article_id]).fetchone()
    tags = tuple(
        r[0] for r in db.execute("SELECT tag FROM article_tags WHERE article_id = ? ORDER BY tag", [article_id])
    )
    return ArticleNotes(bool(row[0]), row[1], tags) if row else ArticleNotes(False, "", tags)


def _upsert(db: sqlite_utils.Database, article_id: int, column: str, value) -> None:
    with _writing(db):
        db.execute(
            f"INSERT INTO article_notes (article_id, {column}, updated_at) VALUES (?, ?, ?)"
            f" ON CONFLICT (article_id) DO UPDATE SET {column} = excluded.{column}, updated_at = excluded.updated_at",
            [article_id, value, _now()],
        )


def set_starred(db: sqlite_utils.Database, article_id: int, starred: bool) -> None:
    _upsert(db, article_id, "starred", int(starred))


def set_note(db: sqlite_utils.Database, article_id: int, note: str) -> None:
    _upsert(db, article_id, "note", note.strip())


def _tidy(tag: str) -> str:
    return " ".join(tag.split())


def add_tag(db: sqlite_utils.Database, article_id: int, tag: str) -> None:
    tag = _tidy(tag)
    if not tag:
        raise ValueError("A tag needs at least one character.")
    with _writing(db):
        db.execute("INSERT OR IGNORE INTO article_tags (article_id, tag) VALUES (?, ?)", [article_id, tag])


def remove_tag(db: sqlite_utils.Database, article_id: int, tag: str) -> None:
    with _writing(db):
        db.execute("DELETE FROM article_tags WHERE article_id = ? AND tag = ?", [article_id, _tidy(tag)])


def all_tags(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    """Every tag in use with how many articles carry it, the most used first."""
    return [
        tuple(r) for r in db.execute("SELECT tag, count(*) FROM article_tags GROUP BY tag ORDER BY count(*) DESC, tag")
    ]


def notes_of(db: sqlite_utils.Database, article_ids: Sequence[int]) -> dict[int, ArticleNotes]:
    """The marks of these articles (articles without any are left out): two indexed reads a page,
    and as many as it takes for every hit of ``search --all``, each under SQLite's limit on ids."""
    found: dict[int, list] = {}
    for part, marks in chunks(article_ids):
        for article_id, starred, note in db.execute(
            f"SELECT article_id, starred, note FROM article_notes WHERE article_id IN ({marks})", part
        ):
            found[article_id] = [bool(starred), note, []]
        for article_id, tag in db.execute(
            f"SELECT article_id, tag FROM article_tags WHERE article_id IN ({marks}) ORDER BY article_id, tag", part
        ):
            found.setdefault(article_id, [False, "", []])[2].append(tag)
    return {
        article_id: ArticleNotes(starred, note, tuple(tags))
        for article_id, (starred, note, tags) in found.items()
        if starred or note or tags
    }


def missing_articles(db: sqlite_utils.Database, article_ids: Sequence[int]) -> list[int]:
    """The ids among these that name no article (to refuse before marking any)."""
    ids = list(dict.fromkeys(article_ids))
    found: set[int] = set()
    for part, marks in chunks(ids):
        found.update(row[0] for row in db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", part))
    return [i for i in ids if i not in found]
