"""An ``Extracted`` document → an ``ArticleDraft``: pages normalised one by one and joined, so
that each page's start offset indexes the stored body exactly."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

from explorer.core.model import ArticleDraft, ReadError
from explorer.core.reading.formats.document import Extracted
from explorer.core.reading.ingest import normalise_text
from explorer.core.reading.metadata import detect_date, find_source, title_from_words

PAGE_BREAK = "\n\n"


def joined_pages(pages: tuple[str, ...]) -> tuple[str, tuple[int, ...]]:
    """The pages' normalised texts joined by blank lines, and where each starts (empty pages
    start where the next one does)."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for page in pages:
        text = normalise_text(page)
        if parts and text:
            length += len(PAGE_BREAK)
        starts.append(length)
        if text:
            parts.append(text)
            length += len(text)
    return PAGE_BREAK.join(parts), tuple(starts)


def draft_of(
    found: Extracted,
    *,
    path: str,
    name: str,
    file_sha256: str,
    file_mtime: str | None,
    latest: date,
    default_date: date | None,
) -> ArticleDraft:
    """The draft of a document; title and date fall back to what the text itself says."""
    body, starts = joined_pages(found.pages)
    if not body:
        raise ReadError(f"no text in this {found.format.upper()} document")
    title, title_source = (
        (found.title, found.title_source)
        if found.title and found.title.strip()
        else (title_from_words(body), "first words")
    )
    published, date_source = found.published, found.date_source
    if published is None or published > latest:
        published, date_source = detect_date(body, name, default_date, latest)
    source, source_origin = (found.source, "metadata") if found.source else find_source({}, body)
    draft = ArticleDraft(
        title=" ".join(title.split())[:300],
        body=body,
        sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        words=len(body.split()),
        published=published,
        date_source=date_source or "none",
        source=source,
        source_origin=source_origin,
        path=path,
        file_mtime=file_mtime,
        format=found.format,
        title_source=title_source,
        author=found.author,
        recipients=found.recipients,
        file_sha256=file_sha256,
    )
    return replace(draft, pages=starts) if len(starts) > 1 else draft
