"""The reads of stories: the list of stories, one story's versions, an article's other versions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Version:
    """One article of a story, as the story list and the reader show it."""

    id: int
    title: str
    published: str | None
    source: str | None
    similarity: float  # the likeness to the story's first article (aligned words)


@dataclass(frozen=True)
class Story:
    id: int  # its first article's id
    versions: tuple[Version, ...]


_VERSIONS = (
    "SELECT a.id, a.title, a.published, a.source, s.similarity FROM article_stories s"
    " JOIN articles a ON a.id = s.article_id"
)


def stories(conn: sqlite3.Connection, min_size: int = 2, limit: int | None = None) -> list[Story]:
    """The stories of at least ``min_size`` articles, largest first (then by first article)."""
    rows = conn.execute(
        "WITH chosen AS (SELECT story_id, count(*) AS n FROM article_stories GROUP BY story_id"
        " HAVING n >= ? ORDER BY n DESC, story_id LIMIT ?)"
        " SELECT c.story_id, a.id, a.title, a.published, a.source, s.similarity FROM chosen c"
        " JOIN article_stories s ON s.story_id = c.story_id JOIN articles a ON a.id = s.article_id"
        " ORDER BY c.n DESC, c.story_id, s.article_id",
        (max(min_size, 2), -1 if limit is None else limit),
    )
    found: dict[int, list[Version]] = {}
    for story_id, *version in rows:
        found.setdefault(story_id, []).append(Version(*version))
    return [Story(story_id, tuple(versions)) for story_id, versions in found.items()]


def story_totals(conn: sqlite3.Connection) -> tuple[int, int]:
    """How many stories of two or more there are, and how many articles they hold."""
    row = conn.execute("SELECT count(DISTINCT story_id), count(*) FROM article_stories").fetchone()
    return row[0], row[1]


def versions_in(conn: sqlite3.Connection, story_id: int) -> tuple[Version, ...]:
    """The articles of a story, its first article first."""
    rows = conn.execute(f"{_VERSIONS} WHERE s.story_id = ? ORDER BY s.article_id", (story_id,)).fetchall()
    return tuple(Version(*row) for row in rows)


def story_of(conn: sqlite3.Connection, article_id: int) -> int | None:
    """The story an article is in, None when it is a story of its own."""
    row = conn.execute("SELECT story_id FROM article_stories WHERE article_id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def other_versions(conn: sqlite3.Connection, article_id: int) -> tuple[Version, ...]:
    """The other articles of this article's story (none when it has no copy)."""
    story_id = story_of(conn, article_id)
    if story_id is None:
        return ()
    return tuple(v for v in versions_in(conn, story_id) if v.id != article_id)
