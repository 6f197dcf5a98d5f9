"""PDF with a text layer (pypdfium2): text page by page, the document information's title,
author and dates. Pages without text are read by OCR when it is asked for (``scans``)."""

from __future__ import annotations

import re
from datetime import date

from explorer.core.model import ReadError
from explorer.core.reading.dateline import valid_date
from explorer.core.reading.formats import scans
from explorer.core.reading.formats.document import Extracted, ReadOptions

INFO = "PDF information"
_PDF_DATE_RE = re.compile(r"(?:D:)?(\d{4})(\d{2})(\d{2})")
OCR_DPI = 300


def read_pdf(data: bytes, options: ReadOptions) -> Extracted:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ReadError("an encrypted PDF document (it needs a password)") from error
        raise ReadError("a PDF document that cannot be read (damaged or incomplete)") from error
    try:
        pages = len(document)
        if pages > options.limits.max_pages:
            raise ReadError(
                f"a PDF of {pages:,} pages (the limit is {options.limits.max_pages:,}; raise it with --max-pages)"
            )
        texts = tuple(_page_text(document[index], options) for index in range(pages))
        info = document.get_metadata_dict(skip_empty=True)
    finally:
        document.close()
    if not any(text.strip() for text in texts):
        raise ReadError(scans.no_text_layer(options))
    published = pdf_date(info.get("CreationDate", ""))
    return Extracted(
        pages=texts,
        format="pdf",
        title=info.get("Title"),
        title_source=INFO,
        published=published,
        date_source=INFO if published else None,
        author=info.get("Author"),
    )


def _page_text(page, options: ReadOptions) -> str:
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_bounded()
        finally:
            textpage.close()
        if not text.strip() and options.ocr and scans.tesseract_available():
            width, height = page.get_size()
            scale = min(OCR_DPI / 72, (options.limits.image_pixels / max(width * height, 1)) ** 0.5)
            bitmap = page.render(scale=scale)
            text = scans.ocr(bitmap.to_pil(), options.ocr_lang)
        return text
    finally:
        page.close()


def pdf_date(value: str) -> date | None:
    """The day of a PDF date string ("D:20240315120000+01'00'")."""
    match = _PDF_DATE_RE.match(value.strip())
    return valid_date(*map(int, match.groups())) if match else None
