"""Replacing the mentions of stored articles with a new extraction, one transaction per batch."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import sqlite_utils

from explorer.core.extraction.name_drafts import normalize_name
from explorer.core.model import Mention
from explorer.core.store.curation_sql import apply_rules, recount, rules
from explorer.core.store.writer import BatchWriter

Item = tuple[int, date | None, Sequence[Mention]]


@dataclass(frozen=True)
class StoredArticle:
    id: int
    title: str
    body: str
    published: date | None
    date_source: str
    file_mtime: str | None
    imported_at: str


def article_ids(db: sqlite_utils.Database, only: Sequence[int] | None = None) -> list[int]:
    """Every article's id in order, or those of ``only`` that exist."""
    ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
    return ids if only is None else sorted(set(ids) & set(only))


def stored_articles(db: sqlite_utils.Database, ids: Sequence[int]) -> Iterator[StoredArticle]:
    """Each article as stored, read one at a time."""
    for article_id in ids:
        row = db.execute(
            "SELECT title, body, published, date_source, file_mtime, imported_at FROM articles WHERE id = ?",
            [article_id],
        ).fetchone()
        if row:
            title, body, published, *rest = row
            yield StoredArticle(article_id, title, body, date.fromisoformat(published) if published else None, *rest)


def articles_entities(conn, ids: Sequence[int]) -> set[int]:
    marks = ",".join("?" * len(ids))
    return {r[0] for r in conn.execute(f"SELECT DISTINCT entity_id FROM mentions WHERE article_id IN ({marks})", ids)}


def replace_mentions(
    db: sqlite_utils.Database, items: Sequence[Item], redated: Mapping[int, tuple[date | None, str]] | None = None
) -> None:
    """Swap the articles' mentions for new ones through the writer's resolution and the rules;
    ``redated`` gives articles a new (published, date_source) in the same transaction."""
    if not items:
        return
    conn = db.conn
    ids = [article_id for article_id, _, _ in items]
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "UPDATE articles SET published = ?, date_source = ? WHERE id = ?",
            [(day.isoformat() if day else None, origin, i) for i, (day, origin) in (redated or {}).items()],
        )
        old_entities = articles_entities(conn, ids)
        conn.executemany("DELETE FROM mentions WHERE article_id = ?", [(i,) for i in ids])
        writer = BatchWriter(conn)
        for article_id, published, mentions in items:
            writer.write_mentions(article_id, published, mentions)
        writer.write_summaries()
        recount(conn, old_entities | set(writer.mention_counts), ids)
        apply_rules(conn, ids)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def drop_unmentioned(db: sqlite_utils.Database) -> int:
    """Delete entities left without mentions, except those the user's rules name."""
    conn = db.conn
    kept: set[str] = set()
    for _, _, payload in rules(conn):
        for field in ("key", "from", "into", "alias"):
            if field in payload:
                kept.add(payload[field])
        kept.update(payload.get("keys", ()))
        if "name" in payload:
            kept.add(normalize_name(payload["name"]))
    with conn:
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS kept_keys (key TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM kept_keys")
        conn.executemany("INSERT OR IGNORE INTO kept_keys VALUES (?)", [(k,) for k in kept])
        dropped = conn.execute(
            "DELETE FROM entities WHERE mentions = 0 AND id NOT IN"
            " (SELECT a.entity_id FROM aliases a JOIN kept_keys k ON k.key = a.alias_norm)"
        ).rowcount
        conn.execute("DELETE FROM kept_keys")
    return dropped
