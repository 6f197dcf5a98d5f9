"""Whether a database is whole: integrity, and every summary equal to a recount of ``mentions``.

The tests and the CLI fuzzer (``benchmarks/fuzz_cli.py``) ask this after every fault they cause;
``rebuild_summaries`` is the repair when it ever fails.
"""

from __future__ import annotations

import sqlite_utils

_CHECKS = (
    ("integrity_check is not ok", "PRAGMA integrity_check", "SELECT 'ok'"),
    ("foreign keys point nowhere", "PRAGMA foreign_key_check", "SELECT 1 WHERE 0"),
    ("articles are left unextracted", "SELECT count(*) FROM articles WHERE extracted = 0", "SELECT 0"),
    (
        "entities' mentions or articles differ from a recount",
        "SELECT id, mentions, articles FROM entities WHERE mentions > 0 ORDER BY id",
        "SELECT entity_id, count(*), count(DISTINCT article_id) FROM mentions GROUP BY entity_id ORDER BY entity_id",
    ),
    # hidden entities (curation) are left out of an article's count
    (
        "articles' entity counts differ from a recount",
        "SELECT id, entity_count FROM articles WHERE entity_count > 0 ORDER BY id",
        "SELECT m.article_id, count(DISTINCT m.entity_id) FROM mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE e.hidden = 0 GROUP BY m.article_id ORDER BY m.article_id",
    ),
    (
        "entities' type votes differ from their mentions' labels",
        "SELECT entity_id, type, n FROM entity_types WHERE n > 0 ORDER BY 1, 2",
        "SELECT entity_id, label, count(*) FROM mentions GROUP BY 1, 2 ORDER BY 1, 2",
    ),
    (
        "entity_days does not sum to the dated mentions",
        "SELECT coalesce(sum(mentions), 0) FROM entity_days",
        "SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.published IS NOT NULL",
    ),
    (
        "the copies' counts differ from a recount of the copies' mentions",
        "SELECT entity_id, day, articles, mentions FROM entity_copies ORDER BY 1, 2",
        "SELECT m.entity_id, coalesce(a.published, ''), count(DISTINCT m.article_id), count(*)"
        " FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.article_id IN"
        " (SELECT article_id FROM article_stories WHERE story_id != article_id) GROUP BY 1, 2 ORDER BY 1, 2",
    ),
    (
        "a story's article has another date than the article",
        "SELECT count(*) FROM article_stories s JOIN articles a ON a.id = s.article_id"
        " WHERE s.published IS NOT a.published",
        "SELECT 0",
    ),
    (
        "a story is not named by its first article or has one article",
        "SELECT story_id, min(article_id), count(*) > 1 FROM article_stories GROUP BY story_id ORDER BY 1",
        "SELECT story_id, story_id, 1 FROM article_stories GROUP BY story_id ORDER BY 1",
    ),
    # articles_fts reads its text from articles: its docsize table holds a row per indexed article
    (
        "the search index does not hold every article",
        "SELECT count(*) FROM articles_fts_docsize",
        "SELECT count(*) FROM articles",
    ),
)


def inconsistencies(db: sqlite_utils.Database) -> list[str]:
    """What is wrong with ``db``, in words; empty when it is whole."""
    return [
        problem
        for problem, stored, recounted in _CHECKS
        if db.execute(stored).fetchall() != db.execute(recounted).fetchall()
    ]
