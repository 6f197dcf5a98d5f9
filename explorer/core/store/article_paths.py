"""Every path where a stored text was met again: an exact duplicate is not stored twice, but
the reader and the import summary can say where else it lies ("also at: …")."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

from explorer.core.store.paths import path_from_db, path_to_db


def record_paths(conn: sqlite3.Connection, seen: Iterable[tuple[str, str]]) -> None:
    """Note each ``(sha256, path)`` against the stored article with that text, in the caller's
    transaction; the article's own path, and a text no longer stored, are left out."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    conn.executemany(
        "INSERT OR IGNORE INTO article_paths (article_id, path, seen_at)"
        " SELECT id, ?, ? FROM articles WHERE sha256 = ? AND path IS NOT ?",
        [(path_to_db(path), now, sha256, path_to_db(path)) for sha256, path in seen],
    )


def paths_of(conn: sqlite3.Connection, article_id: int) -> list[str]:
    """The other paths of an article's text, in the order they were met."""
    return [
        path
        for (value,) in conn.execute(
            "SELECT path FROM article_paths WHERE article_id = ? ORDER BY seen_at, path", (article_id,)
        )
        if (path := path_from_db(value)) is not None
    ]
