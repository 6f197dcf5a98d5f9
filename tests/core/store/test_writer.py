"""The writer: entity resolution, aliases, type majority, summaries and atomic batches."""

from __future__ import annotations

from datetime import date

import pytest

from explorer.core.model import Mention
from explorer.core.store import open_store
from explorer.core.store.writer import add_batch, known_hashes
from tests.store_builder import body_draft


def mention(body: str, surface: str, name: str, type_: str, *, nth: int = 0, aliases=()) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = body.index(surface, start + 1)
    return Mention(start=start, end=start + len(surface), name=name, type=type_, aliases=tuple(aliases))


def recount(db):
    """Summaries as a full recount from mentions would give them."""
    entities = {
        r[0]: (r[1], r[2])
        for r in db.execute("SELECT entity_id, count(DISTINCT article_id), count(*) FROM mentions GROUP BY entity_id")
    }
    days = {
        (r[0], r[1]): (r[2], r[3])
        for r in db.execute(
            "SELECT m.entity_id, a.published, count(DISTINCT m.article_id), count(*) FROM mentions m"
            " JOIN articles a ON a.id = m.article_id WHERE a.published IS NOT NULL GROUP BY 1, 2"
        )
    }
    return entities, days


def stored_summaries(db):
    entities = {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, articles, mentions FROM entities") if r[2]}
    rows = db.execute("SELECT entity_id, day, articles, mentions FROM entity_days")
    days = {(r[0], r[1]): (r[2], r[3]) for r in rows}
    return entities, days


@pytest.fixture
def db():
    return open_store(":memory:")


def test_acronym_alias_links_a_later_article(db):
    first = "The Northern Rail Link (NRL) opened. NRL trains run hourly."
    second = "Delays hit NRL again."
    add_batch(
        db,
        [
            (
                body_draft(first, date(2024, 1, 2)),
                [
                    mention(first, "Northern Rail Link", "Northern Rail Link", "organisation", aliases=["NRL"]),
                    mention(first, "NRL", "Northern Rail Link", "organisation"),
                    mention(first, "NRL", "Northern Rail Link", "organisation", nth=1),
                ],
            )
        ],
    )
    add_batch(db, [(body_draft(second, date(2024, 1, 3)), [mention(second, "NRL", "NRL", "organisation")])])
    rows = db.execute("SELECT name, articles, mentions FROM entities").fetchall()
    assert rows == [("Northern Rail Link", 2, 4)]
    assert stored_summaries(db) == recount(db)


def test_type_is_the_majority_across_the_corpus(db):
    texts = ["Aldwych reported the news.", "Aldwych said so.", "Aldwych agency wrote."]
    types = ["person", "organisation", "organisation"]
    for text, type_ in zip(texts, types, strict=True):
        add_batch(db, [(body_draft(text), [mention(text, "Aldwych", "Aldwych", type_)])])
    assert db.execute("SELECT type FROM entities").fetchall() == [("organisation",)]
    votes = dict(db.execute("SELECT type, n FROM entity_types").fetchall())
    assert votes == {"person": 1, "organisation": 2}


def test_a_one_word_name_read_mostly_as_a_person_elsewhere_a_company_is_the_company(db):
    texts = ["Quillfare flew 3 jets.", "Quillfare hired pilots.", "Quillfare sold seats.", "Shares of Quillfare rose."]
    for text, type_ in zip(texts, ["person", "person", "person", "organisation"], strict=True):
        add_batch(db, [(body_draft(text), [mention(text, "Quillfare", "Quillfare", type_)])])
    assert db.execute("SELECT type FROM entities").fetchall() == [("organisation",)]


def test_a_one_word_name_that_is_part_of_a_persons_name_stays_a_person(db):
    full = "Hilda Marrowby spoke first."
    add_batch(db, [(body_draft(full), [mention(full, "Hilda Marrowby", "Hilda Marrowby", "person")])])
    texts = ["Marrowby said no.", "Marrowby left.", "The Marrowby plan failed."]
    for text, type_ in zip(texts, ["person", "person", "organisation"], strict=True):
        add_batch(db, [(body_draft(text), [mention(text, "Marrowby", "Marrowby", type_)])])
    types = dict(db.execute("SELECT name, type FROM entities").fetchall())
    assert types == {"Hilda Marrowby": "person", "Marrowby": "person"}


def test_duplicates_are_skipped_and_summaries_match_a_recount(db):
    text = "Lisbon and Porto. Lisbon again."
    items = [
        (
            body_draft(text, date(2023, 5, 1)),
            [
                mention(text, "Lisbon", "Lisbon", "place"),
                mention(text, "Porto", "Porto", "place"),
                mention(text, "Lisbon", "Lisbon", "place", nth=1),
            ],
        )
    ]
    assert add_batch(db, items) == [1]
    assert add_batch(db, items) == [None]
    assert known_hashes(db, [items[0][0].sha256, "unknown"]) == {items[0][0].sha256}
    assert db.execute("SELECT entity_count, extracted FROM articles").fetchall() == [(2, 1)]
    assert stored_summaries(db) == recount(db)
    assert db.execute("SELECT entity_id, day, articles, mentions FROM entity_days ORDER BY entity_id").fetchall() == [
        (1, "2023-05-01", 1, 2),
        (2, "2023-05-01", 1, 1),
    ]


def test_a_failing_batch_leaves_nothing_behind(db):
    good = "Oslo is cold."
    bad_mention = Mention(start=0, end=4, name=None, type="place")  # no name: fails after the first article
    with pytest.raises(TypeError):
        add_batch(
            db,
            [
                (body_draft(good), [mention(good, "Oslo", "Oslo", "place")]),
                (body_draft("Bergen is wet."), [bad_mention]),
            ],
        )
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM entities").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0


def test_a_nationality_is_stored_as_a_group_of_its_country(db):
    from explorer.core.store.relations import group_countries, relations_of

    text = "Pakistani officials met Chinese envoys in China."
    add_batch(
        db,
        [
            (
                body_draft(text),
                [
                    mention(text, "Pakistani", "Pakistani", "group"),
                    mention(text, "Chinese", "Chinese", "group"),
                    mention(text, "China", "China", "place"),
                ],
            )
        ],
    )
    ids = dict(db.execute("SELECT name, id FROM entities").fetchall())
    assert group_countries(db, list(ids.values())) == {ids["Pakistani"]: "Pakistan", ids["Chinese"]: "China"}
    assert [(r.describe(), r.entity_id) for r in relations_of(db, ids["Chinese"])] == [("group of China", ids["China"])]
    assert [r.describe() for r in relations_of(db, ids["China"])] == ["has group Chinese"]
    assert [(r.describe(), r.entity_id) for r in relations_of(db, ids["Pakistani"])] == [("group of Pakistan", None)]
    assert db.execute("SELECT type FROM entities WHERE name = 'China'").fetchone() == ("place",)
