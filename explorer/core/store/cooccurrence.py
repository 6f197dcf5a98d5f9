"""Reads of the co-occurrence network: the top entities of the filtered articles and the
sentences they are mentioned in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sqlite_utils

from explorer.core.model import ENTITY_TYPES
from explorer.core.store.document_filter import DocumentFilter, document_where, where_sql
from explorer.core.store.queries import EntityRow
from explorer.core.store.story_once import entities_once

__all__ = ["article_subquery", "sentence_total", "sentence_units", "top_entities"]


def article_subquery(flt: DocumentFilter) -> tuple[str | None, list[Any]]:
    """SQL selecting the ids of the articles ``flt`` shows (None: every article), with params."""
    clauses, params = document_where(flt)
    if not clauses:
        return None, []
    return f"SELECT id FROM articles{where_sql(clauses)}", params


def _type_clause(types: Iterable[str] | None) -> tuple[str, list[str]]:
    if types is None or set(types) >= set(ENTITY_TYPES):
        return "", []
    chosen = list(dict.fromkeys(types))
    marks = ",".join("?" * len(chosen))
    return f" AND e.type IN ({marks})" if chosen else " AND 0", chosen


def top_entities(
    db: sqlite_utils.Database, flt: DocumentFilter, *, types: Iterable[str] | None = None, limit: int = 50
) -> list[EntityRow]:
    """The visible entities most mentioned in the filtered articles, with the counts within them."""
    type_sql, type_params = _type_clause(types)
    articles, params = article_subquery(flt)
    if articles is None:
        rows = db.execute(
            f"SELECT e.id, e.name, e.type, e.articles, e.mentions FROM entities e WHERE e.hidden = 0{type_sql}"
            " ORDER BY e.mentions DESC, e.id LIMIT ?",
            [*type_params, limit],
        )
    elif flt == DocumentFilter(once=True):  # from the summaries, less what copies count
        return entities_once(db, types=types, limit=limit)
    else:
        rows = db.execute(
            "SELECT e.id, e.name, e.type, c.articles, c.mentions FROM"
            " (SELECT entity_id, count(DISTINCT article_id) AS articles, count(*) AS mentions FROM mentions"
            f" WHERE article_id IN ({articles}) GROUP BY entity_id) c JOIN entities e ON e.id = c.entity_id"
            f" WHERE e.hidden = 0{type_sql} ORDER BY c.mentions DESC, e.id LIMIT ?",
            [*params, *type_params, limit],
        )
    return [EntityRow(*row) for row in rows]


def sentence_units(
    db: sqlite_utils.Database, entity_ids: Sequence[int], flt: DocumentFilter
) -> Iterator[tuple[int, int, int]]:
    """Distinct (entity id, article id, sentence) of these entities in the filtered articles, one
    sentence's after another: streamed, so that millions of rows never live at once (their
    garbage collection would hold the GIL, and stall the window, for a second at a time)."""
    if not entity_ids:
        return iter(())
    articles, params = article_subquery(flt)
    restrict = f" AND article_id IN ({articles})" if articles else ""
    marks = ",".join("?" * len(entity_ids))
    return iter(
        db.execute(
            f"SELECT DISTINCT entity_id, article_id, sentence FROM mentions WHERE entity_id IN ({marks}){restrict}"
            " ORDER BY article_id, sentence",
            [*entity_ids, *params],
        )
    )


def sentence_total(db: sqlite_utils.Database, flt: DocumentFilter) -> int:
    """Sentences in the filtered articles, as far as their last mention shows."""
    articles, params = article_subquery(flt)
    restrict = f" WHERE article_id IN ({articles})" if articles else ""
    row = db.execute(
        f"SELECT sum(n) FROM (SELECT max(sentence) + 1 AS n FROM mentions{restrict} GROUP BY article_id)", params
    ).fetchone()
    return row[0] or 0
