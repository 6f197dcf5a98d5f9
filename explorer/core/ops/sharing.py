"""The library shared read-only through Datasette: generated metadata, canned queries, the server.

Datasette opens the file in immutable mode (SQLite's ``immutable=1``: no write, no lock, no
journal), so nothing a visitor sends can change it. Immutable mode ignores a ``-wal`` file, so
whatever the write-ahead log still holds is folded into the file first. ``datasette`` is imported
only here and only when serving (the ``serve`` extra).
"""

from __future__ import annotations

import ipaddress
import sqlite3
from pathlib import Path
from typing import Any

MISSING_EXTRA = 'install knowledge-explorer[serve] to share a library (pip install "knowledge-explorer[serve]")'
LOOPBACK_NAMES = ("localhost",)


class SharingError(Exception):
    """The library cannot be served; the message is one sentence for the user."""


TABLES: dict[str, tuple[str, dict[str, str], list[Any]]] = {
    "articles": (
        "One row per imported text.",
        {
            "title": "From a Title: header or front matter, a short first line, else the first words",
            "body": "The text as imported (newlines normalised)",
            "published": "Publication date YYYY-MM-DD, only from strong evidence; empty when undated",
            "date_source": "Where the date came from (header, file name, dateline, given)",
            "source": "The news source or agency",
            "path": "The file it was read from",
            "file_mtime": "The file's modification time (never used as the publication date)",
            "sha256": "Of the normalised text: the same text is stored once",
            "words": "Number of words",
            "entity_count": "Visible entities mentioned",
        },
        [{"date": "published"}, "source", "date_source"],
    ),
    "entities": (
        "People, organisations, places, groups, events, dates… one row per thing named.",
        {
            "name": "The name shown",
            "type": "person, organisation, place, group, event, law, product, work or date",
            "hidden": "1 when hidden by curation (left out of every list)",
            "articles": "Articles mentioning it",
            "mentions": "Times it is mentioned",
        },
        ["type", "hidden"],
    ),
    "mentions": (
        "Each place in an article where an entity is named.",
        {
            "start": "Character offset in the body",
            "end": "Character offset after the mention",
            "sentence": "Sentence number in the article (two entities co-occur in one sentence)",
            "label": "The model's label",
            "time_start": "For a date: first day of the period it refers to",
            "time_end": "For a date: last day of the period it refers to",
        },
        ["label"],
    ),
    "entity_days": ("Per entity and publication day: articles and mentions (the timelines).", {}, []),
    "article_tags": ("The user's tags of articles.", {"tag": "A tag"}, ["tag"]),
    "article_notes": ("The user's star and note per article.", {"starred": "1 when starred"}, ["starred"]),
    "aliases": ("Normalised names that resolve to an entity (merges, short forms).", {}, []),
    "rules": ("Curation actions, replayed on every later import.", {"kind": "merge, rename, …"}, ["kind"]),
}

_ENTITY = "SELECT id FROM entities WHERE name = :entity COLLATE NOCASE AND hidden = 0"
QUERIES: dict[str, dict[str, str]] = {
    "articles_mentioning": {
        "title": "Articles mentioning an entity",
        "description": "Give an entity's name as shown (any case); newest first.",
        "sql": f"""SELECT a.id, a.title, a.published, a.source, count(*) AS mentions
FROM mentions m JOIN articles a ON a.id = m.article_id
WHERE m.entity_id IN ({_ENTITY})
GROUP BY a.id ORDER BY a.published IS NULL, a.published DESC, a.id""",
    },
    "entity_timeline": {
        "title": "An entity's timeline",
        "description": "Articles and mentions per month of publication (undated articles left out).",
        "sql": f"""SELECT substr(d.day, 1, 7) AS month, sum(d.articles) AS articles, sum(d.mentions) AS mentions
FROM entity_days d
WHERE d.entity_id IN ({_ENTITY}) AND d.day IS NOT NULL
GROUP BY month ORDER BY month""",
    },
    "entities_sharing_sentences": {
        "title": "Entities sharing sentences with an entity",
        "description": "The entities mentioned in the same sentences, most shared first.",
        "sql": f"""WITH target AS ({_ENTITY}),
own AS (SELECT DISTINCT article_id, sentence FROM mentions WHERE entity_id IN (SELECT id FROM target))
SELECT e.name, e.type, count(DISTINCT m.article_id || ':' || m.sentence) AS sentences
FROM own JOIN mentions m ON m.article_id = own.article_id AND m.sentence = own.sentence
JOIN entities e ON e.id = m.entity_id
WHERE e.hidden = 0 AND e.id NOT IN (SELECT id FROM target)
GROUP BY e.id ORDER BY sentences DESC, e.name LIMIT 200""",
    },
}


def metadata(db_name: str) -> dict[str, Any]:
    """Datasette metadata for the library served as ``db_name``: descriptions, facets, queries."""
    tables = {
        table: {"description": text, "columns": columns, "facets": facets}
        for table, (text, columns, facets) in TABLES.items()
    }
    return {
        "title": "Knowledge Explorer library",
        "description": "Read-only: the articles, entities and mentions of a Knowledge Explorer library.",
        "databases": {db_name: {"tables": tables, "queries": QUERIES}},
    }


def is_loopback(host: str) -> bool:
    """Whether only this computer can reach ``host``."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def fold_wal(path: Path) -> None:
    """Write the write-ahead log's pages into the file, which immutable mode alone reads."""
    wal = Path(f"{path}-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(path)
        try:
            busy, pages, folded = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise SharingError(
            f"The latest changes of {path} are still in {wal.name} and cannot be written into the file here "
            f"({exc}): open it once on a disk that can be written, then serve it."
        ) from exc
    if busy or folded < pages:
        raise SharingError(
            f"The latest changes of {path} are still in {wal.name}: another program is reading or writing "
            f"the library; close it (or wait for its import to end), then serve it."
        )


def datasette_app(path: Path) -> Any:
    """A Datasette of the library in immutable mode, its startup hooks run; SharingError without the extra."""
    try:
        from datasette.app import Datasette
    except ImportError as exc:
        raise SharingError(f"Datasette is not installed: {MISSING_EXTRA}.") from exc
    fold_wal(path)
    return Datasette(immutables=[str(path)], metadata=metadata(path.stem), settings={"sql_time_limit_ms": 5000})


def serve(app: Any, host: str, port: int) -> None:
    """Serve a ``datasette_app`` until interrupted."""
    import asyncio

    import uvicorn

    asyncio.run(app.invoke_startup())
    uvicorn.run(app.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)
