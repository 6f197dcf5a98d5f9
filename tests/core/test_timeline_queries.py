"""Timeline counts: bins (weeks from Monday), measures, normalisation, undated, extent, query plans."""

from __future__ import annotations

import functools
import hashlib
import itertools
import random
from collections import Counter
from datetime import date, timedelta

import pytest

from explorer.core.model import ArticleDraft, Mention
from explorer.core.store import open_store
from explorer.core.store.timeline import (
    CORPUS,
    articles_per_bin,
    bin_end,
    bin_start,
    bin_starts,
    choose_bin,
    date_extent,
    series,
    series_for_all,
    undated_counts,
)
from explorer.core.store.writer import add_batch

_serial = itertools.count()


def article(published: date | None, **mentions: int) -> tuple[ArticleDraft, list[Mention]]:
    """An article mentioning each keyword-named entity the given number of times."""
    words = [name for name, n in mentions.items() for _ in range(n)]
    body = " ".join(words) + f" (published {published}, #{next(_serial)})"
    found, start = [], 0
    for word in words:
        start = body.index(word, start)
        found.append(Mention(start=start, end=start + len(word), name=word, type="person"))
        start += len(word)
    draft = ArticleDraft(
        title=body[:30], body=body, sha256=hashlib.sha256(body.encode()).hexdigest(), words=len(words),
        published=published, date_source="header" if published else "none",
    )
    return draft, found


def entity_ids(db) -> dict[str, int]:
    return {name: id_ for id_, name in db.execute("SELECT id, name FROM entities")}


@pytest.fixture
def db():
    return open_store(":memory:")


def news_items() -> list[tuple[ArticleDraft, list[Mention]]]:
    """Alpha and Beta over two months of 2024; 2024-01-01 is a Monday, 2024-01-07 a Sunday."""
    return [
        article(date(2024, 1, 1), Alpha=2, Beta=1),
        article(date(2024, 1, 7), Alpha=1),
        article(date(2024, 1, 8), Alpha=3),
        article(date(2024, 1, 8), Beta=2),
        article(date(2024, 1, 10)),
        article(date(2024, 2, 29), Alpha=1, Beta=1),
        article(None, Alpha=4),
        article(None, Beta=1),
        article(None, Beta=2),
    ]


@pytest.fixture
def news(db):
    add_batch(db, news_items())
    return db


def test_week_starts_on_monday():
    assert bin_start(date(2024, 1, 7), "week") == date(2024, 1, 1)  # Sunday → the Monday before
    assert bin_start(date(2024, 1, 8), "week") == date(2024, 1, 8)  # Monday → itself
    assert bin_end(date(2024, 1, 1), "week") == date(2024, 1, 7)
    assert bin_end(date(2024, 2, 1), "month") == date(2024, 2, 29)
    assert bin_end(date(2023, 12, 1), "month") == date(2023, 12, 31)
    assert bin_end(date(2023, 1, 1), "year") == date(2023, 12, 31)


@pytest.mark.parametrize(("days", "expected"), [
    (0, "day"), (30, "day"), (199, "day"), (200, "week"), (1_300, "week"),
    (1_500, "month"), (16 * 365, "month"), (17 * 365, "year"), (150 * 365, "year"),
])
def test_choose_bin_keeps_at_most_200_bins(days, expected):
    first = date(1990, 3, 14)
    last = first + timedelta(days=days)
    assert choose_bin(first, last) == expected
    assert choose_bin(last, first) == expected
    assert len(bin_starts(first, last, expected)) <= 200


def test_choose_bin_falls_back_to_years_for_centuries():
    assert choose_bin(date(1790, 1, 8), date(2026, 2, 1)) == "year"


def test_day_bins_count_mentions_with_empty_days_zero(news):
    ids = entity_ids(news)
    data = series(news, [ids["Alpha"], ids["Beta"]], bin="day", date_to=date(2024, 1, 10))
    assert data.starts == [date(2024, 1, 1) + timedelta(days=i) for i in range(10)]
    assert data.counts[ids["Alpha"]] == [2, 0, 0, 0, 0, 0, 1, 3, 0, 0]
    assert data.counts[ids["Beta"]] == [1, 0, 0, 0, 0, 0, 0, 2, 0, 0]


def test_week_bins_start_on_monday(news):
    ids = entity_ids(news)
    data = series(news, [ids["Alpha"]], bin="week")
    assert all(start.weekday() == 0 for start in data.starts)
    assert data.starts[:2] == [date(2024, 1, 1), date(2024, 1, 8)]
    assert data.starts[-1] == date(2024, 2, 26)
    assert data.counts[ids["Alpha"]][:2] == [3, 3]  # Mon 1st + Sun 7th; Mon 8th
    assert data.counts[ids["Alpha"]][-1] == 1
    assert sum(data.counts[ids["Alpha"]]) == 7
    assert data.end(0) == date(2024, 1, 7)


def test_month_and_year_bins(news):
    ids = entity_ids(news)
    month = series(news, [ids["Alpha"], ids["Beta"]], bin="month")
    assert month.starts == [date(2024, 1, 1), date(2024, 2, 1)]
    assert month.counts == {ids["Alpha"]: [6, 1], ids["Beta"]: [3, 1]}
    year = series(news, [ids["Beta"]], bin="year")
    assert year.starts == [date(2024, 1, 1)]
    assert year.counts == {ids["Beta"]: [4]}


def test_articles_measure_counts_articles_not_mentions(news):
    ids = entity_ids(news)
    data = series(news, [ids["Alpha"]], bin="month", measure="articles")
    assert data.counts[ids["Alpha"]] == [3, 1]
    assert data.undated == {ids["Alpha"]: 1}


def test_auto_bin_follows_the_corpus_extent(news):
    ids = entity_ids(news)
    data = series(news, [ids["Beta"]])
    assert data.bin == "day"  # 60 days
    assert data.starts[0] == date(2024, 1, 1) and data.starts[-1] == date(2024, 2, 29)


def test_normalised_is_per_100_articles_of_the_bin(news):
    ids = entity_ids(news)
    data = series(news, [ids["Alpha"]], bin="month", measure="articles", normalise=True)
    # January: Alpha in 3 of 5 dated articles; February: 1 of 1
    assert data.counts[ids["Alpha"]] == pytest.approx([60.0, 100.0])
    per_mention = series(news, [ids["Beta"]], bin="day", normalise=True, date_to=date(2024, 1, 8))
    assert per_mention.counts[ids["Beta"]][0] == pytest.approx(100.0)  # 1 mention / 1 article
    assert per_mention.counts[ids["Beta"]][7] == pytest.approx(100.0)  # 2 mentions / 2 articles
    assert per_mention.counts[ids["Beta"]][1] == 0.0  # no article that day


def test_date_range_limits_bins_and_counts(news):
    ids = entity_ids(news)
    data = series(news, [ids["Alpha"]], bin="week", date_from=date(2024, 1, 7), date_to=date(2024, 1, 31))
    assert data.starts[0] == date(2024, 1, 1) and data.starts[-1] == date(2024, 1, 29)
    assert data.counts[ids["Alpha"]][:2] == [1, 3]  # the 1st falls before the range


def test_undated_mentions_are_counted_apart(news):
    ids = entity_ids(news)
    data = series(news, [ids["Alpha"], ids["Beta"]], bin="month")
    assert data.undated == {ids["Alpha"]: 4, ids["Beta"]: 3}
    assert undated_counts(news, [ids["Beta"]], measure="articles") == {ids["Beta"]: 2}


def test_undated_counts_agree_whichever_side_drives_the_join(db):
    # Many undated articles and a rare entity, then a common entity: both loop orders are taken.
    add_batch(db, [article(None, Common=1) for _ in range(30)] + [article(None, Rare=2, Common=1)])
    ids = entity_ids(db)
    assert undated_counts(db, [ids["Rare"]]) == {ids["Rare"]: 2}
    assert undated_counts(db, [ids["Common"]]) == {ids["Common"]: 31}
    assert undated_counts(db, [ids["Rare"], ids["Common"]], measure="articles") == {ids["Rare"]: 1, ids["Common"]: 31}


def test_extent_ignores_undated(news):
    assert date_extent(news) == (date(2024, 1, 1), date(2024, 2, 29))
    empty = open_store(":memory:")
    add_batch(empty, [article(None, Alpha=1)])
    assert date_extent(empty) is None
    assert series(empty, [1]).starts == []
    assert series(empty, [1]).undated == {1: 1}


def test_series_for_all_counts_articles(news):
    data = series_for_all(news, "month")
    assert data.starts == [date(2024, 1, 1), date(2024, 2, 1)]
    assert data.counts == {CORPUS: [5, 1]}
    assert data.undated == {CORPUS: 3}


def test_sql_bins_agree_with_python_bins(db):
    rnd = random.Random(7)
    days = [date(1999, 11, 1) + timedelta(days=rnd.randrange(900)) for _ in range(300)]
    add_batch(db, [article(day, Gamma=1) for day in days])
    gamma = entity_ids(db)["Gamma"]
    for bin in ("day", "week", "month", "year"):
        expected = Counter(bin_start(day, bin) for day in days)
        assert articles_per_bin(db, bin) == expected
        data = series(db, [gamma], bin=bin)
        assert dict(zip(data.starts, data.counts[gamma])) == {s: expected.get(s, 0) for s in data.starts}


def test_queries_use_indexes_and_never_scan_mentions(news):
    ids = list(entity_ids(news).values())
    statements: list[str] = []
    news.conn.set_trace_callback(statements.append)
    series(news, ids, normalise=True)
    series(news, ids, bin="week", measure="articles", date_from=date(2024, 1, 3))
    series_for_all(news, "year")
    news.conn.set_trace_callback(None)
    plans = [
        " | ".join(row[3] for row in news.execute(f"EXPLAIN QUERY PLAN {sql}"))
        for sql in statements if sql.lstrip().upper().startswith("SELECT")
    ]
    assert plans
    for plan in plans:
        ignored = ("SCAN CONSTANT ROW", "SCAN (subquery", "SCAN corpus_totals")  # the last: one row
        assert "SCAN" not in functools.reduce(lambda text, part: text.replace(part, ""), ignored, plan), plan
