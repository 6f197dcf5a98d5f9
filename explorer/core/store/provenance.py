"""Where an article came from, as the reader shows it: its format, page starts, where its title
came from, its author or sender, the message it is an attachment of, and the file to open."""

from __future__ import annotations

import bisect
import json
import os
from dataclasses import dataclass

import sqlite_utils

from explorer.core.store.paths import path_from_db

FORMAT_NAMES = {
    "text": "Text",
    "pdf": "PDF",
    "html": "Web page",
    "docx": "Word document",
    "eml": "E-mail",
    "epub": "EPUB book",
    "image": "Scan (OCR)",
}


@dataclass(frozen=True)
class Provenance:
    format: str
    title_source: str | None = None
    author: str | None = None
    recipients: str | None = None
    original_path: str | None = None  # inside its archive or message
    parent_id: int | None = None  # the message an attachment came with
    parent_title: str | None = None
    pages: tuple[int, ...] = ()  # body offsets where each page (chapter) starts

    def page_of(self, offset: int) -> int | None:
        """The 1-based page holding the body ``offset``; None without pages."""
        return bisect.bisect_right(self.pages, offset) if self.pages else None

    def describe(self) -> str:
        """ "PDF, 12 pages · title from PDF information · by Ann Reporter · to desk@example.com"."""
        kind = FORMAT_NAMES.get(self.format, self.format)
        if self.pages:
            unit = "chapters" if self.format == "epub" else "pages"
            kind += f", {len(self.pages)} {unit}"
        parts = [kind]
        if self.title_source:
            parts.append(f"title from {self.title_source}")
        if self.author:
            parts.append(f"{'from' if self.format == 'eml' else 'by'} {self.author}")
        if self.recipients:
            parts.append(f"to {self.recipients}")
        return " · ".join(parts)


def provenance(db: sqlite_utils.Database, article_id: int) -> Provenance | None:
    row = db.execute(
        "SELECT a.format, a.title_source, a.author, a.recipients, a.original_path, a.parent_id, p.title, a.pages"
        " FROM articles a LEFT JOIN articles p ON p.id = a.parent_id WHERE a.id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        return None
    format_, title_source, author, recipients, original_path, parent_id, parent_title, pages = row
    return Provenance(
        format_,
        title_source,
        author,
        recipients,
        original_path,
        parent_id,
        parent_title,
        tuple(json.loads(pages)) if pages else (),
    )


def original_file(path: str | bytes | None, original_path: str | None) -> str | None:
    """The file on disk to open for an article: its own, else the archive or mailbox holding it;
    None when neither is there any more."""
    shown = path_from_db(path)
    if not shown:
        return None
    candidates = [shown]
    if original_path and shown.endswith("/" + original_path):
        candidates.append(shown[: -len(original_path) - 1])
    return next((candidate for candidate in candidates if os.path.isfile(candidate)), None)
