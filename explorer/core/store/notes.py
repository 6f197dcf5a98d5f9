"""The analyst's marks on articles: a star, a note and tags (``article_notes``, ``article_tags``).

Plain tables with documented columns, so other tools (sqlite-utils, Datasette) read them too.
The document list filters on them through ``DocumentFilter.tag`` and ``.starred``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

import sqlite_utils


@dataclass(frozen=True)
class ArticleNotes:
    starred: bool
    note: str
    tags: tuple[str, ...]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def article_notes(db: sqlite_utils.Database, article_id: int) -> ArticleNotes:
    row = db.execute("SELECT starred, note FROM article_notes WHERE article_id = ?", [article_id]).fetchone()
    tags = tuple(r[0] for r in db.execute(
        "SELECT tag FROM article_tags WHERE article_id = ? ORDER BY tag", [article_id]
    ))
    return ArticleNotes(bool(row[0]), row[1], tags) if row else ArticleNotes(False, "", tags)


def _upsert(db: sqlite_utils.Database, article_id: int, column: str, value) -> None:
    with db.conn:
        db.execute(
            f"INSERT INTO article_notes (article_id, {column}, updated_at) VALUES (?, ?, ?)"
            f" ON CONFLICT (article_id) DO UPDATE SET {column} = excluded.{column}, updated_at = excluded.updated_at",
            [article_id, value, _now()],
        )


def set_starred(db: sqlite_utils.Database, article_id: int, starred: bool) -> None:
    _upsert(db, article_id, "starred", int(starred))


def set_note(db: sqlite_utils.Database, article_id: int, note: str) -> None:
    _upsert(db, article_id, "note", note.strip())


def add_tag(db: sqlite_utils.Database, article_id: int, tag: str) -> None:
    tag = " ".join(tag.split())
    if not tag:
        raise ValueError("A tag needs at least one character.")
    with db.conn:
        db.execute("INSERT OR IGNORE INTO article_tags (article_id, tag) VALUES (?, ?)", [article_id, tag])


def remove_tag(db: sqlite_utils.Database, article_id: int, tag: str) -> None:
    with db.conn:
        db.execute("DELETE FROM article_tags WHERE article_id = ? AND tag = ?", [article_id, tag.strip()])


def all_tags(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    """Every tag in use with how many articles carry it, the most used first."""
    return [tuple(r) for r in db.execute(
        "SELECT tag, count(*) FROM article_tags GROUP BY tag ORDER BY count(*) DESC, tag"
    )]
