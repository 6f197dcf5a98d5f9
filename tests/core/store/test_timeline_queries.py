"""Timeline counts: bins (weeks from Monday), measures, normalisation, undated, extent, query plans."""

from __future__ import annotations

import functools
import hashlib
import itertools
import random
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from explorer.core.model import ArticleDraft, Mention
from explorer.core.store import open_store
from explorer.core.store.timeline import (
    BINS,
    CORPUS,
    articles_per_bin,
    bin_end,
    bin_start,
    bin_starts,
    binned,
    choose_bin,
    date_extent,
    resolve_bin,
    series,
    series_for_all,
    undated_counts,
)
from explorer.core.store.timeline_modes import FAR_SHARE, file_date_series, period_series
from explorer.core.store.writer import add_batch
from tests.store_builder import query_plan, statements_run

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
        title=body[:30],
        body=body,
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        words=len(words),
        published=published,
        date_source="header" if published else "none",
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


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "day"),
        (30, "day"),
        (199, "day"),
        (200, "week"),
        (1_300, "week"),
        (1_500, "month"),
        (16 * 365, "month"),
        (17 * 365, "year"),
        (150 * 365, "year"),
    ],
)
def test_choose_bin_keeps_at_most_200_bins(days, expected):
    first = date(1990, 3, 14)
    last = first + timedelta(days=days)
    assert choose_bin(first, last) == expected
    assert choose_bin(last, first) == expected
    assert len(bin_starts(first, last, expected)) <= 200


@given(st.dictionaries(st.dates(), st.integers(0, 10**6), max_size=30), st.sampled_from(BINS))
def test_binned_adds_each_days_count_to_the_bin_holding_it(per_day, bin):
    per_bin = binned(per_day, bin)
    assert sum(per_bin.values()) == sum(per_day.values())
    for start, n in per_bin.items():
        assert bin_start(start, bin) == start
        assert n == sum(count for day, count in per_day.items() if start <= day <= bin_end(start, bin))


@given(st.one_of(st.none(), st.tuples(st.dates(), st.dates()).map(sorted).map(tuple)), st.sampled_from(BINS))
def test_resolve_bin_keeps_a_bin_asked_for_and_chooses_one_for_auto(span, bin):
    assert resolve_bin(bin, span) == bin
    assert resolve_bin("auto", span) == (choose_bin(*span) if span else "year")
    with pytest.raises(ValueError, match="unknown bin 'fortnight'"):
        resolve_bin("fortnight", span)  # type: ignore[arg-type]


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
        assert dict(zip(data.starts, data.counts[gamma], strict=True)) == {s: expected.get(s, 0) for s in data.starts}


def test_queries_use_indexes_and_never_scan_mentions(news):
    ids = list(entity_ids(news).values())
    statements = statements_run(
        news,
        lambda: (
            series(news, ids, normalise=True),
            series(news, ids, bin="week", measure="articles", date_from=date(2024, 1, 3)),
            series_for_all(news, "year"),
        ),
    )
    plans = [query_plan(news, sql) for sql in statements if sql.lstrip().upper().startswith("SELECT")]
    assert plans
    for plan in plans:
        ignored = ("SCAN CONSTANT ROW", "SCAN (subquery", "SCAN corpus_totals")  # the last: one row
        assert "SCAN" not in functools.reduce(lambda text, part: text.replace(part, ""), ignored, plan), plan


# ----------------------------------------------------------------- undated collections, other dates

NAMES = ("Alpha", "Beta", "Gamma")
FIRST_DAY = date(2000, 1, 1)
days = st.integers(0, 900).map(lambda n: FIRST_DAY + timedelta(days=n))
periods = st.tuples(days, st.sampled_from([0, 0, 6, 30, 364, 3_652])).map(lambda p: (p[0], p[0] + timedelta(days=p[1])))
stories = st.lists(
    st.fixed_dictionaries(
        {
            "published": st.none() | days,
            "file_day": st.none() | days,
            "names": st.fixed_dictionaries({name: st.integers(0, 3) for name in NAMES}),
            "periods": st.lists(periods, max_size=3),
        }
    ),
    max_size=25,
)


def story_item(story: dict) -> tuple[ArticleDraft, list[Mention]]:
    """An article with the story's entity mentions, date mentions of its periods and file date."""
    words = [name for name, n in story["names"].items() for _ in range(n)]
    words += [f"P{first:%Y%m%d}to{last:%Y%m%d}" for first, last in story["periods"]]
    body = " ".join(words) + f" #{next(_serial)}"
    found, start = [], 0
    for word in words:
        start = body.index(word, start)
        if word.startswith("P"):
            first, last = word[1:].split("to")
            period = [f"{text[:4]}-{text[4:6]}-{text[6:]}" for text in (first, last)]
            found.append(Mention(start, start + len(word), word, "date", time_start=period[0], time_end=period[1]))
        else:
            found.append(Mention(start, start + len(word), word, "person"))
        start += len(word)
    mtime = f"{story['file_day']}T12:00:00+02:00" if story["file_day"] else None
    draft = ArticleDraft(
        title=body[:30],
        body=body,
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        words=len(words),
        published=story["published"],
        date_source="header" if story["published"] else "none",
        file_mtime=mtime,
    )
    return draft, found


def periods_only(periods: list[tuple[date, date]]) -> tuple[ArticleDraft, list[Mention]]:
    """An undated article, without file date, naming only these periods."""
    return story_item({"published": None, "file_day": None, "names": dict.fromkeys(NAMES, 0), "periods": periods})


def stored(items: list[dict]):
    db = open_store(":memory:")
    add_batch(db, [story_item(item) for item in items])
    return db


@settings(max_examples=60, deadline=None)
@given(
    stories,
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True),
    st.sampled_from(["auto", *BINS]),
    st.sampled_from(["mentions", "articles"]),
)
def test_series_span_the_entities_own_days_and_account_for_every_mention(items, chosen, bin, measure):
    db = stored(items)
    ids = entity_ids(db)
    chosen = [name for name in chosen if name in ids]
    assume(chosen)
    data = series(db, [ids[name] for name in chosen], bin=bin, measure=measure)
    dated_days = [s["published"] for s in items if s["published"] and any(s["names"][n] for n in chosen)]
    if dated_days:
        assert data.starts[0] == bin_start(min(dated_days), data.bin)
        assert data.starts[-1] == bin_start(max(dated_days), data.bin)
    else:
        assert data.starts == []
    published_bins = {bin_start(s["published"], data.bin) for s in items if s["published"]}
    assert data.covered == [start in published_bins for start in data.starts]
    for name in chosen:
        mentioning = [s for s in items if s["names"][name]]
        total = sum(s["names"][name] for s in mentioning) if measure == "mentions" else len(mentioning)
        assert sum(data.counts[ids[name]]) + data.undated[ids[name]] == total
        assert data.articles[ids[name]] == len(mentioning)
        assert data.undated_articles[ids[name]] == sum(1 for s in mentioning if not s["published"])


@settings(max_examples=40, deadline=None)
@given(stories, st.sampled_from(["auto", *BINS]))
def test_series_for_all_spans_the_published_days_and_counts_undated_articles(items, bin):
    db = stored(items)
    data = series_for_all(db, bin)
    published = [s["published"] for s in items if s["published"]]
    assert data.starts == (bin_starts(min(published), max(published), data.bin) if published else [])
    assert data.articles == {CORPUS: len(items)}
    assert data.undated_articles == data.undated == {CORPUS: len(items) - len(published)}
    assert data.covered == [n > 0 for n in data.counts[CORPUS]]


def expected_periods(items: list[dict], bin: str) -> tuple[Counter, int]:
    placed, longer = Counter(), 0
    for item in items:
        for first, last in item["periods"]:
            if bin_start(first, bin) == bin_start(last, bin):
                placed[bin_start(first, bin)] += 1
            else:
                longer += 1
    return placed, longer


@settings(max_examples=60, deadline=None)
@given(stories, st.sampled_from(["auto", *BINS]), st.none() | st.sampled_from(NAMES))
def test_periods_mentioned_fall_in_the_bin_holding_them_or_are_counted_apart(items, bin, name):
    db = stored(items)
    ids = entity_ids(db)
    assume(name is None or name in ids)
    key = CORPUS if name is None else ids[name]
    data = period_series(db, [] if name is None else [key], bin=bin)
    assert data.basis == "mentioned"
    near = [s for s in items if name is None or s["names"][name]]
    placed, longer = expected_periods(near, data.bin)
    shown = {s: n for s, n in zip(data.starts, data.counts[key], strict=True) if n}
    assert data.undated == {key: longer}
    assert all(placed[start] == n for start, n in shown.items())
    left_off = {start: n for start, n in placed.items() if start not in shown}
    assert data.far == {key: sum(left_off.values())}
    assert sum(left_off.values()) <= 2 * FAR_SHARE * sum(placed.values())  # only the ends' few
    assert all(start < min(shown) or start > max(shown) for start in left_off)
    if shown:
        assert (data.starts[0], data.starts[-1]) == (min(shown), max(shown))


def test_a_few_periods_far_from_the_rest_do_not_stretch_the_axis(db):
    named = [(date(1987, 3, 1), date(1987, 3, 31))] * 3 + [(date(1986, 1, 1), date(1986, 12, 31))]
    add_batch(
        db,
        [periods_only(named) for _ in range(40)],
    )
    add_batch(
        db,
        [periods_only([(date(1030, 1, 1), date(1030, 12, 31))])],
    )
    data = period_series(db, [])
    assert data.bin == "year" and (data.starts[0], data.starts[-1]) == (date(1986, 1, 1), date(1987, 1, 1))
    assert data.counts == {CORPUS: [40, 120]} and data.far == {CORPUS: 1}


@settings(max_examples=40, deadline=None)
@given(
    stories,
    st.sampled_from(["auto", *BINS]),
    st.none() | st.sampled_from(NAMES),
    st.sampled_from(["mentions", "articles"]),
)
def test_file_dates_place_each_article_by_its_file_day(items, bin, name, measure):
    db = stored(items)
    ids = entity_ids(db)
    assume(name is None or name in ids)
    key = CORPUS if name is None else ids[name]
    data = file_date_series(db, [] if name is None else [key], bin=bin, measure=measure)
    assert data.basis == "file"
    weight = (lambda s: 1) if name is None or data.measure == "articles" else (lambda s: s["names"][name])
    near = [s for s in items if name is None or s["names"][name]]
    expected = Counter()
    for s in near:
        if s["file_day"]:
            expected[bin_start(s["file_day"], data.bin)] += weight(s)
    assert {s: n for s, n in zip(data.starts, data.counts[key], strict=True) if n} == dict(expected)
    assert data.undated == {key: sum(weight(s) for s in near if not s["file_day"])}


def test_an_entity_only_in_undated_articles_has_no_bins(news):
    add_batch(news, [article(None, Delta=3), article(None, Delta=1)])
    delta = entity_ids(news)["Delta"]
    data = series(news, [delta])
    assert data.starts == [] and data.counts == {delta: []}
    assert (data.articles, data.undated_articles, data.undated) == ({delta: 2}, {delta: 2}, {delta: 4})


def test_one_wrongly_dated_article_does_not_stretch_an_entitys_range(news):
    add_batch(news, [article(date(1400, 1, 1), Other=1)])
    alpha = entity_ids(news)["Alpha"]
    data = series(news, [alpha])
    assert data.starts[0] == date(2024, 1, 1) and data.bin == "day"


def test_the_corpus_periods_read_one_mention_per_date_entity(db):
    add_batch(
        db,
        [periods_only([(date(2009, 3, 1), date(2009, 3, 31))] * 2) for _ in range(3)],
    )
    read: list = []
    statements = statements_run(db, lambda: read.append(period_series(db, [], bin="month")))
    assert read[0].starts == [date(2009, 3, 1)] and read[0].counts == {CORPUS: [6]}
    plans = [query_plan(db, sql) for sql in statements]
    assert not any("SCAN m" in plan or "SCAN mentions" in plan for plan in plans), plans


@pytest.mark.parametrize("bin", BINS)
def test_the_calendars_first_and_last_days_have_bins(db, bin):
    add_batch(db, [article(date.min, Alpha=1), article(date.max, Alpha=2)])
    data = series(db, [entity_ids(db)["Alpha"]], bin=bin if bin != "day" else "year")
    assert data.starts[0] == date.min and data.end(len(data.starts) - 1) == date.max
    assert sum(data.counts[entity_ids(db)["Alpha"]]) == 3
    assert bin_end(bin_start(date.max, bin), bin) == date.max
    assert bin_starts(date.max, date.max, bin) == [bin_start(date.max, bin)]
