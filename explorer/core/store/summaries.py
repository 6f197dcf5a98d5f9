"""Rebuilding every summary from ``mentions``: the check and the repair of what writers keep.

Imports, curation and deletion keep ``entities.articles/mentions``, ``entity_types``,
``entity_days`` and ``articles.entity_count`` up to date as they write (and triggers keep
``corpus_totals`` and ``corpus_days``), so nothing interactive ever counts ``mentions``.
``rebuild_summaries`` recomputes them all from scratch in one transaction, with a few set-wise
passes (never a query per row from Python):
for a database written by an older program, one copied from elsewhere, or one built in bulk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from explorer.core.store.schema import write_errors_in_words
from explorer.core.store.story_counts import recount_copies

Progress = Callable[[str], None]


def _entity_totals(conn: sqlite3.Connection) -> None:
    conn.execute(
        "UPDATE entities SET (articles, mentions) = (SELECT count(DISTINCT article_id), count(*)"
        " FROM mentions WHERE entity_id = entities.id)"
    )


def _entity_types(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM entity_types")
    conn.execute(
        "INSERT INTO entity_types (entity_id, type, n)"
        " SELECT entity_id, label, count(*) FROM mentions GROUP BY entity_id, label"
    )


def _entity_days(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM entity_days")
    conn.execute(
        "INSERT INTO entity_days (entity_id, day, articles, mentions)"
        " SELECT m.entity_id, a.published, count(DISTINCT m.article_id), count(*)"
        " FROM mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE a.published IS NOT NULL GROUP BY m.entity_id, a.published"
    )


def _article_entity_counts(conn: sqlite3.Connection) -> None:
    """Distinct visible entities per article; only the rows that change are rewritten."""
    conn.execute("DROP TABLE IF EXISTS temp.article_entities")
    conn.execute(
        "CREATE TEMP TABLE article_entities AS SELECT m.article_id AS id, count(DISTINCT m.entity_id) AS n"
        " FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.hidden = 0 GROUP BY m.article_id"
    )
    conn.execute("CREATE UNIQUE INDEX temp.article_entities_id ON article_entities (id)")
    conn.execute(
        "UPDATE articles SET entity_count = coalesce((SELECT n FROM temp.article_entities t"
        " WHERE t.id = articles.id), 0) WHERE entity_count IS NOT coalesce((SELECT n FROM"
        " temp.article_entities t WHERE t.id = articles.id), 0)"
    )
    conn.execute("DROP TABLE temp.article_entities")


def _corpus_totals(conn: sqlite3.Connection) -> None:
    conn.execute(
        "UPDATE corpus_totals SET articles = (SELECT count(*) FROM articles),"
        " undated = (SELECT count(*) FROM articles WHERE published IS NULL)"
    )
    conn.execute("DELETE FROM corpus_days")
    conn.execute(
        "INSERT INTO corpus_days (day, articles)"
        " SELECT published, count(*) FROM articles WHERE published IS NOT NULL GROUP BY published"
    )


STEPS: tuple[tuple[str, Callable[[sqlite3.Connection], None]], ...] = (
    ("articles and mentions per entity", _entity_totals),
    ("type votes per entity", _entity_types),
    ("counts per entity and day", _entity_days),
    ("entities per article", _article_entity_counts),
    ("articles in all and per day", _corpus_totals),
    ("what copies of a story count", recount_copies),
)


def rebuild_summaries(conn: sqlite3.Connection, progress: Progress | None = None) -> None:
    """Recompute every summary table from ``mentions`` and ``articles``, atomically.

    Entity types stay as they are: a type is settled by votes as batches arrive and may be
    fixed by the user, and recounting the votes changes neither.
    """
    with write_errors_in_words("Nothing was recounted"):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for name, step in STEPS:
                if progress is not None:
                    progress(name)
                step(conn)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
