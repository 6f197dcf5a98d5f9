"""A mixed folder through the one import: every format stored with its provenance, bad files
refused one by one, a second import all duplicates (by the files' bytes)."""

from __future__ import annotations

import json

from explorer.core.ops.pipeline import ImportOptions, import_paths
from explorer.core.ops.reextract import reextract_all
from explorer.core.store import open_store
from tests.core.reading.formats.samples import docx_bytes, email_bytes, epub_bytes, html_page, pdf_bytes, zip_bytes


def mixed_folder(folder):
    folder.mkdir()
    files = {
        "report.pdf": pdf_bytes(
            [["Floods in Kenya were reported on Monday."], ["The Red Cross helped in Nairobi."]],
            info={"Title": "Floods report", "CreationDate": "D:20240315"},
        ),
        "page.html": html_page("Heat in India", ["Heat hit Delhi again this week, officials in India said."]),
        "notes.docx": docx_bytes(["Talks in Tokyo ended without a deal."], title="Talks in Tokyo"),
        "mail.eml": email_bytes(
            "Weekly report", "The report on Uganda is attached.", attachments=[("brief.docx", docx_bytes(["Uganda."]))]
        ),
        "bundle.zip": zip_bytes({"inner/story.txt": b"Rain in Peru\n\nRain fell in Lima.\n", "../bad.txt": b"x"}),
        "book.epub": epub_bytes("A Book", ["Chapter one in Paris.", "Chapter two in Rome."]),
        "secret.pdf": pdf_bytes([["Secret"]], encrypt=True),
        "story.txt": b"Snow in Oslo\n\nSnow fell in Oslo.\n",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)


def test_a_mixed_folder_imports_with_provenance_and_reimports_as_duplicates(tmp_path, extractor):
    mixed_folder(tmp_path / "in")
    db_path = tmp_path / "t.db"
    last = list(import_paths(db_path, [tmp_path / "in"], ImportOptions(), extractor=extractor))[-1]
    failed = {path.rsplit("/in/", 1)[1]: reason for path, reason in last.failed}
    assert failed == {
        "bundle.zip/../bad.txt": "a member name leading outside the archive (not read)",
        "secret.pdf": "an encrypted PDF document (it needs a password)",
    }
    assert (last.imported, last.done, last.total) == (8, 10, 10)
    db = open_store(db_path)
    rows = {
        row[0].rsplit("/in/", 1)[1]: row[1:]
        for row in db.execute(
            "SELECT a.path, a.format, a.title, a.title_source, a.original_path, p.title, a.pages, a.published"
            " FROM articles a LEFT JOIN articles p ON p.id = a.parent_id"
        )
    }
    assert rows["report.pdf"][:3] == ("pdf", "Floods report", "PDF information")
    assert json.loads(rows["report.pdf"][5]) == [0, 42] and rows["report.pdf"][6] == "2024-03-15"
    assert rows["mail.eml/brief.docx"][3:5] == ("brief.docx", "Weekly report")
    assert rows["bundle.zip/inner/story.txt"][:4] == ("text", "Rain in Peru", None, "inner/story.txt")
    assert rows["book.epub"][0] == "epub" and rows["page.html"][1] == "Heat in India"
    body, pages = db.execute("SELECT body, pages FROM articles WHERE format = 'pdf'").fetchone()
    assert body[json.loads(pages)[1] :].startswith("The Red Cross")
    again = list(import_paths(db_path, [tmp_path / "in"], ImportOptions(), extractor=extractor))[-1]
    assert (again.imported, again.duplicates, len(again.failed)) == (0, 8, 2)


def test_reextraction_uses_the_stored_text_when_the_files_are_gone(tmp_path, extractor):
    mixed_folder(tmp_path / "in")
    db_path = tmp_path / "t.db"
    list(import_paths(db_path, [tmp_path / "in"], ImportOptions(), extractor=extractor))
    before = open_store(db_path).execute("SELECT id, body, pages, format FROM articles ORDER BY id").fetchall()
    for path in (tmp_path / "in").iterdir():
        path.unlink()
    last = list(reextract_all(db_path, extractor=extractor))[-1]
    assert last.finished and not last.failed and last.done == len(before)
    db = open_store(db_path)
    assert db.execute("SELECT id, body, pages, format FROM articles ORDER BY id").fetchall() == before
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] > 0
