"""Timelines by a date other than publication, for collections whose articles are mostly undated.

- **Periods mentioned**: the periods the text itself names ("March 2009", "the 1990s"), from the
  date mentions' resolved periods. Without entities it reads one mention per date entity (its
  count is the ``entities`` summary), so it never walks ``mentions``; with entities, the periods
  named in the articles mentioning each of them. A period is counted in its bin only when it
  fits in one bin; longer ones ("the 1990s" in years) are counted apart (``undated``). So are
  the few far from the rest (the outer ``FAR_SHARE`` of the mentions at either end, e.g. a
  price "1,030" read as a year), which would otherwise stretch the axis over centuries.
- **File dates**: the day each file was last modified, recorded at import. It says when a copy
  was made, not when the article was published, so it is only ever shown when asked for and
  labelled as such. There is no summary of it: it reads every article (or every article of the
  entities), which is why the window never opens in this mode.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Literal

import sqlite_utils

from explorer.core.store.timeline import (
    BINS,
    CORPUS,
    Bin,
    Measure,
    TimelineData,
    bin_start,
    bin_starts,
    binned,
    checked_bin,
    choose_bin,
    resolve_bin,
)

_YEAR_DAYS = 366
FAR_SHARE = 0.01  # of the placed mentions, at each end, left off the chart and counted apart
Period = tuple[int, date, date, int]  # series key, first day, last day, mentions


def period_series(
    db: sqlite_utils.Database, entity_ids: Sequence[int], *, bin: Bin | Literal["auto"] = "auto"
) -> TimelineData:
    """Mentions of the periods named in the text, per bin of the period (key ``CORPUS`` without entities)."""
    ids = list(dict.fromkeys(entity_ids))
    periods = list(_periods_near(db, ids) if ids else _periods_in_corpus(db))
    bin = _period_bin(periods) if bin == "auto" else checked_bin(bin)
    placed: dict[int, Counter[date]] = defaultdict(Counter)
    longer = dict.fromkeys(ids or [CORPUS], 0)
    for key, first, last, n in periods:
        start = bin_start(first, bin)
        if start == bin_start(last, bin):
            placed[key][start] += n
        else:
            longer[key] += n
    far = _far_from_the_rest(placed)
    return replace(
        _laid_out(placed, ids or [CORPUS], bin, "mentions", longer, "mentioned"),
        far={key: far.get(key, 0) for key in ids or [CORPUS]},
    )


def _far_from_the_rest(placed: dict[int, Counter[date]]) -> dict[int, int]:
    """Take the bins holding the outer ``FAR_SHARE`` of all mentions at either end out of
    ``placed``; return how many mentions of each key they held."""
    total: Counter[date] = Counter()
    for counter in placed.values():
        total.update(counter)
    limit = FAR_SHARE * sum(total.values())
    cut: set[date] = set()
    for ordered in (sorted(total), sorted(total, reverse=True)):
        seen = 0
        for start in ordered:
            seen += total[start]
            if seen >= limit:
                break
            cut.add(start)
    far: Counter[int] = Counter()
    for key, counter in placed.items():
        for start in cut & counter.keys():
            far[key] += counter.pop(start)
    return dict(far)


def file_date_series(
    db: sqlite_utils.Database,
    entity_ids: Sequence[int],
    *,
    bin: Bin | Literal["auto"] = "auto",
    measure: Measure = "articles",
) -> TimelineData:
    """Articles (or an entity's mentions) per bin of the file's modification day; ``undated``
    counts those without a recorded file date."""
    ids = list(dict.fromkeys(entity_ids))
    rows: Iterable[tuple[int, str, int]]
    if ids:
        marks = ",".join("?" * len(ids))
        counted = "COUNT(*)" if measure == "mentions" else "COUNT(DISTINCT a.id)"
        rows = db.execute(
            f"SELECT m.entity_id, substr(a.file_mtime, 1, 10) AS day, {counted}"
            f" FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id IN ({marks})"
            " GROUP BY m.entity_id, day",
            ids,
        )
    else:
        measure = "articles"
        rows = (
            (CORPUS, day, n)
            for day, n in db.execute("SELECT substr(file_mtime, 1, 10) AS day, COUNT(*) FROM articles GROUP BY day")
        )
    days: dict[int, Counter[date]] = defaultdict(Counter)
    without = dict.fromkeys(ids or [CORPUS], 0)
    for key, text, n in rows:
        day = _day(text)
        if day is None:
            without[key] += n
        else:
            days[key][day] += n
    every_day = [day for counter in days.values() for day in counter]
    bin = resolve_bin(bin, (min(every_day), max(every_day)) if every_day else None)
    placed = defaultdict(Counter, {key: binned(counter, bin) for key, counter in days.items()})
    return _laid_out(placed, ids or [CORPUS], bin, measure, without, "file")


def _laid_out(
    placed: dict[int, Counter[date]],
    keys: list[int],
    bin: Bin,
    measure: Measure,
    apart: dict[int, int],
    basis: Literal["mentioned", "file"],
) -> TimelineData:
    """Counts on every bin from the first to the last that holds any, shared by all keys."""
    used = [start for counter in placed.values() for start in counter]
    starts = bin_starts(min(used), max(used), bin) if used else []
    counts: dict[int, list[float]] = {key: [placed[key].get(start, 0) for start in starts] for key in keys}
    return TimelineData(bin, measure, False, starts, counts, undated=apart, basis=basis)


def _periods_in_corpus(db: sqlite_utils.Database) -> Iterable[Period]:
    """Each visible date entity's period (from one of its mentions) and its mention count."""
    rows = db.execute(
        "SELECT m.time_start, m.time_end, e.mentions FROM entities e"
        " JOIN mentions m ON m.id = (SELECT id FROM mentions WHERE entity_id = e.id AND time_start IS NOT NULL"
        " LIMIT 1)"
        " WHERE e.type = 'date' AND e.hidden = 0 AND e.mentions > 0"
    )
    for start, end, n in rows:
        yield from _period(CORPUS, start, end, n)


def _periods_near(db: sqlite_utils.Database, ids: list[int]) -> Iterable[Period]:
    """The periods named in the articles mentioning each entity, with how often they are named."""
    marks = ",".join("?" * len(ids))
    rows = db.execute(
        "SELECT s.entity_id, d.time_start, d.time_end, COUNT(*)"
        f" FROM (SELECT DISTINCT entity_id, article_id FROM mentions WHERE entity_id IN ({marks})) s"
        " JOIN mentions d ON d.article_id = s.article_id JOIN entities e ON e.id = d.entity_id"
        " WHERE d.time_start IS NOT NULL AND e.hidden = 0"
        " GROUP BY s.entity_id, d.time_start, d.time_end",
        ids,
    )
    for key, start, end, n in rows:
        yield from _period(key, start, end, n)


def _period(key: int, start: str, end: str | None, n: int) -> Iterable[Period]:
    first, last = _day(start), _day(end or start)
    if first is not None and last is not None and first <= last:
        yield key, first, last, n


def _period_bin(periods: list[Period]) -> Bin:
    """The finest bin that keeps the periods of up to a year within ``MAX_BINS`` bins (``choose_bin``)
    and places at least half of their mentions (a month named is lost in day bins)."""
    short = [(first, last, n) for _, first, last, n in periods if (last - first).days < _YEAR_DAYS]
    if not short:
        return "year"
    first, last = min(p[0] for p in short), max(p[1] for p in short)
    total = sum(n for _, _, n in short)
    for bin in BINS[BINS.index(choose_bin(first, last)) :]:
        placed = sum(n for a, b, n in short if bin_start(a, bin) == bin_start(b, bin))
        if 2 * placed >= total:
            return bin
    return "year"


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
