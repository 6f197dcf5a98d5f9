"""What the entity detail view reads: aliases, first and last seen, articles, mentions in context
and the entities most associated with one entity.

Sentences are not stored, only each mention's sentence number (from spaCy) and its offsets. A
mention's sentence is cut from the body around it: the sentence numbers of the neighbouring
mentions bound where it can start and end (it cannot start before the end of a mention of an
earlier sentence, nor before a mention of its own sentence), and inside those bounds the nearest
sentence end (``. ! ?`` before a capital, or a blank line, but not after "Mr." or "U.S.") is
taken. Only a window of the body around each mention is read, never whole articles — except
by ``article_kwic``, which streams whole articles for an export of every mention and computes
the same bounds in Python from each article's mentions, one body read for all its mentions.

Association counts sentences: a sentence is a unit, two entities co-occur when both are
mentioned in it. Related entities are ranked by Dunning's log-likelihood ratio (G²) with a
minimum co-occurrence count, so that entities found everywhere (which co-occur with everything
by chance) do not dominate as they would by raw counts; PMI is given beside it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from explorer.core.store.cooccurrence import article_subquery
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.queries import EntityRow, check_search, entity

__all__ = [
    "ArticleMention",
    "EntityDetail",
    "Kwic",
    "KwicKey",
    "SURFACE_SAMPLE",
    "article_kwic",
    "articles_by_date",
    "cooccurrence_kwic",
    "entity_articles",
    "entity_detail",
    "kwic",
    "kwic_page",
    "sentence_bounds",
    "surface_forms",
]

MAX_CONTEXT = 300  # characters read on each side of a mention at most
SURFACE_SAMPLE = 5000  # mentions whose surface forms are counted (their bodies are read)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n[ \t]*\n\s*")
_NOT_AN_END = re.compile(
    r"(?:\b[A-Za-z]\.(?:[A-Za-z]\.)*|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col"
    r"|Inc|Corp|Co|Ltd|No|Vol|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.)$"
)


@dataclass(frozen=True)
class EntityDetail:
    entity: EntityRow
    aliases: list[tuple[str, int]]  # surface form → mentions written so, most used first
    first_seen: str | None  # ISO day of the first / last dated article mentioning it
    last_seen: str | None


@dataclass(frozen=True)
class ArticleMention:
    """An article mentioning the entity, and how often."""

    id: int
    title: str
    published: str | None
    mentions: int


@dataclass(frozen=True)
class Kwic:
    """One mention in its sentence: ``marks`` are (start, end) offsets into ``text``."""

    article_id: int
    title: str
    published: str | None
    start: int  # the mention's offsets into the article body
    end: int
    text: str  # the sentence (with "…" where it was cut)
    marks: tuple[tuple[int, int], ...]


def entity_detail(db: sqlite_utils.Database, entity_id: int, *, forms: bool = True) -> EntityDetail | None:
    """The entity with its surface forms counted (none unless ``forms``: they read article
    bodies) and its first and last dated appearance."""
    row = entity(db, entity_id)
    if row is None:
        return None
    first, last = db.execute("SELECT min(day), max(day) FROM entity_days WHERE entity_id = ?", [entity_id]).fetchone()
    return EntityDetail(row, surface_forms(db, entity_id) if forms else [], first, last)


def surface_forms(db: sqlite_utils.Database, entity_id: int, sample: int = SURFACE_SAMPLE) -> list[tuple[str, int]]:
    """How the entity is written in the text, with counts; whitespace runs count as one space.

    Only its first ``sample`` mentions (by article id) are read: every body holding a mention
    is read, which for an entity in most of a million articles would take minutes.
    """
    spans: dict[int, list[tuple[int, int]]] = {}
    for article_id, start, end in db.execute(
        'SELECT article_id, start, "end" FROM mentions WHERE entity_id = ? ORDER BY article_id LIMIT ?',
        [entity_id, sample],
    ):
        spans.setdefault(article_id, []).append((start, end))
    # Each body is read once (substr per mention would load a long body once per mention).
    rows = ((body[start:end],) for article_id, body in _bodies(db, list(spans)) for start, end in spans[article_id])
    counts = Counter(" ".join(text.split()) for (text,) in rows)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].lower()))


def _bodies(db: sqlite_utils.Database, article_ids: list[int], chunk: int = 500):
    for i in range(0, len(article_ids), chunk):
        part = article_ids[i : i + chunk]
        marks = ",".join("?" * len(part))
        yield from db.execute(f"SELECT id, body FROM articles WHERE id IN ({marks})", part)


def entity_articles(db: sqlite_utils.Database, entity_id: int, limit: int = 500) -> list[ArticleMention]:
    """Articles mentioning the entity, the most mentions first, then the newest (undated last),
    then by id.

    Only the articles that make the cut are read: the mentions' index gives each article's
    count, and among the articles tied at the cut the newest are found along the date index
    (or read directly when they are few), never by reading and sorting all of them.
    """
    counts = dict(
        db.execute(
            "SELECT article_id, count(*) FROM mentions WHERE entity_id = ? GROUP BY article_id", [entity_id]
        ).fetchall()
    )
    levels = Counter(counts.values())
    above, cut = 0, 0
    for n in sorted(levels, reverse=True):
        cut = n
        if above + levels[n] >= limit:
            break
        above += levels[n]
    chosen = [article_id for article_id, n in counts.items() if n > cut]
    tied = {article_id for article_id, n in counts.items() if n == cut}
    chosen += _newest(db, tied, limit - len(chosen))
    rows = [
        ArticleMention(article_id, title, published, counts[article_id])
        for article_id, title, published in _titles(db, chosen)
    ]
    rows.sort(key=lambda a: a.id)
    rows.sort(key=lambda a: a.published or "", reverse=True)
    rows.sort(key=lambda a: a.mentions, reverse=True)
    return rows[:limit]


def _newest(db: sqlite_utils.Database, ids: set[int], n: int) -> list[int]:
    """The ``n`` newest of ``ids`` (undated last, ties by id) — all of them when they are few."""
    if n <= 0 or not ids:
        return []
    total = db.execute("SELECT articles FROM corpus_totals").fetchone()
    if len(ids) <= n or len(ids) * len(ids) <= n * (total[0] if total else 0):
        return list(ids)  # few: read all of them (sorted with the rest)
    found: list[int] = []
    day: str | None = None
    same_day: list[int] = []
    rows = db.execute("SELECT coalesce(published, ''), id FROM articles ORDER BY coalesce(published, '') DESC, id DESC")
    for published, article_id in rows:
        if published != day:
            found += sorted(same_day)
            if len(found) >= n:
                break
            day, same_day = published, []
        if article_id in ids:
            same_day.append(article_id)
    else:
        found += sorted(same_day)
    return found[:n]


def _titles(db: sqlite_utils.Database, article_ids: list[int], chunk: int = 500):
    for i in range(0, len(article_ids), chunk):
        part = article_ids[i : i + chunk]
        marks = ",".join("?" * len(part))
        yield from db.execute(f"SELECT id, title, published FROM articles WHERE id IN ({marks})", part)


# Bounds of the window read around mention ``m`` (of article ``a``): its sentence starts after the
# end of the last mention of an earlier sentence and before the first mention of its own.
_LOWER = (
    f'max(m.start - {MAX_CONTEXT}, coalesce((SELECT p."end" FROM mentions p WHERE p.article_id = m.article_id'
    " AND p.start < m.start AND p.sentence < m.sentence ORDER BY p.start DESC LIMIT 1), 0), 0)"
)
_UPPER = (
    f'min(m."end" + {MAX_CONTEXT}, coalesce((SELECT n.start FROM mentions n WHERE n.article_id = m.article_id'
    " AND n.start > m.start AND n.sentence > m.sentence ORDER BY n.start LIMIT 1), length(a.body)),"
    " length(a.body))"
)
_FIRST = "(SELECT min(s.start) FROM mentions s WHERE s.article_id = m.article_id AND s.sentence = m.sentence)"
_LAST = '(SELECT max(s."end") FROM mentions s WHERE s.article_id = m.article_id AND s.sentence = m.sentence)'


def _windows_sql(where: str) -> str:
    """Mentions matching ``where`` (over alias ``m``) with the bounds of their sentence window."""
    order = "a.published IS NULL, a.published, m.article_id, m.start"
    return (
        f'SELECT article_id, title, published, start, "end", lo, first, last, hi,'
        f" substr(body, lo + 1, hi - lo) FROM ("
        f'SELECT m.article_id, a.title, a.published, a.body, m.start, m."end",'
        f" {_LOWER} AS lo, {_FIRST} AS first, {_LAST} AS last, {_UPPER} AS hi"
        f" FROM (SELECT m.id FROM mentions m JOIN articles a ON a.id = m.article_id WHERE {where}"
        f" ORDER BY {order} LIMIT ? OFFSET ?) page"
        f" JOIN mentions m ON m.id = page.id JOIN articles a ON a.id = m.article_id ORDER BY {order})"
    )


# Where a page of mentions resumes: (undated, published or "", article id) of the last article read.
KwicKey = tuple[bool, str, int]


def kwic_page(
    db: sqlite_utils.Database, entity_id: int, after: KwicKey | None = None, limit: int = 200
) -> tuple[list[Kwic], KwicKey | None]:
    """The next page of the entity's mentions in ``kwic``'s order, after the article ``after``:
    whole articles, at least ``limit`` mentions unless it is the last page, and the key to
    resume from (None when nothing is left).

    Keyset paging: every page costs what the first does, so a dialog can load page by page to
    the last mention of an entity found in most of a million articles.
    """
    articles = _next_articles(db, entity_id, after, max(1, limit))
    if not articles:
        return [], None
    ids = [article_id for _undated, _published, article_id in articles]
    marks = ",".join("?" * len(ids))
    counts = dict(
        db.execute(
            f"SELECT article_id, count(*) FROM mentions WHERE entity_id = ? AND article_id IN ({marks})"
            " GROUP BY article_id",
            [entity_id, *ids],
        ).fetchall()
    )
    taken, total = 0, 0
    while taken < len(articles) and total < limit:
        total += counts.get(articles[taken][2], 0)
        taken += 1
    chosen = ids[:taken]
    marks = ",".join("?" * len(chosen))
    rows = db.execute(
        _windows_sql(f"m.entity_id = ? AND m.article_id IN ({marks})"), [entity_id, *chosen, -1, 0]
    ).fetchall()
    lines = _kwic_rows(rows, lambda _article, start, end: [(start, end)])
    more = taken < len(articles) or len(articles) >= max(1, limit)
    return lines, (articles[taken - 1] if more else None)


def _next_articles(db: sqlite_utils.Database, entity_id: int, after: KwicKey | None, n: int) -> list[KwicKey]:
    """Up to ``n`` keys of articles mentioning the entity after ``after``, dated ones by date
    first, then undated ones by id. An entity in many articles is found walking the date
    index (a page fills after a few probes); a rarer one from its mentions, then sorted."""
    segments = []
    if after is None or not after[0]:
        bound = "" if after is None else " AND (a.published, a.id) > (?, ?)"
        segments.append(
            ("a.published IS NOT NULL" + bound, [] if after is None else [after[1], after[2]], "a.published, a.id")
        )
    segments.append(("a.published IS NULL AND a.id > ?", [after[2] if after and after[0] else 0], "a.id"))
    walk = _walk_dates(db, entity_id, n)
    found: list[KwicKey] = []
    for condition, params, order in segments:
        if walk:
            sql = (
                f"SELECT a.published, a.id FROM articles a WHERE {condition} AND EXISTS"
                " (SELECT 1 FROM mentions m WHERE m.entity_id = ? AND m.article_id = a.id)"
                f" ORDER BY {order} LIMIT ?"
            )
        else:
            sql = (
                "SELECT a.published, a.id FROM (SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?) m"
                f" CROSS JOIN articles a ON a.id = m.article_id WHERE {condition} ORDER BY {order} LIMIT ?"
            )
        args = [*params, entity_id] if walk else [entity_id, *params]
        for published, article_id in db.execute(sql, [*args, n - len(found)]):
            found.append((published is None, published or "", article_id))
        if len(found) >= n:
            break
    return found


def _walk_dates(db: sqlite_utils.Database, entity_id: int, n: int) -> bool:
    """Whether walking the date index finds ``n`` of the entity's articles sooner than reading
    and sorting all of them: about ``n × total / articles`` probes against ``articles``."""
    row = db.execute("SELECT articles FROM entities WHERE id = ?", [entity_id]).fetchone()
    total = db.execute("SELECT articles FROM corpus_totals").fetchone()
    articles = row[0] if row else 0
    return bool(total) and articles > 0 and articles * articles > n * total[0]


def sentence_bounds(
    text: str, start: int, end: int, first: int | None = None, last: int | None = None
) -> tuple[int, int]:
    """(start, end) of the sentence of ``text[start:end]``: the last sentence end before
    ``first`` (default ``start``) and the first after ``last`` (default ``end``); the edges of
    ``text`` when there is none."""
    first = start if first is None else min(first, start)
    last = end if last is None else max(last, end)
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > first:
            break
        if not _NOT_AN_END.search(text[max(0, match.start() - 12) : match.start() + 1]):
            begin = match.end()
    finish = len(text)
    for match in _SENTENCE_END.finditer(text, last):
        if not _NOT_AN_END.search(text[max(0, match.start() - 12) : match.start() + 1]):
            finish = match.start() + len(match.group().rstrip())
            break
    return begin, finish


def _kwic_rows(rows: Iterable[tuple], marks_of) -> list[Kwic]:
    """Kwic lines from window rows; ``marks_of(article, start, end)`` gives the body spans to mark."""
    result = []
    for article_id, title, published, start, end, lo, first, last, _hi, window in rows:
        window = window or ""
        begin, finish = sentence_bounds(window, start - lo, end - lo, first - lo, last - lo)
        sentence = window[begin:finish]
        stripped = len(sentence) - len(sentence.lstrip())
        sentence = sentence.strip()
        offset = lo + begin + stripped  # body offset of sentence[0]
        prefix = "…" if begin == 0 and lo > 0 and first > lo else ""
        suffix = "…" if finish == len(window) and not sentence.endswith((".", "!", "?", '"', "”")) else ""
        shift = len(prefix) - offset
        marks = tuple(
            (s + shift, e + shift)
            for s, e in marks_of(article_id, start, end)
            if s >= offset and e <= offset + len(sentence)
        )
        result.append(
            Kwic(article_id, title, published, start, end, prefix + " ".join(sentence.split("\n")) + suffix, marks)
        )
    return result


def kwic(db: sqlite_utils.Database, entity_id: int, *, limit: int = 200, offset: int = 0) -> list[Kwic]:
    """The entity's mentions in their sentences, oldest article first, the mention marked."""
    rows = db.execute(_windows_sql("m.entity_id = ?"), [entity_id, limit, offset]).fetchall()
    return _kwic_rows(rows, lambda _article, start, end: [(start, end)])


def article_kwic(
    db: sqlite_utils.Database, article_ids: Sequence[int], entity_ids: Iterable[int] | None = None
) -> Iterator[tuple[EntityRow, Kwic]]:
    """Every visible mention in these articles (only of ``entity_ids`` when given) in its
    sentence, article by article in the given order, then in text order.

    Two reads for the whole batch (bodies, mentions with their entities); the sentence bounds
    come from all of an article's mentions, hidden ones too, as in ``kwic``.
    """
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return
    wanted = None if entity_ids is None else set(entity_ids)
    marks = ",".join("?" * len(ids))
    articles = {
        row[0]: row[1:]
        for row in db.execute(f"SELECT id, title, published, body FROM articles WHERE id IN ({marks})", ids)
    }
    by_article: dict[int, list[tuple]] = {}
    for row in db.execute(
        'SELECT m.article_id, m.start, m."end", m.sentence, e.id, e.name, e.type, e.articles, e.mentions,'
        f" e.hidden FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({marks})"
        " ORDER BY m.article_id, m.start",
        ids,
    ):
        by_article.setdefault(row[0], []).append(row[1:])
    for article_id in ids:
        if article_id not in articles or article_id not in by_article:
            continue
        title, published, body = articles[article_id]
        mentions = by_article[article_id]
        windows = _article_windows(len(body), [(m[0], m[1], m[2]) for m in mentions])
        shown, lines = [], []
        for (start, end, _sentence, *entity_row, hidden), (lo, first, last, hi) in zip(mentions, windows, strict=True):
            if not hidden and (wanted is None or entity_row[0] in wanted):
                shown.append(EntityRow(*entity_row))
                lines.append((article_id, title, published, start, end, lo, first, last, hi, body[lo:hi]))
        yield from zip(shown, _kwic_rows(lines, lambda _article, start, end: [(start, end)]), strict=True)


def articles_by_date(
    db: sqlite_utils.Database, entity_ids: Sequence[int] | None = None, flt: DocumentFilter = DocumentFilter()
) -> tuple[int, Iterator[int]]:
    """How many of the articles ``flt`` shows mention one of ``entity_ids`` (None: any), and
    their ids oldest first, undated last, read lazily along the date index."""
    check_search(db, flt.search)
    clauses: list[str] = []
    params: list[Any] = []
    if entity_ids is not None:
        marks = ",".join("?" * len(entity_ids))
        clauses.append(f"id IN (SELECT article_id FROM mentions WHERE entity_id IN ({marks}))")
        params.extend(entity_ids)
    articles, article_params = article_subquery(flt)
    if articles is not None:
        clauses.append(f"id IN ({articles})")
        params.extend(article_params)
    restrict = "".join(" AND " + clause for clause in clauses)
    total = db.execute(f"SELECT count(*) FROM articles WHERE 1{restrict}", params).fetchone()[0]

    def ids() -> Iterator[int]:
        for condition, order in (("published IS NOT NULL", "published, id"), ("published IS NULL", "id")):
            rows = db.execute(f"SELECT id FROM articles WHERE {condition}{restrict} ORDER BY {order}", params)
            yield from (article_id for (article_id,) in rows)

    return total, ids()


def _article_windows(length: int, mentions: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int, int]]:
    """(lo, first, last, hi) of each (start, end, sentence) of one article sorted by start: the
    bounds ``_LOWER``, ``_FIRST``, ``_LAST`` and ``_UPPER`` compute in SQL for ``kwic``."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for start, end, sentence in mentions:
        first[sentence] = min(first.get(sentence, start), start)
        last[sentence] = max(last.get(sentence, end), end)
    result = []
    for i, (start, end, sentence) in enumerate(mentions):
        lower = next(
            (mentions[j][1] for j in range(i - 1, -1, -1) if mentions[j][0] < start and mentions[j][2] < sentence), 0
        )
        upper = next(
            (
                mentions[j][0]
                for j in range(i + 1, len(mentions))
                if mentions[j][0] > start and mentions[j][2] > sentence
            ),
            length,
        )
        result.append(
            (max(start - MAX_CONTEXT, lower, 0), first[sentence], last[sentence], min(end + MAX_CONTEXT, upper, length))
        )
    return result


def cooccurrence_kwic(
    db: sqlite_utils.Database, entity_a: int, entity_b: int, *, limit: int = 200, flt: DocumentFilter = DocumentFilter()
) -> list[Kwic]:
    """The sentences of the articles ``flt`` shows that mention both entities (once each), both marked."""
    where = (
        "m.entity_id = ? AND m.id = (SELECT min(f.id) FROM mentions f WHERE f.article_id = m.article_id"
        " AND f.sentence = m.sentence AND f.entity_id = m.entity_id)"
        " AND EXISTS (SELECT 1 FROM mentions o WHERE o.article_id = m.article_id"
        " AND o.sentence = m.sentence AND o.entity_id = ?)"
    )
    params: list = [entity_a, entity_b]
    articles, article_params = article_subquery(flt)
    if articles is not None:
        where += f" AND m.article_id IN ({articles})"
        params.extend(article_params)
    rows = db.execute(_windows_sql(where), [*params, limit, 0]).fetchall()
    spans: dict[int, list[tuple[int, int]]] = {}
    for article_id in {row[0] for row in rows}:
        spans[article_id] = db.execute(
            'SELECT start, "end" FROM mentions WHERE article_id = ? AND entity_id IN (?, ?) ORDER BY start',
            [article_id, entity_a, entity_b],
        ).fetchall()
    return _kwic_rows(rows, lambda article, _s, _e: spans[article])
