"""Counting each story once: entity counts and timelines over one article per story.

Every figure is its summary (``entities``, ``entity_days``, ``corpus_days``) less what the
stories' copies count (``entity_copies``, or the copies themselves for articles per day), so
nothing here reads ``mentions``: copies are few, and the reads cost what the plain ones do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

import sqlite_utils

from explorer.core.model import ENTITY_TYPES
from explorer.core.store.batching import chunks
from explorer.core.store.queries import entity_page
from explorer.core.store.rows import EntityRow
from explorer.core.store.timeline import CORPUS, TimelineData, bin_start

_PAGE = 500  # entities read at a time when looking for the top ones
_ONCE = (
    "SELECT e.id, e.name, e.type, e.articles - coalesce(c.articles, 0) AS articles,"
    " e.mentions - coalesce(c.mentions, 0) AS mentions FROM entities e LEFT JOIN"
    " (SELECT entity_id, sum(articles) AS articles, sum(mentions) AS mentions FROM entity_copies"
    " GROUP BY entity_id) c ON c.entity_id = e.id WHERE e.hidden = 0"
)


def entities_once(
    db: sqlite_utils.Database, *, types: Iterable[str] | None = None, limit: int | None = None
) -> list[EntityRow]:
    """The visible entities by their mentions with each story counted once (then by id); an
    entity mentioned only in copies is left out.

    With a ``limit``, the entities are walked by their full counts, a page at a time, until the
    next full count falls below the last one kept: a count once is never above the full count,
    so no later entity can enter, and a million entities cost a few pages."""
    chosen = list(dict.fromkeys(types)) if types is not None else list(ENTITY_TYPES)
    if limit is None:
        marks = ",".join("?" * len(chosen))
        rows = db.execute(
            f"SELECT * FROM ({_ONCE} AND e.type IN ({marks})) WHERE mentions > 0 ORDER BY mentions DESC, id",
            chosen,
        )
        return [EntityRow(*row) for row in rows]
    kept: list[EntityRow] = []
    after = None
    while True:
        page = entity_page(db, types=chosen, after=after, limit=max(limit, _PAGE))
        copies = _copies_of(db, [e.id for e in page])
        kept.extend(
            EntityRow(e.id, e.name, e.type, e.articles - copies[e.id][0], e.mentions - copies[e.id][1])
            for e in page
            if e.mentions > copies[e.id][1]
        )
        kept = sorted(kept, key=lambda e: (-e.mentions, e.id))[:limit]
        if len(page) < max(limit, _PAGE) or (len(kept) == limit and page[-1].mentions < kept[-1].mentions):
            return kept
        after = page[-1].key("mentions")


def _copies_of(db: sqlite_utils.Database, ids: list[int]) -> dict[int, tuple[int, int]]:
    """(articles, mentions) the copies count of each entity."""
    found = dict.fromkeys(ids, (0, 0))
    for part, marks in chunks(ids):
        for entity_id, articles, mentions in db.execute(
            "SELECT entity_id, sum(articles), sum(mentions) FROM entity_copies"
            f" WHERE entity_id IN ({marks}) GROUP BY entity_id",
            part,
        ):
            found[entity_id] = (articles, mentions)
    return found


def _copies_per_day(db: sqlite_utils.Database, ids: Sequence[int], measure: str) -> list[tuple[int, str, int]]:
    marks = ",".join("?" * len(ids))
    return db.execute(
        f"SELECT entity_id, day, {measure} FROM entity_copies WHERE entity_id IN ({marks})", list(ids)
    ).fetchall()


def series_once(db: sqlite_utils.Database, data: TimelineData) -> TimelineData:
    """An entity series (``timeline.series``, not normalised) with each story counted once."""
    ids = [key for key in data.counts if key != CORPUS]
    if not ids:
        return data
    position = {start: i for i, start in enumerate(data.starts)}
    counts = {key: list(values) for key, values in data.counts.items()}
    undated = dict(data.undated)
    for entity_id, day, n in _copies_per_day(db, ids, data.measure):
        if not day:
            undated[entity_id] = undated.get(entity_id, 0) - n
        elif (i := position.get(bin_start(date.fromisoformat(day), data.bin))) is not None:
            counts[entity_id][i] -= n
    articles, undated_articles = dict(data.articles), dict(data.undated_articles)
    for entity_id, day, n in _copies_per_day(db, ids, "articles"):
        articles[entity_id] = articles.get(entity_id, 0) - n
        if not day:
            undated_articles[entity_id] = undated_articles.get(entity_id, 0) - n
    return replace(data, counts=counts, undated=undated, articles=articles, undated_articles=undated_articles)


def corpus_once(db: sqlite_utils.Database, data: TimelineData) -> TimelineData:
    """The articles per bin of ``timeline.series_for_all`` with each story counted once."""
    position = {start: i for i, start in enumerate(data.starts)}
    counts = list(data.counts[CORPUS])
    copies = undated = 0
    for day, n in db.execute(
        "SELECT published, count(*) FROM article_stories WHERE story_id != article_id GROUP BY published"
    ):
        copies += n
        if day is None:
            undated += n
        elif (i := position.get(bin_start(date.fromisoformat(day), data.bin))) is not None:
            counts[i] -= n
    return replace(
        data,
        counts={CORPUS: counts},
        undated={CORPUS: data.undated[CORPUS] - undated},
        articles={CORPUS: data.articles[CORPUS] - copies},
        undated_articles={CORPUS: data.undated_articles[CORPUS] - undated},
    )
