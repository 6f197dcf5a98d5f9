"""The user's publication date: summaries exact, date expressions re-resolved, undo exact."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.extraction.entities import canonicalize
from explorer.core.model import Span
from explorer.core.ops.reextract import ReextractOptions, reextract_all
from explorer.core.store import open_store
from explorer.core.store.article_dates import UnknownArticles, set_dates, undo_dates
from explorer.core.store.writer import add_batch
from tests.core.store.test_summaries import assert_equal_to_recount, summaries
from tests.store_builder import draft, mentions_in

NAMES = {"Pakistan": ("Pakistan", "place"), "OPEC": ("OPEC", "organisation"), "Jane Doe": ("Jane Doe", "person")}
DATE_PHRASES = ("yesterday", "last March", "June 8, 2024", "next week", "2023", "on Tuesday", "this year")
BODIES = (
    ("Talks", "Pakistan met OPEC yesterday. Jane Doe said last March was hard."),
    ("Oil", "OPEC cut output on June 8, 2024 and will meet next week."),
    ("Visit", "Jane Doe visited Pakistan on Tuesday. In 2023 she did too."),
    ("Plain", "Pakistan and OPEC, with no date at all."),
    ("Year", "This year OPEC and Pakistan agreed; yesterday they signed."),
)
DAYS = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))


def date_spans(body: str) -> list[Span]:
    return [
        Span(m.start(), m.end(), "DATE")
        for phrase in DATE_PHRASES
        for m in re.finditer(re.escape(phrase), body, re.IGNORECASE)
    ]


def store_with(days: list[date | None]):
    """The corpus imported with these publication dates, as an import would write it."""
    db = open_store(":memory:")
    items = []
    for (title, body), day in zip(BODIES, days, strict=True):
        mentions = mentions_in(body, NAMES) + canonicalize(date_spans(body), body, day)
        items.append((draft(title, body, day), sorted(mentions, key=lambda m: m.start)))
    add_batch(db, items)
    return db


def mention_facts(db) -> set[tuple]:
    return set(
        db.execute(
            'SELECT m.article_id, m.start, m."end", e.name, e.type, m.time_start, m.time_end'
            " FROM mentions m JOIN entities e ON e.id = m.entity_id"
        ).fetchall()
    )


def named_summaries(db) -> dict[str, set[tuple]]:
    """Summaries by entity name, to compare databases whose entity ids differ."""
    return {
        "entities": set(db.execute("SELECT name, type, articles, mentions FROM entities WHERE mentions > 0")),
        "entity_days": set(
            db.execute(
                "SELECT e.name, d.day, d.articles, d.mentions FROM entity_days d JOIN entities e ON e.id = d.entity_id"
            )
        ),
        "articles": set(db.execute("SELECT id, published, entity_count FROM articles")),
        "corpus": set(db.execute("SELECT * FROM corpus_days")) | set(db.execute("SELECT * FROM corpus_totals")),
    }


START = [date(2024, 6, 10), None, date(2024, 1, 15), None, date(2023, 12, 31)]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sets(st.integers(1, len(BODIES)), min_size=1), DAYS), min_size=1, max_size=4))
def test_setting_dates_equals_importing_with_those_dates_and_undo_restores_exactly(steps):
    db = store_with(START)
    days = dict(enumerate(START, 1))
    history = []
    for ids, day in steps:
        history.append((mention_facts(db), summaries(db), db.execute("SELECT * FROM articles").fetchall()))
        change = set_dates(db, ids, day)
        days.update((i, day) for i in ids)
        assert_equal_to_recount(db)
        fresh = store_with([days[i] for i in range(1, len(BODIES) + 1)])
        # an expression like "next week" stays while its article is undated, placed nowhere
        assert mention_facts(db) == mention_facts(fresh)
        assert named_summaries(db) == named_summaries(fresh)
        assert {i for (i,) in db.execute("SELECT id FROM articles WHERE date_source = 'user'")} >= ids
        history[-1] += (change,)
    for facts, _kept, articles, change in reversed(history):
        undo_dates(db, change)
        assert mention_facts(db) == facts
        assert db.execute("SELECT * FROM articles").fetchall() == articles
        assert_equal_to_recount(db)


def test_a_relative_date_follows_the_new_article_date():
    db = store_with(START)
    set_dates(db, [1], date(2020, 5, 5))
    rows = db.execute(
        'SELECT substr(a.body, m.start + 1, m."end" - m.start), m.time_start, m.time_end, e.name'
        " FROM mentions m JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id"
        " WHERE a.id = 1 AND m.label = 'date'"
    ).fetchall()
    assert sorted(rows) == [
        ("last March", "2020-03-01", "2020-03-31", "March 2020"),
        ("yesterday", "2020-05-04", "2020-05-04", "4 May 2020"),
    ]
    assert db.execute("SELECT published, date_source FROM articles WHERE id = 1").fetchone() == ("2020-05-05", "user")


def test_undated_by_the_user_keeps_every_date_expression_and_places_only_absolute_ones():
    db = store_with(START)
    set_dates(db, [2, 5], None)
    rows = db.execute(
        "SELECT m.article_id, e.name, m.time_start FROM mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE m.label = 'date' AND m.article_id IN (2, 5) ORDER BY 1, m.start"
    ).fetchall()
    assert rows == [
        (2, "8 June 2024", "2024-06-08"),
        (2, "next week", None),
        (5, "This year", None),
        (5, "yesterday", None),
    ]
    assert db.execute("SELECT published, date_source FROM articles WHERE id = 5").fetchone() == (None, "user")
    assert db.execute("SELECT undated FROM corpus_totals").fetchone() == (3,)
    assert_equal_to_recount(db)


def test_unknown_ids_change_nothing():
    db = store_with(START)
    before = summaries(db), mention_facts(db)
    with pytest.raises(UnknownArticles, match="No article with id 99"):
        set_dates(db, [1, 99], date(2020, 1, 1))
    assert (summaries(db), mention_facts(db)) == before
    assert db.execute("SELECT date_source FROM articles WHERE id = 1").fetchone() == ("header",)


# --- re-extraction -------------------------------------------------------------------------


class DateExtractor:
    """Stands in for spaCy: the corpus's date phrases are DATE spans, its names GPE/ORG/PERSON."""

    labels = {"Pakistan": "GPE", "OPEC": "ORG", "Jane Doe": "PERSON"}

    def use_gazetteer(self, entries) -> None:
        """The stand-in has no gazetteer."""

    def pipe(self, items, *, n_process: int = 1, batch_size: int = 64):
        for text, context in items:
            names = [
                Span(m.start(), m.end(), label)
                for name, label in self.labels.items()
                for m in re.finditer(re.escape(name), text)
            ]
            yield sorted(names + date_spans(text), key=lambda span: span.start), context


def reextracted(path, **options) -> list:
    return list(reextract_all(path, ReextractOptions(**options), extractor=DateExtractor()))


def date_rows(db, article_id: int) -> list[tuple]:
    return sorted(
        db.execute(
            'SELECT substr(a.body, m.start + 1, m."end" - m.start), m.time_start FROM mentions m'
            " JOIN articles a ON a.id = m.article_id WHERE a.id = ? AND m.label = 'date'",
            (article_id,),
        ).fetchall()
    )


def test_reextraction_keeps_the_user_date_and_finds_relative_dates_of_an_undated_article(tmp_path):
    path = tmp_path / "kb.sqlite"
    db = open_store(path)
    add_batch(
        db,
        [(draft(title, body, day), mentions_in(body, NAMES)) for (title, body), day in zip(BODIES, START, strict=True)],
    )
    set_dates(db, [2], date(2024, 6, 5))
    assert date_rows(db, 2) == []  # no date was extracted yet
    last = reextracted(path, article_ids=(2,))[-1]
    assert last.finished and last.imported == 1
    db = open_store(path)
    assert date_rows(db, 2) == [("June 8, 2024", "2024-06-08"), ("next week", "2024-06-10")]
    assert date_rows(db, 1) == []  # not re-extracted
    reextracted(path)
    db = open_store(path)
    assert db.execute("SELECT published, date_source FROM articles WHERE id = 2").fetchone() == ("2024-06-05", "user")
    assert date_rows(db, 1) == [("last March", "2024-03-01"), ("yesterday", "2024-06-09")]
    assert_equal_to_recount(db)


def test_reextraction_reads_dateline_dates_again_by_todays_rule(tmp_path):
    path = tmp_path / "kb.sqlite"
    db = open_store(path)
    wrong = draft("Fixtures", "Saturday, 26 February\n1400 GMT Pakistan v OPEC, kick-off yesterday.", date(1400, 2, 26))
    right = draft("Talks", "ISLAMABAD, March 3, 2021 (Reuters) - Pakistan met OPEC yesterday.", date(2021, 3, 3))
    partial = draft("Oil", "KARACHI, Jan 3 (Reuters) - Pakistan met OPEC yesterday.", date(2024, 1, 3))
    user = draft("Mine", "LONDON, June 8, 2024 (Reuters) - Pakistan met OPEC.", date(2020, 1, 1))
    add_batch(
        db,
        [
            (replace(wrong, date_source="dateline"), []),
            (replace(right, date_source="dateline"), []),
            (replace(partial, date_source="dateline"), []),
            (replace(user, date_source="user"), []),
        ],
    )
    reextracted(path)
    db = open_store(path)
    assert db.execute("SELECT published, date_source FROM articles ORDER BY id").fetchall() == [
        (None, "none"),
        ("2021-03-03", "dateline"),
        ("2024-01-03", "dateline"),
        ("2020-01-01", "user"),
    ]
    assert date_rows(db, 1) == [("yesterday", None)]  # kept, placed nowhere: its article is undated
    assert date_rows(db, 2) == [("yesterday", "2021-03-02")]
    assert db.execute("SELECT undated FROM corpus_totals").fetchone() == (1,)
    assert_equal_to_recount(db)
