"""500 Reuters-21578 articles imported as a user would: a folder of text files."""

from __future__ import annotations

import pytest

from explorer.core.store import open_store, queries

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def reuters_db(reuters_library):
    db = open_store(reuters_library.path)
    yield db, reuters_library.files, reuters_library.last
    db.close()


def test_every_article_is_stored_or_reported(reuters_db):
    db, files, last = reuters_db
    assert last.total == 500 and not last.failed
    assert last.imported + last.duplicates == 500
    assert last.imported > 480  # the collection repeats a few texts word for word
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == last.imported


def test_dates_come_from_the_file_names(reuters_db):
    db, files, _ = reuters_db
    first, last = (f.name[:10] for f in (files[0], files[-1]))
    assert db.execute("SELECT min(published), max(published) FROM articles").fetchone() == (first, last)
    assert db.execute("SELECT DISTINCT date_source FROM articles").fetchall() == [("file name",)]
    titles = [r[0] for r in db.execute("SELECT title FROM articles LIMIT 50")]
    assert all(t and t == t.upper() for t in titles)  # the wire's ALL-CAPS headlines


def test_top_entities_are_the_wire_s_big_names(reuters_db):
    db = reuters_db[0]
    top = queries.entity_page(db, limit=15)
    by_name = {row.name: row for row in top}
    assert by_name["United States"].type == "place"
    assert {row.type for row in top} <= {"place", "organisation", "person", "group", "date"}
    assert not any(row.name.strip().isdigit() and len(row.name) < 4 for row in top)  # no bare numbers
    assert top == sorted(top, key=lambda row: -row.mentions)
    recount = dict(db.execute("SELECT entity_id, count(*) FROM mentions GROUP BY entity_id"))
    assert all(recount[row.id] == row.mentions for row in top)
