"""The import dialog's OCR option: off without Tesseract, remembered, and a mixed folder imported
through the real dialog with it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from explorer.core.store import open_store
from explorer.ui.widgets import ocr_option
from explorer.ui.widgets.ocr_option import MISSING, OcrOption
from tests.core.reading.formats.samples import docx_bytes, email_bytes, html_page, pdf_bytes, zip_bytes

TIMEOUT_MS = 120_000


def test_without_tesseract_the_option_is_off_and_says_what_to_install(qtbot, settings, monkeypatch):
    monkeypatch.setattr(ocr_option, "tesseract_available", lambda: False)
    settings.setValue("import/ocr", "true")
    option = OcrOption(settings)
    qtbot.addWidget(option)
    assert not option.box.isEnabled() and not option.box.isChecked() and option.box.toolTip() == MISSING
    assert option.choice() == (False, "eng")


def test_the_choice_is_remembered_for_the_next_import(qtbot, settings, monkeypatch):
    monkeypatch.setattr(ocr_option, "tesseract_available", lambda: True)
    option = OcrOption(settings)
    qtbot.addWidget(option)
    option.box.setChecked(True)
    option.languages.setText(" eng + fra ")
    assert option.choice() == (True, "eng+fra")
    again = OcrOption(settings)
    qtbot.addWidget(again)
    assert again.box.isChecked() and again.languages.text() == "eng+fra" and again.languages.isEnabled()


@pytest.fixture
def empty_window(make_window, tmp_path, fake_extractor):
    return make_window(tmp_path / "library.db")


def test_a_mixed_folder_imports_through_the_real_dialog(qtbot, empty_window, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    files = {
        "report.pdf": pdf_bytes([["Floods hit Tokyo on Monday."]], info={"Title": "Floods in Tokyo"}),
        "page.html": html_page("Heat in India", ["Heat hit Delhi again this week, officials in India said."]),
        "talks.docx": docx_bytes(["Talks in Pakistan ended without a deal."], title="Talks in Pakistan"),
        "mail.eml": email_bytes("Snow in China", "Snow fell in China for days."),
        "bundle.zip": zip_bytes({"story.txt": b"Rain in India\n\nRain fell on India.\n"}),
        "scan.png": b"\x89PNG\r\n\x1a\n" + bytes(40),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    dialog = empty_window.imports.import_paths([folder])
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.finished_import, timeout=TIMEOUT_MS)
    rows = set(open_store(empty_window.db_path).execute("SELECT title, format FROM articles"))
    assert rows == {
        ("Floods in Tokyo", "pdf"),
        ("Heat in India", "html"),
        ("Talks in Pakistan", "docx"),
        ("Snow in China", "eml"),
        ("Rain in India", "text"),
    }
    table = dialog.table.as_text()
    assert "scan.png" in table and "PNG image" in table and table.count("\n") == 2  # the header and one row
