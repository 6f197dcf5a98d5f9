"""What a format's reader hands back, and the limits and choices every reader obeys.

Readers are pure functions of a file's bytes: they never touch the disk or the network, so an
archive's members and an e-mail's attachments are read exactly like files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from explorer.core import settings

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds against hostile documents; a file past one is refused with the limit named."""

    max_bytes: int = settings.DEFAULT_MAX_BYTES  # a file, or an archive member once uncompressed
    container_bytes: int = 256 * MB  # an archive or mailbox file (an e-mail with a large attachment)
    max_pages: int = 2000  # a PDF with more pages is refused, naming the option that raises it
    archive_total: int = 1024 * MB  # uncompressed bytes of all of an archive's members
    archive_members: int = 10_000
    archive_ratio: int = 200  # uncompressed size over compressed size of one member
    depth: int = 3  # archives in archives, attachments in messages in archives…
    image_pixels: int = 80_000_000  # larger images (a 20,000 × 20,000 scan) are not decoded (Pillow's own
    # guard warns past 89 million)


@dataclass(frozen=True)
class ReadOptions:
    limits: Limits = Limits()
    default_date: date | None = None
    ocr: bool = False  # read scans (image files, image-only PDF pages) with Tesseract
    ocr_lang: str = "eng"  # Tesseract's language codes, "eng+fra" for several


@dataclass(frozen=True)
class Extracted:
    """A document's text as its format gives it, before normalisation, with its metadata.

    ``pages`` are the text of each page or chapter, in order (they are joined by blank lines);
    each ``*_source`` says where a value came from ("PDF information", "HTML meta"…).
    """

    pages: tuple[str, ...]
    format: str
    title: str | None = None
    title_source: str | None = None
    published: date | None = None
    date_source: str | None = None
    source: str | None = None
    author: str | None = None
    recipients: str | None = None
    attachments: tuple[tuple[str, bytes], ...] = field(default=())  # (file name, bytes), read as files


DEFAULT_OPTIONS = ReadOptions()
