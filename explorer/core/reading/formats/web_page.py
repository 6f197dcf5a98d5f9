"""Web pages (trafilatura): the article's main text without navigation and boilerplate, its
title, date and site name from the page's meta tags and JSON-LD; the whole visible text when no
article is found. Nothing linked is fetched and no script is run: only the given bytes are parsed."""

from __future__ import annotations

import re
from datetime import date

from explorer.core.model import ReadError
from explorer.core.reading.formats.document import Extracted, ReadOptions
from explorer.core.reading.metadata import parse_date

META = "HTML meta"
# Elements whose text is never shown, and elements that end a line of visible text.
_HIDDEN = ("script", "style", "noscript", "template", "head", "iframe", "object", "embed", "svg", "math")
_BLOCKS = frozenset(
    "p div br li tr h1 h2 h3 h4 h5 h6 blockquote pre section article header footer nav aside table ul ol dl dt dd"
    " figcaption hr address main title".split()
)
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0]+")


def read_html(data: bytes, options: ReadOptions) -> Extracted:
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_images=False, include_links=False
        )
    except (ValueError, TypeError, RecursionError):
        found = None
    text = getattr(found, "text", None) or ""
    if not text.strip():
        text = visible_text(data)
    if not text.strip():
        raise ReadError("a web page without text")
    published = _date(getattr(found, "date", None))
    title = getattr(found, "title", None)
    return Extracted(
        pages=(text,),
        format="html",
        title=title,
        title_source=META if title else None,
        published=published,
        date_source=META if published else None,
        source=getattr(found, "sitename", None) or None,
        author=getattr(found, "author", None) or None,
    )


def _date(value: str | None) -> date | None:
    return parse_date(value[:10]) if value else None


def visible_text(data: bytes | str) -> str:
    """What a browser shows of a page, one line per block, without scripts, styles or frames."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_HIDDEN)):
        if element.getparent() is not None:
            element.drop_tree()
    lines: list[str] = []
    current: list[str] = []

    def end_line() -> None:
        line = _SPACES_RE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        if not isinstance(element.tag, str):
            if event == "end" and element.tail:
                current.append(element.tail)
            continue
        block = element.tag.lower() in _BLOCKS
        if event == "start":
            if block:
                end_line()
            if element.text:
                current.append(element.text)
        else:
            if block:
                end_line()
            if element.tail:
                current.append(element.tail)
    end_line()
    return "\n\n".join(lines)
