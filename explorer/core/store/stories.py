"""Stories: near-duplicate articles grouped as they are stored, and grouped again from scratch.

Two articles are linked when they share a band key of their MinHash signatures and their
estimated similarity reaches the library's threshold; a story is a connected group of linked
articles, named by its first (lowest) article id. Links depend only on the two texts, so the
groups are the same whatever order or batches the articles came in: an import only adds links
(joining stories), a deletion regroups the stories it touched from their remaining articles.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from explorer.core import settings
from explorer.core.extraction.shingles import Bands, band_keys, bands_for, signature, similarity
from explorer.core.store.batching import chunks
from explorer.core.store.schema import write_errors_in_words
from explorer.core.store.story_counts import adjust_copies, copies_among, recount_copies

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class StorySettings:
    threshold: float
    bands: Bands


def story_settings(conn: sqlite3.Connection) -> StorySettings:
    """The library's threshold and bands (the default until a rebuild chose another)."""
    row = conn.execute("SELECT threshold, bands, rows_per_band FROM story_settings WHERE id = 1").fetchone()
    if row:
        return StorySettings(row[0], Bands(row[1], row[2]))
    return StorySettings(settings.DEFAULT_STORY_THRESHOLD, bands_for(settings.DEFAULT_STORY_THRESHOLD))


class _Signatures:
    """Signatures computed once per run, from the text given or the stored body."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.known: dict[int, np.ndarray | None] = {}

    def of(self, article_id: int) -> np.ndarray | None:
        if article_id not in self.known:
            row = self.conn.execute("SELECT body, title FROM articles WHERE id = ?", (article_id,)).fetchone()
            self.known[article_id] = signature(*row) if row else None
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
    config = story_settings(conn)
    sigs = _Signatures(conn)
    for article_id, title, body in articles:
        sig = sigs.known[article_id] = signature(body, title)
        if sig is not None:
            conn.executemany(
                "INSERT OR IGNORE INTO story_keys (key, article_id) VALUES (?, ?)",
                [(key, article_id) for key in band_keys(sig, config.bands)],
            )
    links = _Partition()
    for article_id, _, _ in articles:
        sig = sigs.known[article_id]
        if sig is None:
            continue
        for others in _candidates(conn, article_id).values():
            for other in others:  # one link reaches a story: its other articles add nothing
                other_sig = sigs.of(other)
                if other_sig is not None and similarity(sig, other_sig) >= config.threshold:
                    links.join(_story_of(conn, article_id), _story_of(conn, other))
                    break
    for group in links.groups():
        if len(group) > 1:
            _merge_stories(conn, group, sigs)


def _candidates(conn: sqlite3.Connection, article_id: int) -> dict[int, list[int]]:
    """The articles sharing a band key with this one, by their story."""
    found: dict[int, list[int]] = defaultdict(list)
    for other, story in conn.execute(
        "SELECT DISTINCT b.article_id, coalesce(s.story_id, b.article_id) FROM story_keys a"
        " JOIN story_keys b ON b.key = a.key AND b.article_id != a.article_id"
        " LEFT JOIN article_stories s ON s.article_id = b.article_id"
        " WHERE a.article_id = ? ORDER BY b.article_id",
        (article_id,),
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


def _merge_stories(conn: sqlite3.Connection, story_ids: list[int], sigs: _Signatures) -> None:
    """Make one story of these stories (each named by its first article)."""
    _write_groups(conn, [sorted(_members(conn, story_ids))], sigs)


def _write_groups(conn: sqlite3.Connection, groups: list[list[int]], sigs: _Signatures) -> None:
    """Store each sorted group as a story (a group of one as none), keeping the copies' counts."""
    members = [article_id for group in groups for article_id in group]
    before = copies_among(conn, members)
    for part, marks in chunks(members):
        conn.execute(f"DELETE FROM article_stories WHERE article_id IN ({marks})", part)
    rows = []
    for group in groups:
        if len(group) < 2:
            continue
        first = sigs.of(group[0])
        for article_id in group:
            sig = sigs.of(article_id)
            score = 1.0 if article_id == group[0] or sig is None or first is None else similarity(first, sig)
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
    config = story_settings(conn)
    sigs = _Signatures(conn)
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
                    a, b = sigs.of(first), sigs.of(second)
                    if a is not None and b is not None and similarity(a, b) >= config.threshold:
                        links.join(first, second)
        _write_groups(conn, links.groups(), sigs)


def rebuild_stories(
    conn: sqlite3.Connection, threshold: float | None = None, progress: Progress | None = None, chunk: int = 500
) -> None:
    """Group every article again from scratch (at ``threshold``, else the library's), in one
    transaction: until it commits, the old groups stay readable."""
    threshold = story_settings(conn).threshold if threshold is None else threshold
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"A story threshold is a similarity above 0 and at most 1, not {threshold}.")
    bands = bands_for(threshold)
    with write_errors_in_words("The stories were not grouped again"):
        _rebuild(conn, threshold, bands, progress, chunk)


def _rebuild(conn: sqlite3.Connection, threshold: float, bands: Bands, progress: Progress | None, chunk: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "INSERT INTO story_settings (id, threshold, bands, rows_per_band) VALUES (1, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET threshold = excluded.threshold, bands = excluded.bands,"
            " rows_per_band = excluded.rows_per_band",
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
