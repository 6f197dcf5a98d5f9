"""Scans: OCR read back for real when Tesseract is installed; otherwise refused with what to install."""

from __future__ import annotations

import io
import re
import shutil
import struct
import zlib

import pytest

from explorer.core.model import ReadError
from explorer.core.reading.formats import scans
from explorer.core.reading.formats.document import ReadOptions
from explorer.core.reading.formats.pdf import read_pdf
from tests.core.reading.formats.samples import pdf_bytes

KNOWN = [
    "The minister of finance met the central bank governor in Nairobi on Monday",
    "to discuss the budget deficit and the price of maize after the floods",
]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
needs_tesseract = pytest.mark.skipif(not scans.tesseract_available(), reason="needs Tesseract and pytesseract")


def rendered(lines: list[str]):
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 36) if shutil.os.path.exists(FONT) else ImageFont.load_default(size=36)
    image = Image.new("L", (1800, 90 * len(lines) + 80), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((40, 40 + 90 * i), line, fill=0, font=font)
    return image


def share_right(read: str, expected: list[str]) -> float:
    words = " ".join(expected).lower().split()
    seen = read.lower().split()
    return sum(1 for word in words if word in seen) / len(words)


@needs_tesseract
def test_an_image_of_known_text_is_read_back():
    out = io.BytesIO()
    rendered(KNOWN).save(out, format="PNG")
    found = scans.read_image(out.getvalue(), ReadOptions(ocr=True))
    assert share_right(found.pages[0], KNOWN) >= 0.95 and found.format == "image"


@needs_tesseract
def test_an_image_only_pdf_page_is_read_by_ocr():
    image = rendered(KNOWN)
    found = read_pdf(pdf_bytes([["A text page first."]], image=(*image.size, image.tobytes())), ReadOptions(ocr=True))
    assert found.pages[0].strip() == "A text page first."
    assert share_right(found.pages[1], KNOWN) >= 0.95


def test_without_tesseract_an_image_is_refused_with_what_to_install(monkeypatch):
    out = io.BytesIO()
    rendered(["Rain"]).save(out, format="PNG")
    monkeypatch.setattr(scans, "tesseract_available", lambda: False)
    with pytest.raises(ReadError, match="^a PNG image with no text layer: install Tesseract to read scans$"):
        scans.read_image(out.getvalue(), ReadOptions(ocr=True))


def png_header(width: int, height: int) -> bytes:
    """A PNG that only claims its size: enough for the refusal, nothing to decode."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def test_a_huge_image_is_refused_without_being_decoded():
    with pytest.raises(ReadError, match="PNG image larger than the limit"):
        scans.read_image(png_header(20_000, 20_000), ReadOptions(ocr=True))
    with pytest.raises(ReadError, match=r"\(9,000 × 9,000\)"):
        scans.read_image(png_header(9_000, 9_000), ReadOptions(ocr=True))


def test_garbage_after_an_image_signature_is_named():
    with pytest.raises(ReadError, match="^not a text file nor a readable JPEG image"):
        scans.read_image(b"\xff\xd8\xff" + bytes(100), ReadOptions())


@pytest.mark.parametrize(
    ("message", "said"),
    [("Error\nFailed loading language 'xx'\n", "Failed loading language 'xx'"), (" \n", "Tesseract exit status 1")],
)
def test_a_tesseract_failure_is_one_sentence_whatever_its_message(monkeypatch, message, said):
    pytesseract = pytest.importorskip("pytesseract")

    def fail(*_args, **_kwargs):
        raise pytesseract.TesseractError(1, message)

    monkeypatch.setattr(pytesseract, "image_to_string", fail)
    with pytest.raises(ReadError, match=re.escape(f"OCR failed ({said})")):
        scans.ocr(None, "eng")
