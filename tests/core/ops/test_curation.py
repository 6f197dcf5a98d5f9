"""Curation: each action's effect on counts, aliases, timeline and list; exact undo; rules replayed on import."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.model import Mention
from explorer.core.ops import curation
from explorer.core.store.common_words_sql import hide_common_words
from explorer.core.store.queries import find_entity
from explorer.core.store.settling import newest_article, settle_library
from explorer.core.store.writer import add_batch
from tests.store_builder import (
    CURATION_ARTICLES,
    body_draft,
    build_store,
    curation_mentions,
    curation_store,
    draft,
    mentions_in,
)

TABLES = ("articles", "entities", "entity_types", "aliases", "mentions", "entity_days", "rules")


def dump(db) -> dict[str, list[tuple]]:
    return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}


def assert_summaries_exact(db) -> None:
    """Every summary equals a recount from ``mentions``."""
    per_entity = {
        r[0]: (r[1], r[2])
        for r in db.execute(
            "SELECT e.id, count(DISTINCT m.article_id), count(m.id) FROM entities e"
            " LEFT JOIN mentions m ON m.entity_id = e.id GROUP BY e.id"
        )
    }
    assert per_entity == {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, articles, mentions FROM entities")}
    days = db.execute(
        "SELECT m.entity_id, a.published, count(DISTINCT m.article_id), count(*) FROM mentions m"
        " JOIN articles a ON a.id = m.article_id WHERE a.published IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    assert days == db.execute("SELECT * FROM entity_days ORDER BY 1, 2").fetchall()
    votes = db.execute("SELECT entity_id, label, count(*) FROM mentions GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    assert votes == db.execute("SELECT * FROM entity_types ORDER BY 1, 2").fetchall()
    counts = db.execute(
        "SELECT a.id, (SELECT count(DISTINCT m.entity_id) FROM mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE m.article_id = a.id AND e.hidden = 0) FROM articles a ORDER BY a.id"
    ).fetchall()
    assert counts == db.execute("SELECT id, entity_count FROM articles ORDER BY id").fetchall()


@pytest.fixture
def db():
    return curation_store()


def eid(db, name: str) -> int:
    return db.execute("SELECT id FROM entities WHERE name = ?", [name]).fetchone()[0]


def listed(db) -> dict[str, tuple[int, int]]:
    return {r[0]: (r[1], r[2]) for r in db.execute("SELECT name, articles, mentions FROM entities WHERE hidden = 0")}


def test_merge_moves_counts_aliases_and_timeline_and_undo_restores_exactly(db):
    before = dump(db)
    bill, william = eid(db, "Bill Clinton"), eid(db, "William Clinton")
    change = curation.merge(db, [bill, william], survivor=william, name="Bill Clinton")
    assert_summaries_exact(db)
    assert db.execute("SELECT name, articles, mentions FROM entities WHERE id = ?", [william]).fetchone() == (
        "Bill Clinton",
        3,
        4,
    )
    assert db.execute("SELECT count(*) FROM entities WHERE id = ?", [bill]).fetchone()[0] == 0
    assert {r[0] for r in db.execute("SELECT alias_norm FROM aliases WHERE entity_id = ?", [william])} == {
        "bill clinton",
        "william clinton",
    }
    assert db.execute(
        "SELECT day, articles, mentions FROM entity_days WHERE entity_id = ? ORDER BY day", [william]
    ).fetchall() == [("2020-01-01", 1, 2), ("2020-01-02", 1, 1)]
    assert find_entity(db, "William Clinton").id == william
    assert db.execute("SELECT entity_count FROM articles ORDER BY id").fetchall() == [(3,), (3,), (3,)]
    assert db.execute("SELECT kind FROM rules").fetchall() == [("merge",)]
    curation.undo(db, change)
    assert dump(db) == before


def test_merge_rule_applies_to_an_article_imported_after_it(db):
    bill, william = eid(db, "Bill Clinton"), eid(db, "William Clinton")
    curation.merge(db, [bill, william], survivor=bill)
    body = "William Clinton and Bill Clinton returned to Paris."
    add_batch(db, [(body_draft(body, date(2020, 1, 3)), curation_mentions(body))])
    assert_summaries_exact(db)
    assert db.execute("SELECT count(*) FROM entities WHERE name LIKE '%Clinton'").fetchone()[0] == 1
    assert db.execute("SELECT articles, mentions FROM entities WHERE id = ?", [bill]).fetchone() == (4, 6)
    assert db.execute(
        "SELECT mentions FROM entity_days WHERE entity_id = ? AND day = '2020-01-03'", [bill]
    ).fetchone() == (2,)


def test_hide_removes_from_lists_and_counts_now_and_after_import(db):
    paris = eid(db, "Paris")
    change = curation.hide(db, paris)
    assert_summaries_exact(db)
    assert "Paris" not in listed(db)
    assert find_entity(db, "Paris") is None
    assert db.execute("SELECT entity_count FROM articles ORDER BY id").fetchall() == [(3,), (2,), (2,)]
    body = "Paris again."
    add_batch(db, [(body_draft(body), curation_mentions(body))])
    assert_summaries_exact(db)
    assert db.execute("SELECT hidden FROM entities WHERE id = ?", [paris]).fetchone() == (1,)
    assert db.execute("SELECT entity_count FROM articles WHERE body = ?", [body]).fetchone() == (0,)
    curation.undo(db, change)
    assert db.execute("SELECT hidden FROM entities WHERE id = ?", [paris]).fetchone() == (0,)


def test_add_entity_by_name_marks_every_free_occurrence_and_new_imports(db):
    before = dump(db)
    change = curation.add_entity(db, "Clinton", "person")
    assert_summaries_exact(db)
    # every "Clinton" is inside a longer mention already: nothing to add
    new = eid(db, "Clinton")
    assert db.execute("SELECT mentions FROM entities WHERE id = ?", [new]).fetchone() == (0,)
    curation.undo(db, change)
    assert dump(db) == before

    change = curation.add_entity(db, "Corp grew", "product")
    grew = eid(db, "Corp grew")
    assert db.execute("SELECT mentions FROM entities WHERE id = ?", [grew]).fetchone() == (0,)
    curation.undo(db, change)

    change = curation.add_entity(db, "said", "work")
    said = eid(db, "said")
    assert db.execute("SELECT articles, mentions, type FROM entities WHERE id = ?", [said]).fetchone() == (
        1,
        1,
        "work",
    )
    start = CURATION_ARTICLES[2][0].index("said")
    assert db.execute('SELECT start, "end" FROM mentions WHERE entity_id = ?', [said]).fetchall() == [
        (start, start + 4),
    ]
    assert_summaries_exact(db)
    body = "He said nothing; unsaid, she said it."
    add_batch(db, [(body_draft(body, date(2021, 5, 5)), [])])
    assert_summaries_exact(db)
    assert db.execute("SELECT articles, mentions FROM entities WHERE id = ?", [said]).fetchone() == (2, 3)
    curation.undo(db, change)
    assert_summaries_exact(db)


def test_split_moves_one_written_form_to_its_own_entity(db):
    body = "Acme Corp (ACC) grew. ACC hired staff."
    linked = {"Acme Corp": ("Acme Corp", "organisation"), "ACC": ("Acme Corp", "organisation")}
    add_batch(db, [(body_draft(body, date(2020, 2, 1)), mentions_in(body, linked))])
    before = dump(db)
    corp = eid(db, "Acme Corp")
    change = curation.split(db, corp, "ACC")
    assert_summaries_exact(db)
    split_id = change.entity_id
    assert db.execute("SELECT name, articles, mentions FROM entities WHERE id = ?", [split_id]).fetchone() == (
        "ACC",
        1,
        2,
    )
    assert db.execute("SELECT mentions FROM entities WHERE id = ?", [corp]).fetchone() == (2,)
    # a later article whose ACC was linked to the long name again: the split rule moves it
    later = "ACC Corp said nothing. ACC did."
    add_batch(
        db,
        [
            (
                body_draft(later),
                [Mention(later.index("ACC did"), later.index("ACC did") + 4, "Acme Corp", "organisation")],
            )
        ],
    )
    assert_summaries_exact(db)
    assert db.execute("SELECT mentions FROM entities WHERE id = ?", [split_id]).fetchone() == (3,)
    with pytest.raises(curation.CurationError):
        curation.split(db, corp, "Acme Corp")
    db.execute("DELETE FROM articles WHERE body = ?", [later])
    curation.undo(db, change)
    assert dump(db) == before


def test_retype_survives_a_later_import_with_other_votes(db):
    before = dump(db)
    acme = eid(db, "Acme")
    change = curation.retype(db, acme, "product")
    assert db.execute("SELECT type FROM entities WHERE id = ?", [acme]).fetchone() == ("product",)
    body = "Acme, Acme and Acme again."
    add_batch(db, [(body_draft(body), curation_mentions(body))])
    assert db.execute("SELECT type FROM entities WHERE id = ?", [acme]).fetchone() == ("product",)
    assert db.execute(
        "SELECT n FROM entity_types WHERE entity_id = ? AND type = 'organisation'", [acme]
    ).fetchone() == (5,)
    db.execute("DELETE FROM articles WHERE body = ?", [body])
    curation.undo(db, change)
    after = dump(db)
    assert after["rules"] == before["rules"]
    assert db.execute("SELECT type FROM entities WHERE id = ?", [acme]).fetchone() == ("organisation",)


def test_rename_keeps_the_old_name_as_alias_and_refuses_a_taken_name(db):
    before = dump(db)
    acme = eid(db, "Acme")
    change = curation.rename(db, acme, "Acme Inc")
    assert find_entity(db, "Acme").id == acme
    assert find_entity(db, "Acme Inc").id == acme
    with pytest.raises(curation.CurationError):
        curation.rename(db, acme, "Paris")
    curation.undo(db, change)
    assert dump(db) == before


def _summaries(db) -> dict[str, list[tuple]]:
    """Every table a summary lives in, but the rules (show again leaves one of its own)."""
    return {t: rows for t, rows in dump(db).items() if t != "rules"}


@settings(max_examples=10, deadline=None)
@given(st.sets(st.sampled_from(["Paris", "Acme", "Acme Corp", "Bill Clinton", "William Clinton"]), min_size=1))
def test_hide_then_show_again_gives_the_summaries_of_never_hiding_and_undo_is_exact(names):
    db = curation_store()
    before = _summaries(db)
    for name in sorted(names):
        curation.hide(db, eid(db, name))
    for name in sorted(names):
        hidden_rules = dump(db)
        change = curation.show_again(db, eid(db, name))
        assert_summaries_exact(db)
        curation.undo(db, change)
        assert dump(db) == hidden_rules
        curation.show_again(db, eid(db, name))
        assert_summaries_exact(db)
    assert _summaries(db) == before
    assert db.execute("SELECT kind FROM rules").fetchall() == [("show",)] * len(names)


def test_show_again_refuses_a_visible_entity(db):
    with pytest.raises(curation.CurationError, match="not hidden"):
        curation.show_again(db, eid(db, "Paris"))


WORDY_BODIES = [
    "So the Government spoke today. Then our government paid, and the government fell.",
    "Yet each Government acts, and every government spends, as a government does.",
    "So the Government said no. A government of the people, by a government.",
]


def test_an_entity_shown_again_is_never_hidden_again_by_a_later_import(tmp_path):
    bodies = WORDY_BODIES
    names = {"Government": ("Government", "organisation")}
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names)
    with db.conn:
        assert hide_common_words(db.conn) == ["Government"]
    government = eid(db, "Government")
    curation.show_again(db, government)
    assert db.execute("SELECT hidden FROM entities WHERE id = ?", [government]).fetchone() == (0,)
    newest = newest_article(db)
    add_batch(db, [(body_draft(f"{i} {later}"), mentions_in(f"{i} {later}", names)) for i, later in enumerate(bodies)])
    settle_library(db, newest)
    assert db.execute("SELECT hidden, articles FROM entities WHERE id = ?", [government]).fetchone() == (0, 6)
    assert_summaries_exact(db)
