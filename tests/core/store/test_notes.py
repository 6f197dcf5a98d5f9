"""Stars, notes and tags on articles, and the document list filtered by them."""

from __future__ import annotations

from datetime import date

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
