"""What the document list shows (``DocumentFilter``) and its conditions in SQL.

Shared by the list, the counts, the network and every export of "the articles shown", so each
reads the same articles for the same filter. Which condition drives a query is chosen in
``queries`` (see its docstring); here each condition is written either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from explorer.core.store.fts_query import fts_query


@dataclass(frozen=True)
class DocumentFilter:
    """What the document list shows: all conditions must hold."""

    search: str | None = None  # what the user typed (see fts_query)
    entity_ids: tuple[int, ...] = ()  # articles mentioning every one of them
    entity_type: str | None = None  # articles mentioning some visible entity of this type
    date_from: date | None = None  # inclusive; a date bound excludes undated articles
    date_to: date | None = None
    tag: str | None = None  # articles the user tagged so (any case)
    starred: bool = False  # only the articles the user starred
    once: bool = False  # each story once: its first article, not its copies (near-duplicates)


# An article that is no story's copy (see store/stories.py): alone, or its story's first.
NOT_A_COPY = (
    "NOT EXISTS (SELECT 1 FROM article_stories s WHERE s.article_id = articles.id AND s.story_id != s.article_id)"
)

# Keys of the full-text and entity-type conditions in a plan (entity conditions: their ids).
SEARCH, TYPE = "search", "type"


def document_where(flt: DocumentFilter, driving: frozenset[int | str] | None = None) -> tuple[list[str], list[Any]]:
    """WHERE clauses of ``flt``. The conditions in ``driving`` (all when None) may drive the
    query; the others are checked per article (see the module's docstring)."""
    clauses: list[str] = []
    params: list[Any] = []
    query = fts_query(flt.search)
    if query:
        # "+id" keeps SQLite from looking the matches up one by one: it then walks the sort
        # index and checks each article against the matches, collected once.
        column = "id" if driving is None or SEARCH in driving else "+id"
        clauses.append(f"{column} IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(query)
    for entity_id in dict.fromkeys(flt.entity_ids):
        if driving is None or entity_id in driving:
            clauses.append("id IN (SELECT article_id FROM mentions WHERE entity_id = ?)")
        else:
            clauses.append("EXISTS (SELECT 1 FROM mentions WHERE entity_id = ? AND article_id = articles.id)")
        params.append(entity_id)
    if flt.entity_type:
        if driving is None or TYPE in driving:
            clauses.append(
                "id IN (SELECT m.article_id FROM entities e JOIN mentions m ON m.entity_id = e.id"
                " WHERE e.type = ? AND e.hidden = 0)"
            )
        else:
            clauses.append(
                "EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity_id"
                " WHERE m.article_id = articles.id AND e.type = ? AND e.hidden = 0)"
            )
        params.append(flt.entity_type)
    if flt.date_from or flt.date_to:
        # On the date sort key, so that the list's index serves the range ("0" sorts above "").
        clauses.append("coalesce(published, '') BETWEEN ? AND ?")
        params.append(flt.date_from.isoformat() if flt.date_from else "0")
        params.append(flt.date_to.isoformat() if flt.date_to else ":")  # ":" sorts after every digit
    if flt.tag:
        clauses.append("id IN (SELECT article_id FROM article_tags WHERE tag = ?)")
        params.append(flt.tag)
    if flt.starred:
        clauses.append("id IN (SELECT article_id FROM article_notes WHERE starred = 1)")
    if flt.once:
        clauses.append(NOT_A_COPY)
    return clauses, params


def where_sql(clauses: list[str]) -> str:
    """`` WHERE a AND b`` of ``clauses``, or nothing when there are none."""
    return " WHERE " + " AND ".join(clauses) if clauses else ""
