"""Provenance as the reader shows it: pages, the message of an attachment, the file to open."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from explorer.core.ops.pipeline import ImportOptions, import_paths
from explorer.core.store import open_store
from explorer.core.store.consistency import inconsistencies
from explorer.core.store.deletion import delete_articles
from explorer.core.store.provenance import Provenance, original_file, provenance
from explorer.core.store.queries import article
from tests.core.reading.formats.samples import email_bytes, pdf_bytes


@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=20, unique=True), st.integers(0, 10_000))
def test_an_offset_is_on_the_last_page_starting_at_or_before_it(starts, offset):
    pages = tuple(sorted({0, *starts}))
    page = Provenance("pdf", pages=pages).page_of(offset)
    assert pages[page - 1] <= offset and (page == len(pages) or offset < pages[page])


def test_descriptions_name_format_pages_and_people():
    assert Provenance("pdf", "PDF information", "Ann", pages=(0, 9)).describe() == (
        "PDF, 2 pages · title from PDF information · by Ann"
    )
    assert Provenance("eml", "e-mail header", "Ann <a@x>", "b@x").describe() == (
        "E-mail · title from e-mail header · from Ann <a@x> · to b@x"
    )
    assert (
        Provenance("text").page_of(5) is None and Provenance("epub", pages=(0, 3)).describe() == "EPUB book, 2 chapters"
    )


def test_the_file_to_open_is_the_articles_own_else_its_container(tmp_path):
    mail = tmp_path / "m.eml"
    mail.write_bytes(b"x")
    assert original_file(str(mail), None) == str(mail)
    assert original_file(f"{mail}/r.pdf", "r.pdf") == str(mail)
    assert original_file(f"{tmp_path}/gone.zip/a.txt", "a.txt") is None
    assert original_file(None, None) is None


def test_an_attachment_is_read_with_its_message_and_pages(tmp_path, extractor):
    report = pdf_bytes([["Floods in Kenya."], ["Rain in Nairobi."]], info={"Title": "Floods"})
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "m.eml").write_bytes(email_bytes("Weekly", "Attached.", attachments=[("r.pdf", report)]))
    list(import_paths(tmp_path / "t.db", [tmp_path / "in"], ImportOptions(), extractor=extractor))
    db = open_store(tmp_path / "t.db")
    message_id, pdf_id = (row[0] for row in db.execute("SELECT id FROM articles ORDER BY id"))
    found = provenance(db, pdf_id)
    assert (found.format, found.parent_id, found.parent_title, found.pages) == ("pdf", message_id, "Weekly", (0, 18))
    assert found.original_path == "r.pdf" and provenance(db, 999) is None
    view = article(db, pdf_id)
    assert view.provenance == found and view.body[18:] == "Rain in Nairobi."


def test_deleting_a_message_keeps_its_attachment_unlinked_and_the_store_consistent(tmp_path, extractor):
    report = pdf_bytes([["Floods in Kenya."]], info={"Title": "Floods"})
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "m.eml").write_bytes(email_bytes("Weekly", "Attached.", attachments=[("r.pdf", report)]))
    list(import_paths(tmp_path / "t.db", [tmp_path / "in"], ImportOptions(), extractor=extractor))
    db = open_store(tmp_path / "t.db")
    message_id, pdf_id = (row[0] for row in db.execute("SELECT id FROM articles ORDER BY id"))
    assert delete_articles(db, [message_id]) == 1
    found = provenance(db, pdf_id)
    assert (found.parent_id, found.parent_title, found.original_path) == (None, None, "r.pdf")
    assert inconsistencies(db) == []
