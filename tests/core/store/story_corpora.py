"""Generated collections of near-duplicate articles and the grouping they should get, computed
naively (every pair compared) for the story tests to check the store's incremental grouping; and a
library as the previous version of the stories left it."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path

from hypothesis import strategies as st

from explorer.core.extraction.alignment import text_of, verdict
from explorer.core.extraction.shingles import band_keys, signature
from explorer.core.store import open_store
from explorer.core.store.writer import add_batch
from tests.store_builder import draft

WORDS = [f"w{i}" for i in range(300)]


@st.composite
def near_duplicates(draw, max_articles: int = 10, dated: bool = False):
    """Articles made from a few random texts of over 100 words (a copy needs no like headline),
    each copy with up to 30 words changed: pairs fall on both sides of the threshold. Titles are
    unique; equal bodies stay distinct articles. When ``dated``, each is published on one of a
    few days of 2024, or undated."""
    bases = [draw(st.lists(st.sampled_from(WORDS), min_size=100, max_size=130)) for _ in range(draw(st.integers(1, 3)))]
    articles = []
    for k in range(draw(st.integers(2, max_articles))):
        words = list(draw(st.sampled_from(bases)))
        for i, word in draw(st.lists(st.tuples(st.integers(0, len(words) - 1), st.sampled_from(WORDS)), max_size=30)):
            words[i] = word
        day = draw(st.sampled_from([None, date(2024, 1, 1), date(2024, 1, 9), date(2024, 3, 5)])) if dated else None
        articles.append(draft(f"a{k}", " ".join(words), day))
    return articles


def naive_partition(articles, threshold: float = 0.8) -> set[frozenset[str]]:
    """Titles grouped by comparing every pair: linked when they share a band key and their
    aligned words make one story at ``threshold``; groups are the connected parts."""
    sigs = {a.title: signature(a.body, a.title) for a in articles}
    texts = {a.title: text_of(a.body, a.title) for a in articles}
    keys = {t: set(band_keys(s)) for t, s in sigs.items() if s is not None}
    parent = {t: t for t in sigs}

    def find(t):
        while parent[t] != t:
            t = parent[t]
        return t

    titles = sorted(keys)
    for i, a in enumerate(titles):
        for b in titles[i + 1 :]:
            if keys[a] & keys[b] and verdict(texts[a], texts[b], threshold).same_story:
                parent[find(a)] = find(b)
    groups = defaultdict(set)
    for t in sigs:
        groups[find(t)].add(t)
    return {frozenset(g) for g in groups.values()}


def stored_partition(db) -> set[frozenset[str]]:
    """The stored stories as sets of titles (an article without a story alone)."""
    story = dict(db.execute("SELECT article_id, story_id FROM article_stories").fetchall())
    groups = defaultdict(set)
    for article_id, title in db.execute("SELECT id, title FROM articles"):
        groups[story.get(article_id, article_id)].add(title)
    return {frozenset(g) for g in groups.values()}


def old_library(articles, groups):
    """A library as the previous version left it (migrations up to 009): ``groups`` of article
    ids stored as stories, nine keys of the older layout per article, no ``stale`` flag."""
    db = open_store(Path(tempfile.mkdtemp()) / "old.db")
    add_batch(db, [(a, []) for a in articles])
    conn = db.conn
    conn.execute("DELETE FROM story_keys")
    conn.execute("DELETE FROM article_stories")
    conn.executemany(
        "INSERT INTO story_keys (key, article_id) VALUES (?, ?)",
        [
            (article_id * 100 + band, article_id)
            for (article_id,) in conn.execute("SELECT id FROM articles")
            for band in range(9)
        ],
    )
    for group in groups:
        conn.executemany(
            "INSERT INTO article_stories (article_id, story_id, similarity, published) VALUES (?, ?, 0.9, NULL)",
            [(article_id, group[0]) for article_id in group],
        )
    conn.execute("INSERT INTO story_settings (id, threshold, bands, rows_per_band) VALUES (1, 0.7, 9, 13)")
    conn.execute("ALTER TABLE story_settings DROP COLUMN stale")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '010_story_candidates'")
    conn.commit()
    path = Path(db.conn.execute("PRAGMA database_list").fetchone()[2])
    db.close()
    return path
