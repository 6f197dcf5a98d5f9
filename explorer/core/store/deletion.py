"""Deleting articles: their mentions, full-text entries, notes and every summary follow.

Summaries are adjusted by what the deleted mentions counted, never recounted, so deleting a
few articles costs as little in a million as in a thousand. The full-text index and the
corpus totals follow through the schema's triggers; notes and tags through their foreign
keys. An entity left without mentions is deleted too, unless a curation rule names it (its
rule must keep working for later imports). The stories the articles were in are grouped again
from what remains of them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import sqlite_utils

from explorer.core.store.batching import chunks
from explorer.core.store.schema import write_errors_in_words
from explorer.core.store.stories import regroup, stories_of
from explorer.core.store.story_counts import adjust_copies, copies_among


def subtract_counts(conn: sqlite3.Connection, part: list[int], marks: str) -> set[int]:
    """Take what these articles' mentions counted out of the summaries; returns their entities."""
    return _count(conn, part, marks, -1)


def add_counts(conn: sqlite3.Connection, part: list[int], marks: str) -> set[int]:
    """Add what these articles' mentions count to the summaries (after their dates changed)."""
    return _count(conn, part, marks, 1)


def _count(conn: sqlite3.Connection, part: list[int], marks: str, sign: int) -> set[int]:
    """Add ``sign`` times what the mentions of the articles ``part`` count to every per-entity
    summary; a type or day not yet counted gets its row. Returns the entities touched."""
    per_entity = conn.execute(
        "SELECT entity_id, count(DISTINCT article_id), count(*) FROM mentions"
        f" WHERE article_id IN ({marks}) GROUP BY entity_id",
        part,
    ).fetchall()
    conn.executemany(
        "UPDATE entities SET articles = articles + ?, mentions = mentions + ? WHERE id = ?",
        [(sign * articles, sign * mentions, entity_id) for entity_id, articles, mentions in per_entity],
    )
    conn.executemany(
        "INSERT INTO entity_types (entity_id, type, n) VALUES (?, ?, ?)"
        " ON CONFLICT (entity_id, type) DO UPDATE SET n = n + excluded.n",
        [
            (entity_id, label, sign * n)
            for entity_id, label, n in conn.execute(
                f"SELECT entity_id, label, count(*) FROM mentions WHERE article_id IN ({marks})"
                " GROUP BY entity_id, label",
                part,
            )
        ],
    )
    conn.executemany(
        "INSERT INTO entity_days (entity_id, day, articles, mentions) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (entity_id, day) DO UPDATE SET"
        " articles = articles + excluded.articles, mentions = mentions + excluded.mentions",
        [
            (entity_id, day, sign * articles, sign * mentions)
            for entity_id, day, articles, mentions in conn.execute(
                "SELECT m.entity_id, a.published, count(DISTINCT m.article_id), count(*)"
                " FROM mentions m JOIN articles a ON a.id = m.article_id"
                f" WHERE m.article_id IN ({marks}) AND a.published IS NOT NULL GROUP BY m.entity_id, a.published",
                part,
            )
        ],
    )
    return {entity_id for entity_id, _, _ in per_entity}


def drop_orphans(conn: sqlite3.Connection, entity_ids: set[int]) -> None:
    """Delete summary rows counted down to nothing, and entities no mention or rule needs."""
    for part, marks in chunks(entity_ids):
        conn.execute(f"DELETE FROM entity_types WHERE entity_id IN ({marks}) AND n <= 0", part)
        conn.execute(f"DELETE FROM entity_days WHERE entity_id IN ({marks}) AND mentions <= 0", part)
        conn.execute(
            f"DELETE FROM entities WHERE id IN ({marks}) AND mentions <= 0"
            " AND NOT EXISTS (SELECT 1 FROM rules WHERE instr(rules.payload, json_quote(entities.key)))",
            part,
        )


def delete_articles(db: sqlite_utils.Database, article_ids: Iterable[int]) -> int:
    """Delete these articles (ids that do not exist are ignored) in one transaction; returns
    how many were deleted."""
    conn = db.conn
    with write_errors_in_words("Nothing was deleted"):
        conn.execute("BEGIN IMMEDIATE")
        try:
            deleted = 0
            touched: set[int] = set()
            stories: set[int] = set()
            for part, marks in chunks(article_ids):
                stories |= stories_of(conn, part)
                adjust_copies(conn, copies_among(conn, part), -1)
                touched |= subtract_counts(conn, part, marks)
                conn.execute(f"DELETE FROM mentions WHERE article_id IN ({marks})", part)
                deleted += conn.execute(f"DELETE FROM articles WHERE id IN ({marks})", part).rowcount
            regroup(conn, stories)
            drop_orphans(conn, touched)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
    return deleted
