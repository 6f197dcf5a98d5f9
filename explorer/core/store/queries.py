"""Every read the window and the command line make.

Lists are paged by key, never by OFFSET over a whole table: a page continues after the
``(sort key, id)`` of the last row it showed, with one row-value comparison that an index of
``db/migrations`` serves (forwards for ascending order, backwards for descending). Sort keys
are never NULL (undated sorts as ""), so the comparison is total. Every string a user typed is
a bound parameter; sort columns come from fixed tables, never from the caller's text.

A filter by entity is read one of two ways, chosen from the entity's article count (a
summary). A selective entity drives the query from its mentions: its few articles are
collected and sorted. A frequent one is checked article by article while the sort index is
walked, which fills a page after about ``limit ÷ share`` articles. Both cost the same where
``articles² = page × corpus``: that is the cut. Counts come from the summaries when one
answers them; else the window's count stops at a cap ("10,000+"), or, when every condition is
frequent, is estimated from a sample spread over the corpus ("about 240,000").
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlite_utils

from explorer.core.model import ENTITY_TYPES
from explorer.core.store.document_filter import SEARCH, TYPE, DocumentFilter, document_where, where_sql
from explorer.core.store.fts_query import SearchSyntaxError, fts_query
from explorer.core.store.paths import path_from_db
from explorer.core.store.provenance import provenance
from explorer.core.store.rows import ArticleView, DocumentRow, EntityRow, MentionView, SearchHit
from explorer.core.store.story_counts import COPY

__all__ = [
    "ArticleView",
    "DocumentRow",
    "EntityRow",
    "MentionView",
    "SearchHit",
    "SearchSyntaxError",
    "DOCUMENT_SORTS",
    "ENTITY_SORTS",
    "COUNT_BUDGET",
    "COUNT_CAP",
    "MatchCount",
    "article",
    "check_search",
    "corpus_size",
    "count_documents",
    "count_entities",
    "count_matches",
    "document_page",
    "entity",
    "entity_page",
    "find_entity",
    "hit_spans",
    "search",
    "stats",
]

# Sort name → the SQL expressions of its key (the id always follows as the tie-break).
DOCUMENT_SORTS: dict[str, tuple[str, ...]] = {
    "title": ("title COLLATE NOCASE",),
    "published": ("coalesce(published, '')",),
    "source": ("coalesce(source, '') COLLATE NOCASE",),
    "entities": ("entity_count",),
}
ENTITY_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("name COLLATE NOCASE",),
    "type": ("type", "name COLLATE NOCASE"),
    "articles": ("articles",),
    "mentions": ("mentions",),
}
MIN_INDEXED_NAME_SEARCH = 3  # entity name searches this long use the trigram index
PLAN_PAGE = 200  # the page size the choice of plan is tuned for
COUNT_CAP = 10_000  # the window's counts stop here ("10,000+")
COUNT_BUDGET = 5_000  # articles sampled to estimate a count when every condition is frequent
SAMPLE_BLOCKS = 10  # the sample: runs of consecutive ids spread over all of them
# Markers highlight() puts around hits: private-use characters that never come out of ingest.
_HIT_OPEN, _HIT_CLOSE = "\ue000", "\ue001"


def _fts_error(exc: sqlite3.OperationalError) -> SearchSyntaxError | None:
    message = str(exc)
    if "fts5" in message or "no such column" in message or "special query" in message:
        return SearchSyntaxError("The search cannot be read; check quotes, * and AND/OR/NOT.")
    return None


def _rows(db: sqlite_utils.Database, sql: str, params: Sequence[Any]) -> list[tuple]:
    """Run a read, turning an FTS5 parse error into a SearchSyntaxError."""
    try:
        return db.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        error = _fts_error(exc)
        if error is None:
            raise
        raise error from exc


def _keyset(exprs: tuple[str, ...], descending: bool, after: tuple | None) -> tuple[str | None, str, list[Any]]:
    """(WHERE condition or None, ORDER BY, params) of a page continuing after ``after``."""
    direction = "DESC" if descending else "ASC"
    columns = (*exprs, "id")
    order = ", ".join(f"{column} {direction}" for column in columns)
    if after is None:
        return None, order, []
    if len(after) != len(columns):
        raise ValueError(f"a page key has {len(columns)} values, got {len(after)}")
    condition = f"({', '.join(columns)}) {'<' if descending else '>'} ({', '.join('?' * len(columns))})"
    return condition, order, list(after)


def _page(
    db: sqlite_utils.Database,
    select: str,
    where: tuple[list[str], list[Any]],
    sort: tuple[str, ...],
    descending: bool,
    after: tuple | None,
    limit: int,
    offset: int = 0,
) -> list[tuple]:
    """``select`` (up to FROM) filtered by ``where``, sorted, one page after the key ``after``."""
    clauses, params = list(where[0]), list(where[1])
    condition, order, key_params = _keyset(sort, descending, after)
    if condition:
        clauses.append(condition)
    sql = f"{select}{where_sql(clauses)} ORDER BY {order} LIMIT ? OFFSET ?"
    return _rows(db, sql, [*params, *key_params, limit, offset])


def corpus_size(db: sqlite_utils.Database) -> int:
    """How many articles are stored (a summary kept by triggers)."""
    return db.execute("SELECT articles FROM corpus_totals").fetchone()[0]


def _article_counts(db: sqlite_utils.Database, entity_ids: Sequence[int]) -> dict[int, int]:
    marks = ",".join("?" * len(entity_ids))
    return dict(db.execute(f"SELECT id, articles FROM entities WHERE id IN ({marks})", list(entity_ids)))


def _planned_where(db: sqlite_utils.Database, flt: DocumentFilter) -> tuple[list[str], list[Any], bool]:
    """``flt``'s clauses with its most selective condition driving the query, and whether that
    condition is selective (else every condition is checked along an index walk)."""
    sizes: dict[int | str, int] = {}
    query = fts_query(flt.search)
    if query:
        sizes[SEARCH] = _rows(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [query])[0][0]
    ids = list(dict.fromkeys(flt.entity_ids))
    if ids:
        counts = _article_counts(db, ids)
        sizes.update((i, counts.get(i, 0)) for i in ids)
    if flt.entity_type:  # at most the articles of its entities added up
        sizes[TYPE] = db.execute(
            "SELECT coalesce(sum(articles), 0) FROM entities WHERE type = ? AND hidden = 0", [flt.entity_type]
        ).fetchone()[0]
    if not sizes:
        return (*document_where(flt, frozenset()), True)
    smallest = min(sizes, key=sizes.__getitem__)
    if sizes[smallest] ** 2 <= PLAN_PAGE * corpus_size(db):
        return (*document_where(flt, frozenset({smallest})), True)
    return (*document_where(flt, frozenset()), False)


def check_search(db: sqlite_utils.Database, text: str | None) -> None:
    """Raise SearchSyntaxError when ``text`` cannot be run as a search (the box shows the message)."""
    query = fts_query(text)
    if query:
        _rows(db, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", [query])


def document_page(
    db: sqlite_utils.Database,
    flt: DocumentFilter = DocumentFilter(),
    sort: str = "published",
    descending: bool = True,
    after: tuple | None = None,
    limit: int = 200,
) -> list[DocumentRow]:
    """Up to ``limit`` articles matching ``flt`` in ``sort`` order, after the row keyed ``after``."""
    if sort not in DOCUMENT_SORTS:
        raise ValueError(f"unknown sort {sort!r}; one of {', '.join(DOCUMENT_SORTS)}")
    rows = _page(
        db,
        "SELECT id, title, published, source, entity_count FROM articles",
        _planned_where(db, flt)[:2],
        DOCUMENT_SORTS[sort],
        descending,
        after,
        limit,
    )
    return [DocumentRow(*row) for row in rows]


def _summary_count(db: sqlite_utils.Database, flt: DocumentFilter) -> int | None:
    """The count of a filter a summary answers at once: none, one entity alone, a search alone."""
    if flt == DocumentFilter():
        return corpus_size(db)
    if flt == DocumentFilter(once=True):
        return corpus_size(db) - db.execute(f"SELECT count(*) FROM ({COPY})").fetchone()[0]
    if flt == DocumentFilter(entity_ids=flt.entity_ids) and len(set(flt.entity_ids)) == 1:
        return _article_counts(db, flt.entity_ids).get(flt.entity_ids[0], 0)
    query = fts_query(flt.search)
    if query and flt == DocumentFilter(search=flt.search):
        return _rows(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [query])[0][0]
    return None


def count_documents(db: sqlite_utils.Database, flt: DocumentFilter = DocumentFilter()) -> int:
    """How many articles match ``flt``, exactly."""
    known = _summary_count(db, flt)
    if known is not None:
        return known
    return _count(db, *_planned_where(db, flt)[:2])


def _count(db: sqlite_utils.Database, clauses: list[str], params: list[Any]) -> int:
    return _rows(db, f"SELECT count(*) FROM articles{where_sql(clauses)}", params)[0][0]


@dataclass(frozen=True)
class MatchCount:
    """How many articles match, as the window says it."""

    n: int
    kind: str = "exact"  # "exact", "at least" (the count stopped at a cap) or "about" (an estimate)

    def __str__(self) -> str:
        if self.kind == "at least":
            return f"{self.n:,}+"
        return f"about {self.n:,}" if self.kind == "about" else f"{self.n:,}"


def _rounded(value: float) -> int:
    """Two significant digits: an estimate does not pretend to more."""
    if value < 100:
        return round(value)
    scale = 10 ** (len(str(int(value))) - 2)
    return round(value / scale) * scale


def _sample_blocks(db: sqlite_utils.Database, budget: int) -> tuple[str, list[int]] | None:
    """A condition keeping ``SAMPLE_BLOCKS`` runs of ids spread evenly over all the ids (about
    ``budget`` articles from every stretch of the imports), or None when all fit the budget."""
    low, high = db.execute("SELECT (SELECT min(id) FROM articles), (SELECT max(id) FROM articles)").fetchone()
    if low is None or high - low + 1 <= budget:
        return None
    size = budget // SAMPLE_BLOCKS
    starts = [low + (high - low + 1 - size) * i // (SAMPLE_BLOCKS - 1) for i in range(SAMPLE_BLOCKS)]
    return "(" + " OR ".join(["id BETWEEN ? AND ?"] * SAMPLE_BLOCKS) + ")", [
        bound for start in starts for bound in (start, start + size - 1)
    ]


def count_matches(
    db: sqlite_utils.Database, flt: DocumentFilter, *, cap: int = COUNT_CAP, budget: int = COUNT_BUDGET
) -> MatchCount:
    """The count the window shows, in bounded time: exact from a summary, or from a selective
    condition up to ``cap``; when every condition is frequent, estimated from a sample of
    ``budget`` articles spread over the whole corpus."""
    known = _summary_count(db, flt)
    if known is not None:
        return MatchCount(known)
    clauses, params, selective = _planned_where(db, flt)
    sample = None if selective else _sample_blocks(db, budget)
    if sample is None:
        n = _rows(db, f"SELECT count(*) FROM (SELECT 1 FROM articles{where_sql(clauses)} LIMIT ?)", [*params, cap + 1])[
            0
        ][0]
        return MatchCount(cap, "at least") if n > cap else MatchCount(n)
    blocks, bounds = sample
    examined = _count(db, [blocks], bounds)
    found = _count(db, [*clauses, blocks], [*params, *bounds])
    return MatchCount(_rounded(found * corpus_size(db) / examined) if examined else 0, "about")


_ARTICLE_COLUMNS = "id, title, body, published, date_source, source, source_origin, path, words, imported_at"
_ENTITY_COLUMNS = "e.id, e.name, e.type, e.articles, e.mentions"


def article(db: sqlite_utils.Database, article_id: int) -> ArticleView | None:
    """The article with its visible mentions in text order (None if it does not exist)."""
    row = db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        return None
    mentions = tuple(
        MentionView(start, end, entity_id, label, EntityRow(*entity))
        for start, end, entity_id, label, *entity in db.execute(
            f'SELECT m.start, m."end", m.entity_id, m.label, {_ENTITY_COLUMNS}'
            " FROM mentions m JOIN entities e ON e.id = m.entity_id"
            ' WHERE m.article_id = ? AND e.hidden = 0 ORDER BY m.start, m."end" DESC',
            [article_id],
        )
    )
    in_article = Counter(mention.entity_id for mention in mentions)
    id_, title, body, published, date_source, source, source_origin, path, words, imported_at = row
    return ArticleView(
        id_,
        title,
        body,
        published,
        date_source,
        source,
        source_origin,
        path_from_db(path),
        words,
        imported_at,
        mentions=mentions,
        in_article=dict(in_article),
        provenance=provenance(db, article_id),
    )


def hit_spans(db: sqlite_utils.Database, article_id: int, text: str | None) -> list[tuple[int, int]]:
    """(start, end) offsets into the body of what the search ``text`` matches in this article."""
    query = fts_query(text)
    if not query:
        return []
    rows = _rows(
        db,
        "SELECT highlight(articles_fts, 1, ?, ?) FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?",
        [_HIT_OPEN, _HIT_CLOSE, query, article_id],
    )
    if not rows or rows[0][0] is None:
        return []
    return _marked_spans(rows[0][0])


def _marked_spans(marked: str) -> list[tuple[int, int]]:
    spans = []
    offset = 0  # markers seen so far: positions in the body are shifted by this many
    start = None
    for index, ch in enumerate(marked):
        if ch == _HIT_OPEN:
            start = index - offset
            offset += 1
        elif ch == _HIT_CLOSE:
            if start is not None:
                spans.append((start, index - offset))
            start = None
            offset += 1
    return spans


def search(
    db: sqlite_utils.Database, text: str, limit: int = 20, *, mark: tuple[str, str] = ("[", "]")
) -> list[SearchHit]:
    """The best-ranked articles for ``text`` with a snippet of the body, hits between ``mark``."""
    query = fts_query(text)
    if not query:
        return []
    rows = _rows(
        db,
        "SELECT a.id, a.title, a.published, snippet(articles_fts, 1, ?, ?, '…', 12)"
        " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
        " WHERE articles_fts MATCH ? ORDER BY articles_fts.rank LIMIT ?",
        [mark[0], mark[1], query, limit],
    )
    return [SearchHit(*row) for row in rows]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _entity_where(search_text: str | None, types: Iterable[str] | None) -> tuple[list[str], list[Any]]:
    clauses, params = ["hidden = 0"], []
    text = (search_text or "").replace("\x00", "").strip()
    if len(text) >= MIN_INDEXED_NAME_SEARCH:  # any part of a name, through the trigram index
        clauses.append("id IN (SELECT rowid FROM entity_names WHERE entity_names MATCH ?)")
        params.append('"' + text.replace('"', '""') + '"')
    elif text:  # one or two characters: too short for trigrams, read the names
        clauses.append("name LIKE ? ESCAPE '\\'")
        params.append(f"%{_escape_like(text)}%")
    if types is not None:
        chosen = [t for t in dict.fromkeys(types)]
        if set(chosen) != set(ENTITY_TYPES):
            clauses.append(f"type IN ({', '.join('?' * len(chosen))})" if chosen else "0")
            params.extend(chosen)
    return clauses, params


def entity_page(
    db: sqlite_utils.Database,
    *,
    search: str | None = None,
    types: Iterable[str] | None = None,
    order: str = "mentions",
    descending: bool = True,
    after: tuple | None = None,
    offset: int = 0,
    limit: int = 100,
) -> list[EntityRow]:
    """Visible entities whose name contains ``search``, of ``types`` (None: all), in ``order``.

    Continue a list with ``after`` (the last row's ``key(order)``); ``offset`` is for the
    command line's small one-off slices.
    """
    if order not in ENTITY_SORTS:
        raise ValueError(f"unknown order {order!r}; one of {', '.join(ENTITY_SORTS)}")
    rows = _page(
        db,
        "SELECT id, name, type, articles, mentions FROM entities",
        _entity_where(search, types),
        ENTITY_SORTS[order],
        descending,
        after,
        limit,
        offset,
    )
    return [EntityRow(*row) for row in rows]


def count_entities(db: sqlite_utils.Database, *, search: str | None = None, types: Iterable[str] | None = None) -> int:
    clauses, params = _entity_where(search, types)
    return db.execute(f"SELECT count(*) FROM entities{where_sql(clauses)}", params).fetchone()[0]


def entity(db: sqlite_utils.Database, entity_id: int) -> EntityRow | None:
    row = db.execute("SELECT id, name, type, articles, mentions FROM entities WHERE id = ?", [entity_id]).fetchone()
    return EntityRow(*row) if row else None


def find_entity(db: sqlite_utils.Database, name: str) -> EntityRow | None:
    """The visible entity a user means by ``name``: its canonical name or one of its aliases,
    in any case; the most mentioned when several match."""
    from explorer.core.extraction.name_drafts import normalize_name  # not at import: the window starts without it

    row = db.execute(
        "SELECT id, name, type, articles, mentions FROM entities WHERE hidden = 0"
        " AND (name = ? COLLATE NOCASE OR id IN (SELECT entity_id FROM aliases WHERE alias_norm = ?))"
        " ORDER BY mentions DESC, id LIMIT 1",
        [name.strip(), normalize_name(name)],
    ).fetchone()
    return EntityRow(*row) if row else None


def stats(db: sqlite_utils.Database) -> dict[str, Any]:
    """Totals for ``knowledge-explorer stats`` and the window's title: counts and the date range."""
    articles, undated, first, last = db.execute(
        "SELECT articles, undated, (SELECT min(day) FROM corpus_days), (SELECT max(day) FROM corpus_days)"
        " FROM corpus_totals"
    ).fetchone()
    dated = articles - undated
    by_type = dict(
        db.execute("SELECT type, count(*) FROM entities WHERE hidden = 0 GROUP BY type ORDER BY count(*) DESC")
    )
    mentions = db.execute("SELECT coalesce(sum(mentions), 0) FROM entities WHERE hidden = 0").fetchone()[0]
    return {
        "articles": articles,
        "dated": dated,
        "undated": articles - dated,
        "first_date": first,
        "last_date": last,
        "entities": sum(by_type.values()),
        "entities_by_type": by_type,
        "mentions": mentions,
    }


def matches_per_day(db: sqlite_utils.Database, flt: DocumentFilter) -> tuple[dict[date, int], int]:
    """Articles matching ``flt`` per publication day, and how many matching articles are undated
    (the timeline of a search: the window's chart follows the list)."""
    clauses, params = _planned_where(db, flt)[:2]
    rows = _rows(db, f"SELECT published, count(*) FROM articles{where_sql(clauses)} GROUP BY published", params)
    days = {date.fromisoformat(day): n for day, n in rows if day is not None}
    return days, sum(n for day, n in rows if day is None)
