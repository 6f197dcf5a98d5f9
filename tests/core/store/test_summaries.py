"""Summary tables: kept exact by import, curation and deletion; rebuilt by a command."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import partial

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.ops import curation
from explorer.core.store import open_store, queries
from explorer.core.store.deletion import delete_articles
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.queries import (
    MatchCount,
    count_documents,
    count_matches,
    find_entity,
    stats,
)
from explorer.core.store.summaries import rebuild_summaries
from explorer.core.store.timeline import articles_per_bin, undated_article_count
from explorer.core.store.writer import add_batch
from tests.store_builder import build_store, draft, mentions_in, own_names, query_plan, statements_run

NAMES = own_names(place=["Pakistan", "India"], person=["Bill Clinton", "William Clinton"], organisation=["OPEC"])
BODIES = [
    ("Talks", "Pakistan and India met. Pakistan spoke first.", date(2024, 1, 3)),
    ("Visit", "Bill Clinton went to India. OPEC met.", date(2024, 1, 3)),
    ("Oil", "OPEC cut output. William Clinton commented on OPEC.", date(2024, 2, 10)),
    ("Undated", "Pakistan and OPEC, undated.", None),
    ("Later", "India, Pakistan and Bill Clinton again.", date(2025, 6, 1)),
]
SUMMARY_QUERIES = {
    "entities": "SELECT id, articles, mentions FROM entities ORDER BY id",
    "entity_types": "SELECT * FROM entity_types ORDER BY 1, 2",
    "entity_days": "SELECT * FROM entity_days ORDER BY 1, 2",
    "articles": "SELECT id, entity_count FROM articles ORDER BY id",
    "corpus_totals": "SELECT * FROM corpus_totals",
    "corpus_days": "SELECT * FROM corpus_days ORDER BY day",
}


def items(rows):
    return [(draft(title, body, day), mentions_in(body, NAMES)) for title, body, day in rows]


def library():
    """``BODIES`` in two batches, so that summaries are added up across transactions."""
    return build_store(":memory:", [draft(title, body, day) for title, body, day in BODIES], NAMES, batch=3)


@pytest.fixture
def db():
    store = library()
    yield store
    store.close()


def summaries(db) -> dict[str, list[tuple]]:
    return {name: db.execute(sql).fetchall() for name, sql in SUMMARY_QUERIES.items()}


def assert_equal_to_recount(db) -> None:
    kept = summaries(db)
    rebuild_summaries(db.conn)
    assert summaries(db) == kept


def entity_id(db, name: str) -> int:
    return find_entity(db, name).id


def test_rebuild_counts_what_the_mentions_say(db):
    db.conn.execute("UPDATE entities SET articles = 0, mentions = 99")
    db.conn.execute("UPDATE articles SET entity_count = 7")
    for table in ("entity_days", "entity_types", "corpus_days"):
        db.conn.execute(f"DELETE FROM {table}")
    db.conn.execute("UPDATE corpus_totals SET articles = 0, undated = 0")
    db.conn.commit()
    rebuild_summaries(db.conn)
    pakistan, opec = entity_id(db, "Pakistan"), entity_id(db, "OPEC")
    assert db.execute("SELECT articles, mentions FROM entities WHERE id = ?", [pakistan]).fetchone() == (3, 4)
    assert db.execute("SELECT articles, mentions FROM entities WHERE id = ?", [opec]).fetchone() == (3, 4)
    assert db.execute(
        "SELECT day, articles, mentions FROM entity_days WHERE entity_id = ? ORDER BY day", [opec]
    ).fetchall() == [("2024-01-03", 1, 1), ("2024-02-10", 1, 2)]
    votes = db.execute("SELECT type, n FROM entity_types WHERE entity_id = ?", [opec]).fetchall()
    assert votes == [("organisation", 4)]
    assert dict(db.execute("SELECT title, entity_count FROM articles").fetchall()) == {
        "Talks": 2,
        "Visit": 3,
        "Oil": 2,
        "Undated": 2,
        "Later": 3,
    }
    assert db.execute("SELECT articles, undated FROM corpus_totals").fetchone() == (5, 1)
    assert db.execute("SELECT * FROM corpus_days ORDER BY day").fetchall() == [
        ("2024-01-03", 2),
        ("2024-02-10", 1),
        ("2025-06-01", 1),
    ]


def test_imports_keep_summaries_equal_to_a_recount(db):
    assert_equal_to_recount(db)
    add_batch(db, items([("More", "Pakistan and OPEC again, and India.", date(2024, 1, 3))]))
    assert_equal_to_recount(db)


def test_merge_and_hide_keep_summaries_equal_to_a_recount(db):
    bill, william = entity_id(db, "Bill Clinton"), entity_id(db, "William Clinton")
    curation.merge(db, [bill, william], survivor=bill)
    assert_equal_to_recount(db)
    curation.hide(db, entity_id(db, "India"))
    assert_equal_to_recount(db)
    add_batch(db, items([("After", "India and William Clinton.", date(2024, 3, 1))]))
    assert_equal_to_recount(db)


def test_deleting_articles_keeps_summaries_equal_to_a_recount(db):
    ids = dict(db.execute("SELECT title, id FROM articles").fetchall())
    pakistan = entity_id(db, "Pakistan")
    assert delete_articles(db, [ids["Talks"], ids["Undated"], 10_000]) == 2
    assert_equal_to_recount(db)
    assert db.execute("SELECT articles, mentions FROM entities WHERE id = ?", [pakistan]).fetchone() == (1, 1)
    assert db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'talks'").fetchone() == (0,)
    assert stats(db)["articles"] == 3 and undated_article_count(db) == 0
    assert articles_per_bin(db, "month") == {date(2024, 1, 1): 1, date(2024, 2, 1): 1, date(2025, 6, 1): 1}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sets(st.integers(1, len(BODIES) + 1)), min_size=1, max_size=3))
def test_deleting_any_articles_keeps_every_summary_equal_to_a_recount(rounds):
    db = library()
    left = set(range(1, len(BODIES) + 1))
    for chosen in rounds:  # an id past the last names no article and is ignored
        assert delete_articles(db, chosen) == len(chosen & left)
        left -= chosen
        assert_equal_to_recount(db)
        assert {row[0] for row in db.execute("SELECT id FROM articles")} == left
    db.close()


def test_setting_dates_keeps_summaries_equal_to_a_recount(db):
    from explorer.core.store.article_dates import set_dates, undo_dates

    change = set_dates(db, [1, 4], date(2024, 2, 10))  # one day that already had an article
    assert_equal_to_recount(db)
    assert dict(db.execute("SELECT day, articles FROM corpus_days"))["2024-02-10"] == 3
    set_dates(db, [2, 3], None)
    assert_equal_to_recount(db)
    assert db.execute("SELECT undated FROM corpus_totals").fetchone() == (2,)
    undo_dates(db, change)
    assert_equal_to_recount(db)


def test_an_entity_left_without_mentions_goes_unless_a_rule_names_it(db):
    ids = dict(db.execute("SELECT title, id FROM articles").fetchall())
    curation.retype(db, entity_id(db, "William Clinton"), "group")
    delete_articles(db, [ids["Visit"], ids["Oil"]])
    assert find_entity(db, "William Clinton") is not None  # its retype rule still applies to later imports
    assert db.execute("SELECT articles, mentions FROM entities WHERE key = 'william clinton'").fetchone() == (0, 0)
    assert find_entity(db, "Bill Clinton") is not None  # still in "Later"
    delete_articles(db, [ids["Later"]])
    assert find_entity(db, "Bill Clinton") is None
    assert db.execute("SELECT count(*) FROM aliases WHERE alias_norm = 'bill clinton'").fetchone() == (0,)
    assert_equal_to_recount(db)


def test_deleting_removes_notes_and_tags(db):
    article_id = db.execute("SELECT id FROM articles WHERE title = 'Oil'").fetchone()[0]
    db.conn.execute(
        "INSERT INTO article_notes (article_id, starred, note, updated_at) VALUES (?, 1, 'x', 'now')", [article_id]
    )
    db.conn.execute("INSERT INTO article_tags (article_id, tag) VALUES (?, 'energy')", [article_id])
    db.conn.commit()
    delete_articles(db, [article_id])
    assert db.execute("SELECT count(*) FROM article_notes").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM article_tags").fetchone() == (0,)


def test_counts_come_from_summaries_or_stop_at_the_cap(db):
    pakistan, india = entity_id(db, "Pakistan"), entity_id(db, "India")
    assert count_documents(db) == 5
    assert count_documents(db, DocumentFilter(entity_ids=(pakistan,))) == 3
    both = DocumentFilter(entity_ids=(pakistan, india))
    assert count_documents(db, both) == 2
    assert count_matches(db, both) == MatchCount(2)
    assert count_matches(db, both, cap=1) == MatchCount(1, "at least")
    assert str(count_matches(db, both, cap=1)) == "1+"
    assert count_documents(db, DocumentFilter(date_to=date(2024, 12, 31))) == 3  # undated excluded
    assert count_matches(db, DocumentFilter(search="OPEC")) == MatchCount(3)


@pytest.fixture
def everything_frequent(monkeypatch):
    """Plans as in a large corpus, where each of these entities is in too many articles to
    collect: every condition is then checked along the sort index."""
    monkeypatch.setattr(queries, "PLAN_PAGE", 1)


def test_when_every_condition_is_frequent_the_count_is_estimated_from_a_spread_sample(db, everything_frequent):
    flt = DocumentFilter(entity_ids=(entity_id(db, "Pakistan"), entity_id(db, "India")))  # "Talks", "Later"
    assert count_documents(db, flt) == 2
    assert count_matches(db, flt, budget=10) == MatchCount(2)  # the whole corpus fits: exact
    add_batch(
        db,
        items(
            [  # 95 more: one in five mentions both
                (
                    f"Filler {i}",
                    f"{'Pakistan and India.' if i % 5 == 0 else 'OPEC alone.'} Number {i}.",
                    date(2024, 5, 1),
                )
                for i in range(95)
            ]
        ),
    )
    assert count_documents(db, flt) == 21
    estimate = count_matches(db, flt, budget=20)  # ten runs of two ids: ids 1-2, 12-13, …, 99-100
    assert estimate == MatchCount(round(4 * 100 / 20), "about") and str(estimate) == "about 20"


def plan_of(db, run) -> str:
    """The plan of the last page of articles ``run()`` reads."""
    return query_plan(db, [sql for sql in statements_run(db, run) if sql.startswith("SELECT id, title")][-1])


@pytest.mark.parametrize(
    "conditions",
    [
        {"entities": ["Pakistan"]},
        {"entities": ["Pakistan"], "search": "OPEC"},
        {"entity_type": "person"},
        {"entities": ["OPEC", "India"], "entity_type": "place", "date_to": date(2024, 12, 31)},
    ],
)
def test_both_plans_list_the_same_articles(db, monkeypatch, conditions):
    entities = tuple(entity_id(db, name) for name in conditions.pop("entities", ()))
    flt = DocumentFilter(entity_ids=entities, **conditions)
    for sort in queries.DOCUMENT_SORTS:
        selective = queries.document_page(db, flt, sort)
        plan = plan_of(db, partial(queries.document_page, db, flt, sort))
        assert "TEMP B-TREE" in plan  # the few matches are collected, then sorted
        monkeypatch.setattr(queries, "PLAN_PAGE", 1)
        frequent = queries.document_page(db, flt, sort)
        plan = plan_of(db, partial(queries.document_page, db, flt, sort))
        if flt.date_to is None:  # every condition is checked along the sort order's index
            assert "TEMP B-TREE FOR ORDER BY" not in plan and "SCAN articles USING INDEX" in plan, plan
        elif sort == "published":  # the dates are a range of that index
            assert "TEMP B-TREE" not in plan and "SEARCH articles USING INDEX articles_published_key" in plan, plan
        monkeypatch.undo()
        assert frequent == selective and selective


# -- the commands ----------------------------------------------------------------------------


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "library.db"
    store = open_store(path)
    add_batch(store, items(BODIES))
    store.close()
    return path


def invoke(*args, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_rebuild_summaries_command_repairs_counts(db_file):
    store = open_store(db_file)
    expected = summaries(store)
    store.conn.execute("UPDATE entities SET mentions = 0, articles = 0")
    store.conn.execute("DELETE FROM entity_days")
    store.conn.commit()
    store.close()
    result = invoke("rebuild-summaries", "--db", str(db_file))
    assert result.exit_code == 0, result.output
    assert "Summaries rebuilt" in result.output
    store = open_store(db_file)
    assert summaries(store) == expected
    store.close()


def test_rebuild_summaries_refuses_a_missing_database(tmp_path):
    result = invoke("rebuild-summaries", "--db", str(tmp_path / "none.db"))
    assert result.exit_code != 0 and "No database" in result.output
    assert not (tmp_path / "none.db").exists()


def test_delete_command_by_id_asks_first(db_file):
    store = open_store(db_file)
    ids = dict(store.execute("SELECT title, id FROM articles").fetchall())
    store.close()
    declined = invoke("delete", str(ids["Oil"]), "--db", str(db_file), input="n\n")
    assert declined.exit_code == 0 and "Nothing deleted" in declined.output
    result = invoke("delete", str(ids["Oil"]), str(ids["Talks"]), "--db", str(db_file), input="y\n")
    assert result.exit_code == 0, result.output
    assert "Oil" in result.output and "Deleted 2 articles" in result.output
    store = open_store(db_file)
    assert sorted(t for (t,) in store.execute("SELECT title FROM articles")) == ["Later", "Undated", "Visit"]
    assert_equal_to_recount(store)
    store.close()


def test_delete_command_by_search_and_date(db_file):
    result = invoke("delete", "--search", "OPEC", "--to", "2024-12-31", "--yes", "--db", str(db_file))
    assert result.exit_code == 0, result.output
    assert "Deleted 2 articles" in result.output
    store = open_store(db_file)
    titles = Counter(t for (t,) in store.execute("SELECT title FROM articles"))
    assert titles == Counter(["Talks", "Undated", "Later"])
    store.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Name the articles"),
        (("999",), "No article with id 999"),
        (("--search", '"unclosed'), "Search syntax"),
        (("--search", "nothingmatches"), "nothing deleted"),
    ],
)
def test_delete_command_bad_input(db_file, args, message):
    result = invoke("delete", *args, "--yes", "--db", str(db_file))
    assert message in result.output
    assert "Traceback" not in result.output
