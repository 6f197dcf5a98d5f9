"""Stars, notes and tags on articles, and the document list filtered by them."""

from __future__ import annotations

import sqlite3
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.store import open_store
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.notes import (
    ArticleNotes,
    add_tag,
    all_tags,
    article_notes,
    missing_articles,
    notes_of,
    remove_tag,
    set_note,
    set_starred,
)
from explorer.core.store.queries import count_documents
from explorer.core.store.writer import add_batch
from tests.store_builder import body_draft


def test_star_note_and_tags_filter_the_document_list(tmp_path):
    db = open_store(tmp_path / "kb.sqlite")
    first, second, third = add_batch(db, [(body_draft(f"Story number {i}.", date(2020, 1, i)), []) for i in (1, 2, 3)])
    assert article_notes(db, first) == article_notes(db, first).__class__(False, "", ())
    set_starred(db, first, True)
    set_note(db, first, "  check the figures  ")
    add_tag(db, first, "Trade  war")
    add_tag(db, second, "trade war")  # the same tag in another case
    add_tag(db, second, "energy")
    add_tag(db, second, "energy")
    notes = article_notes(db, first)
    assert (notes.starred, notes.note, notes.tags) == (True, "check the figures", ("Trade war",))
    assert all_tags(db) == [("Trade war", 2), ("energy", 1)]
    assert count_documents(db, DocumentFilter(tag="TRADE WAR")) == 2
    assert count_documents(db, DocumentFilter(tag="energy", date_from=date(2020, 1, 2))) == 1
    assert count_documents(db, DocumentFilter(starred=True)) == 1
    set_starred(db, first, False)
    assert count_documents(db, DocumentFilter(starred=True)) == 0
    assert article_notes(db, first).note == "check the figures"
    remove_tag(db, second, "Energy")
    assert all_tags(db) == [("Trade war", 2)]
    assert count_documents(db, DocumentFilter(tag="energy")) == 0
    db.execute("DELETE FROM articles WHERE id = ?", [first])
    assert all_tags(db) == [("trade war", 1)] and count_documents(db) == 2 and third


def test_notes_of_a_page_reads_only_marked_articles(tmp_path):
    db = open_store(tmp_path / "kb.sqlite")
    first, second, third = add_batch(db, [(body_draft(f"Story {i}.", date(2020, 1, i)), []) for i in (1, 2, 3)])
    set_starred(db, first, True)
    add_tag(db, first, "b")
    add_tag(db, first, "a")
    add_tag(db, second, "a")
    set_note(db, third, "later")
    set_starred(db, second, False)
    assert notes_of(db, [first, second, third, first, 999]) == {
        first: ArticleNotes(True, "", ("a", "b")),
        second: ArticleNotes(False, "", ("a",)),
        third: ArticleNotes(False, "later", ()),
    }
    set_note(db, third, "")
    assert notes_of(db, [third]) == {} and notes_of(db, []) == {}
    assert missing_articles(db, [first, 999, 999]) == [999]


MARKS = st.fixed_dictionaries(
    {"starred": st.booleans(), "note": st.sampled_from(["", "later"]), "tags": st.sets(st.sampled_from("abc"))}
)


@settings(max_examples=40, deadline=None)
@given(st.lists(MARKS, min_size=1, max_size=8), st.lists(st.integers(1, 12), max_size=20))
def test_notes_of_any_ids_are_each_articles_own_marks_and_missing_ones_are_named(marks, asked) -> None:
    db = open_store(":memory:")
    ids = add_batch(db, [(body_draft(f"Story {i}."), []) for i in range(len(marks))])
    for article_id, mark in zip(ids, marks, strict=True):
        set_starred(db, article_id, mark["starred"])
        set_note(db, article_id, mark["note"])
        for tag in mark["tags"]:
            add_tag(db, article_id, tag)
    own = {i: article_notes(db, i) for i in set(asked) & set(ids)}
    assert notes_of(db, asked) == {i: n for i, n in own.items() if n.starred or n.note or n.tags}
    assert missing_articles(db, asked) == [i for i in dict.fromkeys(asked) if i not in ids]


def test_marks_of_more_articles_than_sqlite_binds_at_once_are_read_in_chunks() -> None:
    db = open_store(":memory:")
    [only] = add_batch(db, [(body_draft("Story."), [])])
    add_tag(db, only, "energy")
    db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)  # SQLite's limit before 3.32
    asked = [only, *range(only + 1, only + 2_000)]  # as many as `search --all` may show
    assert notes_of(db, asked) == {only: ArticleNotes(False, "", ("energy",))}
    assert missing_articles(db, asked) == asked[1:]
