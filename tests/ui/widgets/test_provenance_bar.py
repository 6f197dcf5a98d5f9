"""The reader's provenance: format and pages, the message of an attachment (a link), Open Original."""

from __future__ import annotations

from PySide6.QtGui import QDesktopServices

from explorer.core.ops.pipeline import ImportOptions, import_paths
from explorer.core.store import open_store
from explorer.core.store.queries import article
from explorer.ui.panes.reader import ReaderWidget, mention_tooltip
from tests.core.reading.formats.samples import email_bytes, pdf_bytes
from tests.ui.conftest import FakeExtractor


def imported(tmp_path):
    report = pdf_bytes([["Floods in India."], ["Rain in Tokyo."], ["Sun in China."]], info={"Title": "Floods"})
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "m.eml").write_bytes(email_bytes("Weekly report", "Attached.", attachments=[("r.pdf", report)]))
    (folder / "note.txt").write_text("Note\n\nA note on India.\n")
    list(import_paths(tmp_path / "t.db", [folder], ImportOptions(), extractor=FakeExtractor()))
    db = open_store(tmp_path / "t.db")
    ids = {path.rsplit("/", 1)[1]: id_ for id_, path in db.execute("SELECT id, path FROM articles")}
    return db, ids, folder


def test_an_attachment_shows_its_pages_its_message_and_opens_the_mail(qtbot, tmp_path, monkeypatch):
    db, ids, folder = imported(tmp_path)
    reader = ReaderWidget()
    qtbot.addWidget(reader)
    reader.show()
    reader.show_article(article(db, ids["r.pdf"]))
    bar = reader.provenance_bar
    assert bar.origin_label.text() == "PDF, 3 pages · title from PDF information"
    assert bar.parent_button.text() == "Attachment of “Weekly report”" and bar.parent_button.isVisible()
    assert [label for _, label in reader.page_margin.labels()] == ["p. 1", "p. 2", "p. 3"]
    tokyo = next(mention for mention in reader.article.mentions if mention.entity.name == "Tokyo")
    assert reader.text.page_of(tokyo.start) == "on page 2"
    assert "on page 2" in mention_tooltip(tokyo, 1, reader.text.page_of(tokyo.start))
    assert reader.page_margin.width() > 0
    with qtbot.waitSignal(reader.article_requested) as requested:
        bar.parent_button.click()
    assert requested.args == [ids["m.eml"]]
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    assert bar.open_original() and opened == [str(folder / "m.eml")]
    (folder / "m.eml").unlink()
    assert not bar.open_original() and not bar.open_button.isVisibleTo(bar)


def test_plain_text_shows_only_open_original_and_no_page_margin(qtbot, tmp_path):
    db, ids, folder = imported(tmp_path)
    reader = ReaderWidget()
    qtbot.addWidget(reader)
    reader.show_article(article(db, ids["note.txt"]))
    bar = reader.provenance_bar
    assert not bar.origin_label.isVisibleTo(bar) and not bar.parent_button.isVisibleTo(bar)
    assert bar.open_button.isVisibleTo(bar) and bar.original == str(folder / "note.txt")
    assert reader.page_margin.labels() == [] and reader.page_margin.width() == 0
    assert reader.text.page_of(0) is None
    reader.show_article(None)
    assert not bar.isVisibleTo(reader)
