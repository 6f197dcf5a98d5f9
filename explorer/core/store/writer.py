"""Writing imported articles and their mentions, one transaction per batch.

Entities are resolved through ``aliases`` (every entity's own key is an alias of it), so an
acronym defined in one article links its bare use in any later one. The summaries the window
reads (``entities.articles/mentions``, ``entity_days``, ``articles.entity_count``) are kept
here, in the same transaction, so they can never disagree with ``mentions`` after a crash.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime

import sqlite_utils

from explorer.core.extraction.countries import country_of_demonym
from explorer.core.extraction.name_drafts import normalize_name
from explorer.core.model import ArticleDraft, Mention
from explorer.core.store.article_paths import record_paths
from explorer.core.store.curation_sql import apply_rules
from explorer.core.store.paths import path_from_db, path_to_db
from explorer.core.store.relations import GROUP_OF
from explorer.core.store.stories import group_articles

# When votes tie, the more specific reading wins.
_TYPE_PRIORITY = {
    t: i for i, t in enumerate(("date", "person", "organisation", "place", "group", "event", "law", "product", "work"))
}

Item = tuple[ArticleDraft, Sequence[Mention]]


def known_hashes(db: sqlite_utils.Database, hashes: Iterable[str]) -> set[str]:
    """The subset of ``hashes`` already stored (the duplicates of a batch)."""
    hashes = list(hashes)
    found: set[str] = set()
    for i in range(0, len(hashes), 500):
        chunk = hashes[i : i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in db.execute(f"SELECT sha256 FROM articles WHERE sha256 IN ({marks})", chunk))
    return found


def stored_file(db: sqlite_utils.Database, file_sha256: str) -> str | None:
    """The sha256 of the text of an article stored from a file with these bytes, if any."""
    row = db.execute("SELECT sha256 FROM articles WHERE file_sha256 = ? LIMIT 1", [file_sha256]).fetchone()
    return row[0] if row else None


def stored_articles(db: sqlite_utils.Database, hashes: Iterable[str]) -> dict[str, tuple[int, str, str | None]]:
    """The (id, title, path) of each stored article among ``hashes``: what a duplicate duplicates."""
    hashes = list(hashes)
    found: dict[str, tuple[int, str, str | None]] = {}
    for i in range(0, len(hashes), 500):
        chunk = hashes[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for sha, article_id, title, path in db.execute(
            f"SELECT sha256, id, title, path FROM articles WHERE sha256 IN ({marks})", chunk
        ):
            found[sha] = (article_id, title, path_from_db(path))
    return found


def add_batch(
    db: sqlite_utils.Database, items: Sequence[Item], seen_again: Iterable[tuple[str, str]] = ()
) -> list[int | None]:
    """Store articles with their mentions atomically, grouped into stories; returns each new id,
    None for a duplicate. ``seen_again`` holds the (sha256, path) of exact duplicates met."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        ids = BatchWriter(conn).write(items)
        group_articles(
            conn, [(i, draft.title, draft.body) for (draft, _), i in zip(items, ids, strict=True) if i is not None]
        )
        record_paths(conn, seen_again)
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
    return ids


class BatchWriter:
    """One batch's articles, mentions and the summaries they change, in the caller's transaction
    (an import's ``add_batch`` and re-extraction's ``replace_mentions``)."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.entity_ids: dict[str, int] = {}
        self.votes: Counter[tuple[int, str]] = Counter()
        self.mention_counts: Counter[int] = Counter()
        self.article_counts: Counter[int] = Counter()
        self.day_counts: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])

    def write(self, items: Sequence[Item]) -> list[int | None]:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        ids = [self._write_article(draft, mentions, now) for draft, mentions in items]
        self.write_summaries()
        apply_rules(self.conn, ids)
        return ids

    def _write_article(self, draft: ArticleDraft, mentions: Sequence[Mention], now: str) -> int | None:
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO articles (title, body, published, date_source, source, source_origin,"
            " path, file_mtime, encoding, sha256, words, imported_at, format, title_source, author, recipients,"
            " original_path, parent_id, pages, file_sha256)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " (SELECT id FROM articles WHERE sha256 = ?), ?, ?)",
            (
                draft.title,
                draft.body,
                draft.published.isoformat() if draft.published else None,
                draft.date_source,
                draft.source,
                draft.source_origin,
                path_to_db(draft.path),
                draft.file_mtime,
                draft.encoding,
                draft.sha256,
                draft.words,
                now,
                draft.format,
                draft.title_source,
                draft.author,
                draft.recipients,
                draft.original_path,
                draft.parent_sha256,
                json.dumps(list(draft.pages)) if draft.pages else None,
                draft.file_sha256,
            ),
        )
        if cursor.rowcount == 0:
            return None
        return self.write_mentions(cursor.lastrowid, draft.published, mentions)

    def write_mentions(self, article_id: int, published: date | None, mentions: Sequence[Mention]) -> int:
        rows = []
        per_entity: Counter[int] = Counter()
        for mention in mentions:
            entity_id = self._resolve(mention)
            per_entity[entity_id] += 1
            self.votes[entity_id, mention.type] += 1
            rows.append(
                (
                    article_id,
                    entity_id,
                    mention.start,
                    mention.end,
                    mention.sentence,
                    mention.type,
                    mention.time_start,
                    mention.time_end,
                )
            )
        self.conn.executemany(
            'INSERT INTO mentions (article_id, entity_id, start, "end", sentence, label, time_start, time_end)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        day = published.isoformat() if published else None
        for entity_id, n in per_entity.items():
            self.mention_counts[entity_id] += n
            self.article_counts[entity_id] += 1
            if day:
                counts = self.day_counts[entity_id, day]
                counts[0] += 1
                counts[1] += n
        self.conn.execute(
            "UPDATE articles SET entity_count = ?, extracted = 1 WHERE id = ?", (len(per_entity), article_id)
        )
        return article_id

    def _resolve(self, mention: Mention) -> int:
        key = normalize_name(mention.name)
        entity_id = self.entity_ids.get(key)
        if entity_id is None:
            row = self._known_alias(key, mention.aliases)
            if row:
                entity_id = row[0]
            else:
                entity_id = self.conn.execute(
                    "INSERT INTO entities (key, name, type) VALUES (?, ?, ?)", (key, mention.name, mention.type)
                ).lastrowid
            self.conn.execute("INSERT OR IGNORE INTO aliases (alias_norm, entity_id) VALUES (?, ?)", (key, entity_id))
            self.entity_ids[key] = entity_id
            if mention.type == "group":
                self._relate_to_country(entity_id, mention.name)
        for alias in mention.aliases:
            alias_key = normalize_name(alias)
            if alias_key not in self.entity_ids:
                self.conn.execute(
                    "INSERT OR IGNORE INTO aliases (alias_norm, entity_id) VALUES (?, ?)", (alias_key, entity_id)
                )
        return entity_id

    def _relate_to_country(self, entity_id: int, name: str) -> None:
        """A demonym's group is a 'group of' its country, which stays an entity of its own."""
        country = country_of_demonym(name)
        if country:
            self.conn.execute(
                "INSERT OR IGNORE INTO entity_relations (entity_id, relation, target_key, target_name)"
                " VALUES (?, ?, ?, ?)",
                (entity_id, GROUP_OF, normalize_name(country), country),
            )

    def _known_alias(self, key: str, aliases: Sequence[str]) -> tuple[int] | None:
        """The entity that ``key``, else one of the mention's aliases, already names."""
        for name in (key, *map(normalize_name, aliases)):
            row = self.conn.execute("SELECT entity_id FROM aliases WHERE alias_norm = ?", (name,)).fetchone()
            if row:
                return row
        return None

    def write_summaries(self) -> None:
        self.conn.executemany(
            "INSERT INTO entity_types (entity_id, type, n) VALUES (?, ?, ?)"
            " ON CONFLICT (entity_id, type) DO UPDATE SET n = n + excluded.n",
            [(entity_id, type_, n) for (entity_id, type_), n in self.votes.items()],
        )
        self.conn.executemany(
            "UPDATE entities SET mentions = mentions + ?, articles = articles + ? WHERE id = ?",
            [(n, self.article_counts[entity_id], entity_id) for entity_id, n in self.mention_counts.items()],
        )
        self.conn.executemany(
            "INSERT INTO entity_days (entity_id, day, articles, mentions) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (entity_id, day) DO UPDATE SET"
            " articles = articles + excluded.articles, mentions = mentions + excluded.mentions",
            [(entity_id, day, a, m) for (entity_id, day), (a, m) in self.day_counts.items()],
        )
        self._settle_types({entity_id for entity_id, _ in self.votes})

    def _settle_types(self, entity_ids: set[int]) -> None:
        """An entity's type is the majority of how its mentions were recognised, corpus-wide;
        a one-word name is a person only if no other reading was voted or some person's longer
        name contains it (news names a person in full first: a lone "Ryanair" read as a person
        in some articles and as a company in others is the company)."""
        ids = list(entity_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            votes: dict[int, dict[str, int]] = defaultdict(dict)
            keys = {}
            for entity_id, key, type_, n in self.conn.execute(
                "SELECT t.entity_id, e.key, t.type, t.n FROM entity_types t JOIN entities e ON e.id = t.entity_id"
                f" WHERE t.entity_id IN ({marks})",
                chunk,
            ):
                votes[entity_id][type_] = n
                keys[entity_id] = key
            for entity_id, counts in votes.items():
                if _doubtful_person(counts, keys[entity_id]) and not self._part_of_a_person(keys[entity_id]):
                    del counts["person"]
            best = {
                entity_id: max(counts, key=lambda t: (counts[t], -_TYPE_PRIORITY.get(t, 99), t))
                for entity_id, counts in votes.items()
            }
            self.conn.executemany(
                "UPDATE entities SET type = ? WHERE id = ? AND type != ?",
                [(type_, entity_id, type_) for entity_id, type_ in best.items()],
            )

    def _part_of_a_person(self, key: str) -> bool:
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return (
            self.conn.execute(
                "SELECT 1 FROM entities WHERE type = 'person' AND (key LIKE ? ESCAPE '\\' OR key LIKE ? ESCAPE '\\')"
                " LIMIT 1",
                (f"% {escaped}", f"{escaped} %"),
            ).fetchone()
            is not None
        )


def _doubtful_person(counts: dict[str, int], key: str) -> bool:
    """A one-word name voted a person and also something else (a date never counts)."""
    return " " not in key and "person" in counts and any(t not in ("person", "date") for t in counts)
