"""A file's format from its first bytes (the name's extension only breaks ties).

A text article with a header block ("Title: …", "Date: …") is still text: e-mail needs a
``From:`` header and one that only mail carries, and HTML must start with markup.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile

HEAD_BYTES = 4096
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_HEADER_RE = re.compile(rb"^[!-9;-~]+:[ \t]*", re.MULTILINE)  # an RFC 5322 field name and its colon
_MAIL_ONLY = (b"to", b"cc", b"message-id", b"mime-version", b"received", b"return-path", b"content-type", b"x-mailer")
_MBOX_RE = re.compile(rb"From \S+.*\r?\n[!-9;-~]+:")
_HTML_RE = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE)
_MARKUP_START_RE = re.compile(rb"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<[!a-zA-Z]", re.DOTALL)
HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")


def image_kind(data: bytes) -> str | None:
    """ "PNG", "JPEG" or "TIFF" for an image file's bytes."""
    return next((kind for magic, kind in _IMAGES if data.startswith(magic)), None)


def sniff(data: bytes, name: str = "") -> str:
    """pdf | docx | epub | zip | tar | image | mbox | eml | html | text (the text reader refuses the rest)."""
    if _is_pdf(data, name):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if data.startswith(b"\x1f\x8b") or data.startswith(b"BZh") or data[257:262] == b"ustar":
        return "tar"
    if image_kind(data):
        return "image"
    head = _ascii_head(data)
    if _MBOX_RE.match(head):
        return "mbox"
    if _is_mail(head, name):
        return "eml"
    if _MARKUP_START_RE.match(head.lstrip()) and (_HTML_RE.search(head) or name.lower().endswith(HTML_EXTENSIONS)):
        return "html"
    return "text"


def _is_pdf(data: bytes, name: str) -> bool:
    """A PDF starts with ``%PDF-``; readers accept junk before it, so a ``.pdf`` may have the mark later.

    Elsewhere a mark after other bytes is a text quoting it (or another format's payload), not a PDF.
    """
    at = data.find(b"%PDF-", 0, 1024)
    return at == 0 or (at > 0 and name.lower().endswith(".pdf") and not _starts_with_other_magic(data))


def _starts_with_other_magic(data: bytes) -> bool:
    return bool(image_kind(data)) or data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh"))


def _zip_kind(data: bytes) -> str:
    """epub, docx or zip by the members; a ZIP that cannot be opened is left to the text reader's refusal."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == b"application/epub+zip":
                return "epub"
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        return "text"
    if "META-INF/container.xml" in names:
        return "epub"
    if "word/document.xml" in names:
        return "docx"
    return "zip"


def _ascii_head(data: bytes) -> bytes:
    """The start of the file as ASCII-compatible bytes (UTF-16 with a mark re-encoded)."""
    head = data[:HEAD_BYTES]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, "ignore").encode("utf-8")
    return head.removeprefix(codecs.BOM_UTF8)


def _is_mail(head: bytes, name: str) -> bool:
    """Headers from the first line on, with From: and a field only mail has (or the .eml extension)."""
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    if not _HEADER_RE.match(block):
        return False
    fields = {match.group().rstrip(b": \t").lower() for match in _HEADER_RE.finditer(block)}
    if b"from" not in fields:
        return False
    return bool(fields.intersection(_MAIL_ONLY)) or name.lower().endswith(".eml")
