"""Counts over time for the timeline: per entity, per bin (day, week, month or year).

Dated counts come from the ``entity_days`` and ``corpus_days`` summaries (keyed by day), so a
series costs one index range per entity, never a scan of ``mentions``. Bins are aggregated in
SQL; the Python side only lays the rows onto a complete list of bin starts (empty bins are 0),
so every entity of one result shares the same x values. A week starts on Monday.

Mentions in undated articles cannot be placed in time; they are counted separately
(``TimelineData.undated``) for the window to show beside the chart, with how many of each
series' articles are undated (``undated_articles`` of ``articles``) so that a mostly undated
collection can say so. The bins span the dates present in the data (the entities' own days, or
the corpus's), never a date no article of the series has.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

import sqlite_utils

from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.queries import matches_per_day

Bin = Literal["day", "week", "month", "year"]
Measure = Literal["mentions", "articles"]
Basis = Literal["published", "mentioned", "file"]  # publication date, period named in the text, file date

BINS: tuple[Bin, ...] = ("day", "week", "month", "year")
MEASURES: tuple[Measure, ...] = ("mentions", "articles")
MAX_BINS = 200  # choose_bin takes the finest bin that keeps a range within this many bins
CORPUS = 0  # key of the one series series_for_all returns (entity ids start at 1)

# SQL turning an ISO day column into the ISO start of its bin. Month and year cut the text
# (cheaper than strftime on a million rows); a week steps back to the Monday on or before.
_BIN_SQL = {
    "day": "{col}",
    "week": "date({col}, '-6 days', 'weekday 1')",
    "month": "substr({col}, 1, 7) || '-01'",
    "year": "substr({col}, 1, 4) || '-01-01'",
}


@dataclass(frozen=True)
class TimelineData:
    """One chart's worth of numbers: ``counts[key][i]`` belongs to the bin starting ``starts[i]``.

    ``key`` is an entity id, or ``CORPUS`` for ``series_for_all``. ``undated[key]`` counts what
    cannot be placed on the chart (mentions, or articles when ``measure`` is "articles"); it is
    never in ``counts``. ``articles[key]`` is every article of the series, dated or not, and
    ``undated_articles[key]`` those without a date. ``covered[i]`` says whether the collection
    has any article in bin ``i``: elsewhere an entity's 0 means "no data", not "not mentioned".
    ``basis`` says which date places an article (see ``Basis``); by period mentioned, ``far``
    counts the mentions of periods left off for lying far from the rest.
    """

    bin: Bin
    measure: Measure
    normalised: bool
    starts: list[date]
    counts: dict[int, list[float]]
    undated: dict[int, int] = field(default_factory=dict)
    articles: dict[int, int] = field(default_factory=dict)
    undated_articles: dict[int, int] = field(default_factory=dict)
    covered: list[bool] | None = None
    basis: Basis = "published"
    far: dict[int, int] = field(default_factory=dict)

    def end(self, index: int) -> date:
        """Last day (inclusive) of bin ``index``."""
        return bin_end(self.starts[index], self.bin)


def bin_start(day: date, bin: Bin) -> date:
    """Start of the bin holding ``day``."""
    if bin == "day":
        return day
    if bin == "week":
        return day - timedelta(days=day.weekday())
    if bin == "month":
        return day.replace(day=1)
    if bin == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"unknown bin {bin!r}")


def next_bin_start(start: date, bin: Bin) -> date:
    """Start of the bin after the one starting at ``start``; ``date.max`` after the calendar's
    last bin, which has none (a "9999-12-31" placeholder date must not break the chart)."""
    if start >= bin_start(date.max, bin):
        return date.max
    if bin == "day":
        return start + timedelta(days=1)
    if bin == "week":
        return start + timedelta(days=7)
    if bin == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    if bin == "year":
        return date(start.year + 1, 1, 1)
    raise ValueError(f"unknown bin {bin!r}")


def bin_end(start: date, bin: Bin) -> date:
    """Last day (inclusive) of the bin starting at ``start``."""
    if start >= bin_start(date.max, bin):
        return date.max
    return next_bin_start(start, bin) - timedelta(days=1)


def bin_starts(first: date, last: date, bin: Bin) -> list[date]:
    """Every bin start from the bin of ``first`` to the bin of ``last``, in order."""
    starts = []
    current = bin_start(first, bin)
    while current <= last:
        starts.append(current)
        if current >= bin_start(date.max, bin):
            break
        current = next_bin_start(current, bin)
    return starts


def bin_count(first: date, last: date, bin: Bin) -> int:
    """How many bins ``first..last`` spans (without listing them)."""
    if bin == "day":
        return (last - first).days + 1
    if bin == "week":
        return (bin_start(last, "week") - bin_start(first, "week")).days // 7 + 1
    if bin == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    if bin == "year":
        return last.year - first.year + 1
    raise ValueError(f"unknown bin {bin!r}")


def choose_bin(first: date, last: date) -> Bin:
    """The finest bin that shows ``first..last`` in at most ``MAX_BINS`` bins.

    Taking the finest such bin keeps a range of more than a few months above ~20 bins: 200 days
    are 200 day bins, 201 days already ~29 weeks, 1,401 days ~46 months, 17 years 17 years.
    """
    if last < first:
        first, last = last, first
    for bin in BINS:
        if bin_count(first, last, bin) <= MAX_BINS:
            return bin
    return "year"


def date_extent(db: sqlite_utils.Database) -> tuple[date, date] | None:
    """First and last publication date, or None when no article is dated (two index seeks)."""
    first, last = db.execute(
        "SELECT (SELECT MIN(published) FROM articles WHERE published IS NOT NULL),"
        " (SELECT MAX(published) FROM articles)"
    ).fetchone()
    if first is None:
        return None
    return date.fromisoformat(first), date.fromisoformat(last)


def _range_sql(column: str, date_from: date | None, date_to: date | None) -> tuple[str, list[str]]:
    conditions, params = [f"{column} IS NOT NULL"], []
    if date_from is not None:
        conditions.append(f"{column} >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        conditions.append(f"{column} <= ?")
        params.append(date_to.isoformat())
    return " AND ".join(conditions), params


def _bin_sql(bin: Bin, column: str) -> str:
    if bin not in _BIN_SQL:
        raise ValueError(f"unknown bin {bin!r}")
    return _BIN_SQL[bin].format(col=column)


def articles_per_bin(
    db: sqlite_utils.Database, bin: Bin, *, date_from: date | None = None, date_to: date | None = None
) -> dict[date, int]:
    """Dated articles per bin start (bins without articles are absent), from ``corpus_days``."""
    where, params = _range_sql("day", date_from, date_to)
    rows = db.execute(
        f"SELECT {_bin_sql(bin, 'day')} AS bin, SUM(articles) FROM corpus_days WHERE {where} GROUP BY bin",
        params,
    )
    return {date.fromisoformat(start): n for start, n in rows}


def entity_extent(db: sqlite_utils.Database, entity_ids: Sequence[int]) -> tuple[date, date] | None:
    """First and last day any of these entities is mentioned on, or None (one index range each)."""
    ids = list(dict.fromkeys(entity_ids))
    if not ids:
        return None
    marks = ",".join("?" * len(ids))
    first, last = db.execute(f"SELECT MIN(day), MAX(day) FROM entity_days WHERE entity_id IN ({marks})", ids).fetchone()
    if first is None:
        return None
    return date.fromisoformat(first), date.fromisoformat(last)


def _span(
    db: sqlite_utils.Database, date_from: date | None, date_to: date | None, entity_ids: Sequence[int] = ()
) -> tuple[date, date] | None:
    """The days a chart covers: the requested range, completed by the extent of the data
    (the entities' days when there are entities, else the corpus's)."""
    if date_from is not None and date_to is not None:
        return (date_from, date_to) if date_from <= date_to else (date_to, date_from)
    extent = entity_extent(db, entity_ids) if entity_ids else date_extent(db)
    if extent is None:
        return None
    return date_from or extent[0], date_to or extent[1]


def checked_bin(bin: str) -> Bin:
    """``bin`` when it is one of ``BINS``; else a ValueError naming it."""
    if bin not in BINS:
        raise ValueError(f"unknown bin {bin!r}")
    return bin


def resolve_bin(bin: Bin | Literal["auto"], span: tuple[date, date] | None) -> Bin:
    """The bin asked for, or for "auto" ``choose_bin`` over ``span`` (years when nothing is dated)."""
    if bin == "auto":
        return choose_bin(*span) if span else "year"
    return checked_bin(bin)


def binned(per_day: Mapping[date, int], bin: Bin) -> Counter[date]:
    """Counts per day added up per bin, keyed by the bin's start."""
    per_bin: Counter[date] = Counter()
    for day, n in per_day.items():
        per_bin[bin_start(day, bin)] += n
    return per_bin


def _per_hundred(counts: list[float], articles: list[int]) -> list[float]:
    return [100.0 * c / n if n else 0.0 for c, n in zip(counts, articles, strict=True)]


def series(
    db: sqlite_utils.Database,
    entity_ids: Sequence[int],
    *,
    bin: Bin | Literal["auto"] = "auto",
    measure: Measure = "mentions",
    normalise: bool = False,
    date_from: date | None = None,
    date_to: date | None = None,
) -> TimelineData:
    """Mentions (or articles mentioning it) per bin for each entity, over the same bins.

    ``bin="auto"`` picks ``choose_bin`` over the range; the range defaults to the days the
    entities are mentioned on, so the axis never stretches to dates none of them has.
    ``normalise`` gives counts per 100 dated articles of the bin (0 where the bin has no article).
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    ids = list(dict.fromkeys(entity_ids))
    span = _span(db, date_from, date_to, ids)
    bin = resolve_bin(bin, span)
    starts = bin_starts(*span, bin) if span else []
    counts: dict[int, list[float]] = {entity_id: [0] * len(starts) for entity_id in ids}
    if ids and span:
        position = {start.isoformat(): i for i, start in enumerate(starts)}
        where, params = _range_sql("day", *span)
        marks = ",".join("?" * len(ids))
        rows = db.execute(
            f"SELECT entity_id, {_bin_sql(bin, 'day')} AS bin, SUM({measure}) FROM entity_days"
            f" WHERE entity_id IN ({marks}) AND {where} GROUP BY entity_id, bin",
            [*ids, *params],
        )
        for entity_id, start, n in rows:
            counts[entity_id][position[start]] = n
    per_bin = articles_per_bin(db, bin, date_from=span[0], date_to=span[1]) if span else {}
    articles = [per_bin.get(start, 0) for start in starts]
    if normalise:
        counts = {entity_id: _per_hundred(values, articles) for entity_id, values in counts.items()}
    total, dated = _articles_of(db, ids)
    return TimelineData(
        bin,
        measure,
        normalise,
        starts,
        counts,
        undated_counts(db, ids, measure=measure),
        articles=total,
        undated_articles={key: total[key] - dated[key] for key in ids},
        covered=[n > 0 for n in articles],
    )


def series_for_all(
    db: sqlite_utils.Database,
    bin: Bin | Literal["auto"] = "auto",
    *,
    date_from: date | None = None,
    date_to: date | None = None,
) -> TimelineData:
    """Dated articles per bin over the whole corpus (key ``CORPUS``): the chart with no entity chosen."""
    span = _span(db, date_from, date_to)
    bin = resolve_bin(bin, span)
    starts = bin_starts(*span, bin) if span else []
    per_bin = articles_per_bin(db, bin, date_from=span[0], date_to=span[1]) if span else {}
    counts: dict[int, list[float]] = {CORPUS: [per_bin.get(start, 0) for start in starts]}
    total, undated = db.execute("SELECT articles, undated FROM corpus_totals").fetchone()
    return TimelineData(
        bin,
        "articles",
        False,
        starts,
        counts,
        {CORPUS: undated},
        articles={CORPUS: total},
        undated_articles={CORPUS: undated},
        covered=[n > 0 for n in counts[CORPUS]],
    )


def undated_article_count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT undated FROM corpus_totals").fetchone()[0]


def _articles_of(db: sqlite_utils.Database, ids: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    """Articles mentioning each entity, and the dated ones among them, from the summaries
    (``entities``, and ``entity_days`` over the entity's days: the range the series reads)."""
    total, dated = dict.fromkeys(ids, 0), dict.fromkeys(ids, 0)
    if ids:
        marks = ",".join("?" * len(ids))
        total.update(db.execute(f"SELECT id, articles FROM entities WHERE id IN ({marks})", ids).fetchall())
        dated.update(
            db.execute(
                f"SELECT entity_id, SUM(articles) FROM entity_days WHERE entity_id IN ({marks}) GROUP BY entity_id", ids
            ).fetchall()
        )
    return total, dated


def undated_counts(
    db: sqlite_utils.Database, entity_ids: Sequence[int], *, measure: Measure = "mentions"
) -> dict[int, int]:
    """Mentions (or articles) of each entity in undated articles.

    Two plans, picked by which side is smaller: walk the undated articles and probe
    ``mentions_entity_article`` for each entity, or walk the entity's mentions in that index and
    look each article up by id. ``CROSS JOIN`` fixes SQLite's loop order to the one chosen.
    """
    ids = list(dict.fromkeys(entity_ids))
    result = dict.fromkeys(ids, 0)
    if not ids:
        return result
    undated = undated_article_count(db)
    if undated == 0:
        return result
    marks = ",".join("?" * len(ids))
    entity_mentions = db.execute(
        f"SELECT COALESCE(SUM(mentions), 0) FROM entities WHERE id IN ({marks})", ids
    ).fetchone()[0]
    joined = (
        "articles a CROSS JOIN mentions m"
        if undated * len(ids) <= entity_mentions
        else "mentions m CROSS JOIN articles a"
    )
    counted = "COUNT(*)" if measure == "mentions" else "COUNT(DISTINCT m.article_id)"
    rows = db.execute(
        f"SELECT m.entity_id, {counted} FROM {joined}"
        f" WHERE a.published IS NULL AND m.article_id = a.id AND m.entity_id IN ({marks})"
        " GROUP BY m.entity_id",
        ids,
    )
    result.update(dict(rows))
    return result


def series_for_filter(
    db: sqlite_utils.Database, flt: DocumentFilter, bin: Bin | Literal["auto"] = "auto"
) -> TimelineData:
    """Articles matching ``flt`` per bin (key ``CORPUS``): the chart of a search, over the days
    the matches cover; ``flt``'s own dates are left to the caller (the chart selects them)."""
    days, undated = matches_per_day(db, flt)
    span = (min(days), max(days)) if days else None
    bin = resolve_bin(bin, span)
    starts = bin_starts(*span, bin) if span else []
    per_start = binned(days, bin)
    counts: list[float] = [per_start.get(start, 0) for start in starts]
    per_bin = articles_per_bin(db, bin, date_from=span[0], date_to=span[1]) if span else {}
    return TimelineData(
        bin,
        "articles",
        False,
        starts,
        {CORPUS: counts},
        {CORPUS: undated},
        articles={CORPUS: sum(days.values()) + undated},
        undated_articles={CORPUS: undated},
        covered=[per_bin.get(start, 0) > 0 for start in starts],
    )
