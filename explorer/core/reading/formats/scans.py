"""Scans read by Tesseract OCR (pytesseract, the optional ``[ocr]`` extra, and the tesseract
program): image files, and PDF pages without a text layer. Without them a scan is refused
with what to install; with them OCR still runs only when the import asks for it."""

from __future__ import annotations

import io
import shutil
from functools import cache

from explorer.core.model import ReadError
from explorer.core.reading.formats.document import Extracted, ReadOptions
from explorer.core.reading.formats.sniff import image_kind

INSTALL = "no text layer: install Tesseract to read scans"
ASK = "no text layer: import with OCR (--ocr) to read scans"


@cache
def tesseract_available() -> bool:
    """Whether pytesseract imports and the tesseract program is on the PATH."""
    try:
        import pytesseract  # noqa: F401 - only whether it is there
    except ImportError:
        return False
    return shutil.which("tesseract") is not None


def no_text_layer(options: ReadOptions) -> str:
    """The refusal of a scan that was not read: what to install, or what to ask for."""
    return ASK if tesseract_available() and not options.ocr else INSTALL


def ocr(image, lang: str) -> str:
    """The text Tesseract reads in a PIL image; ``ReadError`` when it fails (e.g. an unknown language)."""
    import pytesseract

    try:
        return pytesseract.image_to_string(image, lang=lang)
    except pytesseract.TesseractError as error:
        lines = str(error.message or "").strip().splitlines()
        raise ReadError(f"OCR failed ({lines[-1] if lines else f'Tesseract exit status {error.status}'})") from error


def read_image(data: bytes, options: ReadOptions) -> Extracted:
    """A PNG, JPEG or TIFF image through OCR, refused unread when larger than the pixel limit."""
    kind = image_kind(data) or "image"
    from PIL import Image

    too_large = f"a {kind} image larger than the limit of {options.limits.image_pixels:,} pixels"
    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
    except Image.DecompressionBombError as error:
        raise ReadError(too_large) from error
    except (OSError, ValueError) as error:
        raise ReadError(f"not a text file nor a readable {kind} image (damaged or incomplete)") from error
    if width * height > options.limits.image_pixels:
        raise ReadError(f"{too_large} ({width:,} × {height:,})")
    if not (options.ocr and tesseract_available()):
        raise ReadError(f"a {kind} image with {no_text_layer(options)}")
    try:
        image.load()
    except (OSError, ValueError) as error:
        raise ReadError(f"a {kind} image that cannot be read (damaged or incomplete)") from error
    return Extracted(pages=(ocr(image, options.ocr_lang),), format="image")
