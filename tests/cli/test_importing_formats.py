"""`import` and `extract` of documents besides plain text; --ocr says when Tesseract is missing."""

from __future__ import annotations

import json

from click.testing import CliRunner

from explorer.cli import main
from explorer.core.reading.formats import scans
from explorer.core.store import open_store
from tests.core.reading.formats.samples import email_bytes, pdf_bytes

REPORT = pdf_bytes(
    [["Floods in Kenya hit Nairobi on Monday."], ["The Kenya Red Cross helped."]], info={"Title": "Floods"}
)


def test_a_lone_pdf_imports_and_an_encrypted_one_alone_leaves_no_library(tmp_path):
    (tmp_path / "report.pdf").write_bytes(REPORT)
    (tmp_path / "secret.pdf").write_bytes(pdf_bytes([["Secret"]], encrypt=True))
    result = CliRunner().invoke(main, ["import", str(tmp_path / "secret.pdf"), "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "an encrypted PDF document (it needs a password)" in result.output
    assert not (tmp_path / "none.db").exists()
    result = CliRunner().invoke(main, ["import", str(tmp_path / "report.pdf"), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 0 and "Imported 1, duplicates 0, failed 0" in result.output
    row = open_store(tmp_path / "t.db").execute("SELECT title, format, pages FROM articles").fetchone()
    assert row == ("Floods", "pdf", "[0, 40]")


def test_max_pages_refuses_a_longer_pdf(tmp_path):
    (tmp_path / "report.pdf").write_bytes(REPORT)
    result = CliRunner().invoke(
        main, ["import", str(tmp_path / "report.pdf"), "--db", str(tmp_path / "t.db"), "--max-pages", "1"]
    )
    assert result.exit_code == 1 and "a PDF of 2 pages (the limit is 1; raise it with --max-pages)" in result.output


def test_ocr_without_tesseract_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setattr(scans, "tesseract_available", lambda: False)
    (tmp_path / "a.txt").write_text("Rain\n\nRain in Kenya.\n")
    result = CliRunner().invoke(main, ["import", str(tmp_path / "a.txt"), "--db", str(tmp_path / "t.db"), "--ocr"])
    assert result.exit_code == 2 and "--ocr needs Tesseract" in result.output
    assert not (tmp_path / "t.db").exists()


def test_extract_gives_each_article_of_a_mailbox_with_offsets_into_its_text(tmp_path):
    message = email_bytes("Floods", "Floods hit Nairobi in Kenya.", attachments=[("r.pdf", REPORT)])
    (tmp_path / "m.eml").write_bytes(message)
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "m.eml"), "--json"])
    assert result.exit_code == 0, result.output
    articles = json.loads(result.output)
    assert [article["file"] for article in articles] == [str(tmp_path / "m.eml"), str(tmp_path / "m.eml/r.pdf")]
    assert [article["format"] for article in articles] == ["eml", "pdf"] and articles[0]["date"] == "2024-03-15"
    texts = {
        "eml": "Floods hit Nairobi in Kenya.",
        "pdf": "Floods in Kenya hit Nairobi on Monday.\n\nThe Kenya Red Cross helped.",
    }
    for article in articles:
        for entity in article["entities"]:
            assert texts[article["format"]][entity["start"] : entity["end"]] == entity["text"]
        assert any(entity["name"] == "Kenya" for entity in article["entities"])
