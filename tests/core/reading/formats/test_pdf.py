"""PDF: text page by page with the page starts, document information, refusals with reasons."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.model import ReadError
from explorer.core.reading.formats import scans
from explorer.core.reading.formats.document import Limits, ReadOptions
from explorer.core.reading.formats.drafts import joined_pages
from explorer.core.reading.formats.pdf import pdf_date, read_pdf
from tests.core.reading.formats.samples import pdf_bytes

WORD = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), min_size=1, max_size=10
)
# Two words a line at least: PDFium reads a column of one-letter lines as vertical text ("0\n0" → "00").
LINE = st.lists(WORD, min_size=2, max_size=8).map(" ".join)
PAGES = st.lists(st.lists(LINE, min_size=1, max_size=5), min_size=1, max_size=4)


def words(text: str) -> list[str]:
    return text.split()


@settings(max_examples=40, deadline=None)
@given(PAGES)
def test_the_text_of_each_page_is_read_in_order_and_its_start_kept(pages):
    found = read_pdf(pdf_bytes(pages), ReadOptions())
    assert [words(page) for page in found.pages] == [words(" ".join(lines)) for lines in pages]
    body, starts = joined_pages(found.pages)
    for lines, start in zip(pages, starts, strict=True):
        assert body[start:].split()[: len(lines[0].split())] == lines[0].split()


def test_document_information_gives_title_author_and_date():
    info = {"Title": "Floods report", "Author": "Ann Reporter", "CreationDate": "D:20240315120000+01'00'"}
    found = read_pdf(pdf_bytes([["Rain fell."]], info=info), ReadOptions())
    assert (found.title, found.author, found.published) == ("Floods report", "Ann Reporter", date(2024, 3, 15))
    assert found.title_source == found.date_source == "PDF information"


def test_an_encrypted_pdf_is_refused_as_such():
    with pytest.raises(ReadError, match="^an encrypted PDF document"):
        read_pdf(pdf_bytes([["Secret"]], encrypt=True), ReadOptions())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_truncated_or_garbled_pdf_is_read_or_refused_never_crashes(data):
    whole = pdf_bytes([["Rain fell in Kenya."], ["Second page."]])
    cut = data.draw(st.integers(0, len(whole) - 1))
    noise = data.draw(st.binary(max_size=64))
    for damaged in (whole[:cut], b"%PDF-1.4\n" + noise, whole[:cut] + noise):
        try:
            found = read_pdf(damaged, ReadOptions())
        except ReadError as error:
            assert "PDF" in str(error) or str(error).startswith("no text layer")
        else:
            assert " ".join(found.pages).split() in (["Rain", "fell", "in", "Kenya.", "Second", "page."], [])


def test_more_pages_than_the_limit_are_refused_naming_the_option():
    with pytest.raises(ReadError, match=r"3 pages \(the limit is 2; raise it with --max-pages\)"):
        read_pdf(pdf_bytes([["a"], ["b"], ["c"]]), ReadOptions(limits=Limits(max_pages=2)))


def test_a_scan_without_ocr_says_what_to_do(monkeypatch):
    scan = pdf_bytes([], image=(8, 8, bytes(64)))
    monkeypatch.setattr(scans, "tesseract_available", lambda: False)
    with pytest.raises(ReadError, match="^no text layer: install Tesseract to read scans$"):
        read_pdf(scan, ReadOptions(ocr=True))
    monkeypatch.setattr(scans, "tesseract_available", lambda: True)
    with pytest.raises(ReadError, match=r"^no text layer: import with OCR \(--ocr\) to read scans$"):
        read_pdf(scan, ReadOptions())


def test_pdf_dates():
    assert pdf_date("D:19991231") == date(1999, 12, 31)
    assert pdf_date("D:20241399") is None and pdf_date("yesterday") is None
