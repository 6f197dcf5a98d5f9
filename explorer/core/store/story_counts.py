"""What the copies of stories count, so that each story can be counted once without a scan.

A copy is an article of a story other than the story's first article. ``entity_copies`` holds
the copies' share of ``entities.articles/mentions`` and ``entity_days`` (undated as day ''):
copies are few, so the table is small, and a count "each story once" is the full summary less
this one. Grouping adjusts it as articles become or stop being copies; curation recounts it for
the entities it touches; a new date moves a copy's counts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from explorer.core.store.batching import chunks

COPY = "SELECT article_id FROM article_stories WHERE story_id != article_id"


def copies_among(conn: sqlite3.Connection, article_ids: Iterable[int]) -> set[int]:
    """The articles of ``article_ids`` that are copies."""
    found: set[int] = set()
    for part, marks in chunks(article_ids):
        found.update(
            r[0]
            for r in conn.execute(
                f"SELECT article_id FROM article_stories WHERE article_id IN ({marks}) AND story_id != article_id",
                part,
            )
        )
    return found


def adjust_copies(conn: sqlite3.Connection, article_ids: Iterable[int], sign: int) -> None:
    """Add (``sign`` 1) or take out (-1) what these articles' mentions count."""
    for part, marks in chunks(article_ids):
        rows = conn.execute(
            "SELECT m.entity_id, coalesce(a.published, ''), count(DISTINCT m.article_id), count(*)"
            " FROM mentions m JOIN articles a ON a.id = m.article_id"
            f" WHERE m.article_id IN ({marks}) GROUP BY m.entity_id, a.published",
            part,
        ).fetchall()
        conn.executemany(
            "INSERT INTO entity_copies (entity_id, day, articles, mentions) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (entity_id, day) DO UPDATE SET"
            " articles = articles + excluded.articles, mentions = mentions + excluded.mentions",
            [(entity_id, day, sign * articles, sign * mentions) for entity_id, day, articles, mentions in rows],
        )
        conn.executemany(
            "DELETE FROM entity_copies WHERE entity_id = ? AND day = ? AND mentions <= 0",
            [(entity_id, day) for entity_id, day, _, _ in rows],
        )


def recount_copies(conn: sqlite3.Connection, entity_ids: Iterable[int] | None = None) -> None:
    """Recompute the copies' counts of these entities (all when None) from ``mentions``."""
    select = (
        "SELECT m.entity_id, coalesce(a.published, ''), count(DISTINCT m.article_id), count(*)"
        f" FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.article_id IN ({COPY})"
    )
    if entity_ids is None:
        conn.execute("DELETE FROM entity_copies")
        conn.execute(f"INSERT INTO entity_copies (entity_id, day, articles, mentions) {select} GROUP BY 1, 2")
        return
    for part, marks in chunks(entity_ids):
        conn.execute(f"DELETE FROM entity_copies WHERE entity_id IN ({marks})", part)
        conn.execute(
            f"INSERT INTO entity_copies (entity_id, day, articles, mentions) {select}"
            f" AND m.entity_id IN ({marks}) GROUP BY 1, 2",
            part,
        )
