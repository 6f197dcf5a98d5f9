"""EPUB books (a ZIP of XHTML): one article per book, its chapters in reading order (the
spine) as pages, so the reader marks where each begins; title, author and date from the
package's Dublin Core metadata. XML is parsed without entities and without the network."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from urllib.parse import unquote

from explorer.core.model import ReadError
from explorer.core.reading.formats.document import Extracted, ReadOptions
from explorer.core.reading.formats.web_page import visible_text
from explorer.core.reading.ingest import human_size, too_large_reason
from explorer.core.reading.metadata import parse_date

PACKAGE = "EPUB metadata"
_DC = "{http://purl.org/dc/elements/1.1/}"
_OPF = "{http://www.idpf.org/2007/opf}"
_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_CHAPTER_TYPES = ("application/xhtml+xml", "text/html")


def read_epub(data: bytes, options: ReadOptions) -> Extracted:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            package_path = _package_path(_read(book, "META-INF/container.xml", options))
            package = _xml(_read(book, package_path, options))
            chapters = tuple(_chapters(book, _spine(package, posixpath.dirname(package_path)), options))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as error:
        raise ReadError(f"an EPUB book that cannot be read ({_why(error)})") from error
    metadata = package.find(f"{_OPF}metadata")
    title = _dc(metadata, "title")
    published = parse_date(_dc(metadata, "date")[:10])
    return Extracted(
        pages=chapters,
        format="epub",
        title=title or None,
        title_source=PACKAGE if title else None,
        published=published,
        date_source=PACKAGE if published else None,
        source=_dc(metadata, "publisher") or None,
        author=_dc(metadata, "creator") or None,
    )


def _chapters(book: zipfile.ZipFile, hrefs: list[str], options: ReadOptions) -> Iterator[str]:
    """Each chapter's visible text, the book's uncompressed chapters held to ``archive_total``."""
    total, limit = 0, options.limits.archive_total
    for href in hrefs:
        content = _read(book, href, options)
        total += len(content)
        if total > limit:
            raise ReadError(f"an EPUB book larger than {human_size(limit)} uncompressed")
        yield visible_text(content)


def _why(error: Exception) -> str:
    return str(error) if isinstance(error, ValueError) else "damaged or incomplete"


def _read(book: zipfile.ZipFile, name: str, options: ReadOptions) -> bytes:
    try:
        info = book.getinfo(name)
    except KeyError as error:
        raise ValueError(f"{name} is missing") from error
    limit = options.limits.max_bytes
    if info.file_size > limit or info.file_size > options.limits.archive_ratio * max(info.compress_size, 1):
        raise ReadError(f"an EPUB book whose {name} is {too_large_reason(info.file_size, limit)}")
    with book.open(info) as member:
        content = member.read(limit + 1)
    if len(content) > limit:
        raise ReadError(f"an EPUB book whose {name} is {too_large_reason(len(content), limit)}")
    return content


def _xml(data: bytes):
    import lxml.etree

    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as error:
        raise ValueError(f"malformed XML: {error}") from error


def _package_path(container: bytes) -> str:
    rootfile = _xml(container).find(f".//{_CONTAINER}rootfile")
    path = rootfile.get("full-path") if rootfile is not None else None
    if not path:
        raise ValueError("no package named in META-INF/container.xml")
    return path


def _spine(package, folder: str) -> list[str]:
    """The chapters' member names in reading order."""
    manifest = {
        item.get("id"): (item.get("href", ""), item.get("media-type", ""))
        for item in package.iterfind(f"{_OPF}manifest/{_OPF}item")
    }
    chapters = []
    for itemref in package.iterfind(f"{_OPF}spine/{_OPF}itemref"):
        href, media_type = manifest.get(itemref.get("idref"), ("", ""))
        if href and media_type in _CHAPTER_TYPES:
            chapters.append(posixpath.normpath(posixpath.join(folder, unquote(href.split("#")[0]))))
    if not chapters:
        raise ValueError("no chapters in the book's spine")
    return list(dict.fromkeys(chapters))  # a chapter named twice is read once, never multiplied


def _dc(metadata, name: str) -> str:
    element = metadata.find(f"{_DC}{name}") if metadata is not None else None
    return " ".join((element.text or "").split()) if element is not None else ""
