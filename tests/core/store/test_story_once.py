"""Counting each story once equals counting, naively, the first article of every story."""

from __future__ import annotations

from collections import Counter
from datetime import date
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.store import queries, story_once
from explorer.core.store.cooccurrence import top_entities
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.story_once import corpus_once, entities_once, series_once
from explorer.core.store.timeline import CORPUS, bin_start, series, series_for_all
from tests.core.store.story_corpora import naive_partition, near_duplicates
from tests.core.store.test_stories import store

EXAMPLES = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def firsts(db, articles) -> list[int]:
    """The first stored article of each story, from the naive grouping."""
    ids = dict(db.execute("SELECT title, id FROM articles").fetchall())
    return sorted(min(ids[t] for t in group) for group in naive_partition(articles))


def naive_mentions(db, kept: list[int]) -> list[tuple[int, str | None, int]]:
    """(entity id, published, article id) of each mention in the kept articles."""
    marks = ",".join("?" * len(kept))
    return db.execute(
        "SELECT m.entity_id, a.published, m.article_id FROM mentions m JOIN articles a ON a.id = m.article_id"
        f" WHERE m.article_id IN ({marks})",
        kept,
    ).fetchall()


@EXAMPLES
@given(near_duplicates(dated=True))
def test_entity_counts_once_equal_a_naive_count(articles):
    db = store(articles)
    rows = naive_mentions(db, firsts(db, articles))
    mentions = Counter(entity for entity, _, _ in rows)
    articles_of = Counter(entity for entity, _ in {(e, a) for e, _, a in rows})
    once = entities_once(db)
    assert {e.id: (e.articles, e.mentions) for e in once} == {e: (articles_of[e], mentions[e]) for e in mentions}
    assert [e.mentions for e in once] == sorted((e.mentions for e in once), reverse=True)
    assert top_entities(db, DocumentFilter(once=True), limit=3) == once[:3]
    for limit in (1, 2, 5):
        with patch.object(story_once, "_PAGE", 1):  # a page of ``limit`` entities: walked page by page
            assert entities_once(db, limit=limit) == once[:limit]
        assert entities_once(db, limit=limit) == once[:limit]
        assert entities_once(db, types=["person"], limit=limit) == [e for e in once if e.type == "person"][:limit]


@EXAMPLES
@given(
    near_duplicates(dated=True),
    st.sampled_from(["day", "week", "month", "year"]),
    st.sampled_from(["mentions", "articles"]),
)
def test_timelines_once_equal_a_naive_count(articles, bin_, measure):
    db = store(articles)
    kept = firsts(db, articles)
    rows = naive_mentions(db, kept)
    entity_ids = sorted({entity for entity, _, _ in rows} | {r[0] for r in db.execute("SELECT id FROM entities")})
    data = series_once(db, series(db, entity_ids, bin=bin_, measure=measure))
    for entity_id in entity_ids:
        mine = [(day, a) for e, day, a in rows if e == entity_id]
        if measure == "articles":
            mine = list(set(mine))
        expected = Counter(bin_start(date.fromisoformat(day), data.bin) for day, _ in mine if day)
        got = {start: n for start, n in zip(data.starts, data.counts[entity_id], strict=True) if n}
        assert got == dict(expected)
        assert data.undated[entity_id] == sum(1 for day, _ in mine if day is None)
        assert data.articles[entity_id] == len({a for _, a in mine})
    corpus = corpus_once(db, series_for_all(db, bin_))
    published = dict(db.execute("SELECT id, published FROM articles").fetchall())
    expected_days = Counter(bin_start(date.fromisoformat(published[i]), corpus.bin) for i in kept if published[i])
    assert {s: n for s, n in zip(corpus.starts, corpus.counts[CORPUS], strict=True) if n} == dict(expected_days)
    assert corpus.articles[CORPUS] == len(kept)
    assert corpus.undated[CORPUS] == sum(1 for i in kept if published[i] is None)


@EXAMPLES
@given(near_duplicates(dated=True))
def test_the_list_once_shows_the_first_article_of_every_story(articles):
    db = store(articles)
    kept = firsts(db, articles)
    flt = DocumentFilter(once=True)
    assert queries.count_documents(db, flt) == len(kept)
    assert sorted(r.id for r in queries.document_page(db, flt, limit=100)) == kept
    assert queries.count_documents(db, DocumentFilter(once=True, search="w1")) == len(
        [
            i
            for i in kept
            if db.execute("SELECT 1 FROM articles WHERE id = ? AND ' ' || body || ' ' LIKE '% w1 %'", (i,)).fetchone()
        ]
    )
