"""Stories: near-duplicate articles grouped as they are stored, and grouped again from scratch.

Two articles are linked in two stages: candidates share a band key of their MinHash signatures
(loose bands, ``shingles.py``), and a candidate is verified by aligning the two texts'
words (``alignment.py``: likeness at least the library's threshold, and the guards). A story is a
connected group of linked articles, named by its first (lowest) article id. Links depend only
on the two texts, so the groups are the same whatever order or batches the articles came in: an
import only adds links (joining stories), a deletion regroups the stories it touched from their
remaining articles. Two limits keep an import cheap whatever the library holds, and only they
can make the order matter: a band key shared by more than ``BUCKET_LIMIT`` articles (a formula's
or boilerplate's) gives no candidates, and at most ``MAX_CANDIDATES`` are verified per article,
those sharing the most keys first.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from explorer.core import settings
from explorer.core.extraction.alignment import Text, likeness, text_of, verdict
from explorer.core.extraction.shingles import CANDIDATE_BANDS, Bands, band_keys, words_signature
from explorer.core.store.batching import chunks
from explorer.core.store.schema import write_errors_in_words
from explorer.core.store.story_counts import adjust_copies, copies_among, recount_copies

Progress = Callable[[int, int], None]

BUCKET_LIMIT = 64
MAX_CANDIDATES = 24


@dataclass(frozen=True)
class StorySettings:
    threshold: float
    bands: Bands


STALE = (
    "The stories of this library were grouped by an older method: new articles are compared only"
    " with articles imported since. Run `knowledge-explorer stories rebuild` (Stories ▸ Rebuild"
    " Stories) to group every article again."
)


def stories_stale(conn: sqlite3.Connection) -> bool:
    """Whether the stories were grouped by the older method (migration 010) and not rebuilt since."""
    row = conn.execute("SELECT stale FROM story_settings WHERE id = 1").fetchone()
    return bool(row and row[0])


def story_settings(conn: sqlite3.Connection) -> StorySettings:
    """The library's threshold and bands (the default until a rebuild chose another)."""
    row = conn.execute("SELECT threshold, bands, rows_per_band FROM story_settings WHERE id = 1").fetchone()
    if row:
        return StorySettings(row[0], Bands(row[1], row[2]))
    return StorySettings(settings.DEFAULT_STORY_THRESHOLD, CANDIDATE_BANDS)


class _Texts:
    """Normalised texts read once per run, from the text given or the stored article."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.known: dict[int, Text] = {}

    def of(self, article_id: int) -> Text:
        if article_id not in self.known:
            row = self.conn.execute("SELECT body, title FROM articles WHERE id = ?", (article_id,)).fetchone()
            self.known[article_id] = text_of(*row) if row else Text([], 0)
        return self.known[article_id]


class _Partition:
    """Union-find over article ids."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        root = self.parent.setdefault(item, item)
        while root != self.parent[root]:
            root = self.parent[root]
        while item != root:
            item, self.parent[item] = self.parent[item], root
        return root

    def join(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for item in self.parent:
            found[self.find(item)].append(item)
        return [sorted(group) for group in found.values()]


def group_articles(conn: sqlite3.Connection, articles: Sequence[tuple[int, str, str]]) -> None:
    """Group newly stored ``(id, title, body)`` articles with every stored one, in the caller's
    transaction."""
    threshold = story_settings(conn).threshold
    texts = _Texts(conn)
    keys: dict[int, list[int]] = {}
    for article_id, title, body in articles:
        text = texts.known[article_id] = text_of(body, title)
        sig = words_signature(text.words)
        keys[article_id] = band_keys(sig) if sig is not None else []
    conn.executemany(
        "INSERT OR IGNORE INTO story_keys (key, article_id) VALUES (?, ?)",
        [(key, article_id) for article_id, found in keys.items() for key in found],
    )
    crowded = _crowded(conn, {key for found in keys.values() for key in found})
    links = _Partition()
    for article_id, _, _ in articles:
        text = texts.of(article_id)
        usable = [key for key in keys[article_id] if key not in crowded]
        for others in _candidates(conn, article_id, usable).values():
            for other in others:  # one link reaches a story: its other articles add nothing
                if verdict(text, texts.of(other), threshold).same_story:
                    links.join(_story_of(conn, article_id), _story_of(conn, other))
                    break
    for group in links.groups():
        if len(group) > 1:
            _merge_stories(conn, group, texts)


def _crowded(conn: sqlite3.Connection, keys: set[int]) -> set[int]:
    """The keys shared by more than ``BUCKET_LIMIT`` articles: a formula's or boilerplate's."""
    found: set[int] = set()
    for part, _ in chunks(keys):
        marks = ",".join("(?)" for _ in part)  # one row of VALUES per key
        found.update(
            r[0]
            for r in conn.execute(
                f"WITH k (key) AS (VALUES {marks}) SELECT key FROM k"
                " WHERE (SELECT count(*) FROM (SELECT 1 FROM story_keys s WHERE s.key = k.key LIMIT ?)) > ?",
                (*part, BUCKET_LIMIT + 1, BUCKET_LIMIT),
            )
        )
    return found


def _candidates(conn: sqlite3.Connection, article_id: int, keys: list[int]) -> dict[int, list[int]]:
    """The articles sharing one of these keys with this one, at most ``MAX_CANDIDATES``, the
    most keys shared first, by their story."""
    found: dict[int, list[int]] = defaultdict(list)
    if not keys:
        return found
    marks = ",".join("?" * len(keys))
    for other, story in conn.execute(
        "SELECT b.article_id, coalesce(s.story_id, b.article_id) FROM story_keys b"
        " LEFT JOIN article_stories s ON s.article_id = b.article_id"
        f" WHERE b.key IN ({marks}) AND b.article_id != ?"
        " GROUP BY b.article_id ORDER BY count(*) DESC, b.article_id LIMIT ?",
        (*keys, article_id, MAX_CANDIDATES),
    ):
        found[story].append(other)
    return found


def _story_of(conn: sqlite3.Connection, article_id: int) -> int:
    row = conn.execute("SELECT story_id FROM article_stories WHERE article_id = ?", (article_id,)).fetchone()
    return row[0] if row else article_id


def _members(conn: sqlite3.Connection, story_ids: Iterable[int]) -> set[int]:
    found = set(story_ids)
    for part, marks in chunks(found.copy()):
        found.update(
            r[0] for r in conn.execute(f"SELECT article_id FROM article_stories WHERE story_id IN ({marks})", part)
        )
    return found


def _merge_stories(conn: sqlite3.Connection, story_ids: list[int], texts: _Texts) -> None:
    """Make one story of these stories (each named by its first article)."""
    _write_groups(conn, [sorted(_members(conn, story_ids))], texts)


def _write_groups(conn: sqlite3.Connection, groups: list[list[int]], texts: _Texts) -> None:
    """Store each sorted group as a story (a group of one as none), keeping the copies' counts."""
    members = [article_id for group in groups for article_id in group]
    before = copies_among(conn, members)
    for part, marks in chunks(members):
        conn.execute(f"DELETE FROM article_stories WHERE article_id IN ({marks})", part)
    rows = []
    for group in groups:
        if len(group) < 2:
            continue
        first = texts.of(group[0])
        for article_id in group:
            score = 1.0 if article_id == group[0] else likeness(first.words, texts.of(article_id).words)
            rows.append((article_id, group[0], score))
    conn.executemany(
        "INSERT INTO article_stories (article_id, story_id, similarity, published)"
        " SELECT id, ?, ?, published FROM articles WHERE id = ?",
        [(story_id, score, article_id) for article_id, story_id, score in rows],
    )
    after = {article_id for article_id, story_id, _ in rows if article_id != story_id}
    adjust_copies(conn, before - after, -1)
    adjust_copies(conn, after - before, 1)


def stories_of(conn: sqlite3.Connection, article_ids: Iterable[int]) -> set[int]:
    """The stories (of two or more) these articles are in."""
    found: set[int] = set()
    for part, marks in chunks(article_ids):
        found.update(
            r[0] for r in conn.execute(f"SELECT story_id FROM article_stories WHERE article_id IN ({marks})", part)
        )
    return found


def regroup(conn: sqlite3.Connection, story_ids: Iterable[int]) -> None:
    """Group the remaining articles of these stories again among themselves (after a deletion:
    a story can only split, since its articles' links to others are unchanged)."""
    threshold = story_settings(conn).threshold
    texts = _Texts(conn)
    for story_id in story_ids:
        members = sorted(
            r[0] for r in conn.execute("SELECT article_id FROM article_stories WHERE story_id = ?", (story_id,))
        )
        links = _Partition()
        by_key: dict[int, list[int]] = defaultdict(list)
        for part, marks in chunks(members):
            for key, article_id in conn.execute(
                f"SELECT key, article_id FROM story_keys WHERE article_id IN ({marks})", part
            ):
                by_key[key].append(article_id)
        for article_id in members:
            links.find(article_id)
        for sharing in by_key.values():
            for i, first in enumerate(sharing):
                for second in sharing[i + 1 :]:
                    if links.find(first) == links.find(second):
                        continue
                    if verdict(texts.of(first), texts.of(second), threshold).same_story:
                        links.join(first, second)
        _write_groups(conn, links.groups(), texts)


def rebuild_stories(
    conn: sqlite3.Connection, threshold: float | None = None, progress: Progress | None = None, chunk: int = 500
) -> None:
    """Group every article again from scratch (at ``threshold``, else the library's), in one
    transaction: until it commits, the old groups stay readable."""
    threshold = story_settings(conn).threshold if threshold is None else threshold
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"A story threshold is a similarity above 0 and at most 1, not {threshold}.")
    bands = CANDIDATE_BANDS
    with write_errors_in_words("The stories were not grouped again"):
        _rebuild(conn, threshold, bands, progress, chunk)


def _rebuild(conn: sqlite3.Connection, threshold: float, bands: Bands, progress: Progress | None, chunk: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "INSERT INTO story_settings (id, threshold, bands, rows_per_band, stale) VALUES (1, ?, ?, ?, 0)"
            " ON CONFLICT (id) DO UPDATE SET threshold = excluded.threshold, bands = excluded.bands,"
            " rows_per_band = excluded.rows_per_band, stale = 0",
            (threshold, bands.count, bands.rows),
        )
        conn.execute("DELETE FROM story_keys")
        conn.execute("DELETE FROM article_stories")
        recount_copies(conn)
        total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        done, last = 0, 0
        while True:
            rows = conn.execute(
                "SELECT id, title, body FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, chunk)
            ).fetchall()
            if not rows:
                break
            group_articles(conn, rows)
            done, last = done + len(rows), rows[-1][0]
            if progress is not None:
                progress(done, total)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
