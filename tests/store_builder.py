"""Hand-made databases for tests: articles and mentions written with ``add_batch``, no spaCy.

Shared by ``tests/core`` and ``tests/ui`` so both build their data the same way.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

import sqlite_utils

from explorer.core.model import ArticleDraft, Mention
from explorer.core.store import open_store
from explorer.core.store.writer import add_batch

# surface form → (canonical name, type)
Names = Mapping[str, tuple[str, str]]


def draft(
    title: str,
    body: str,
    published: date | None = None,
    *,
    source: str | None = None,
    path: str | None = None,
) -> ArticleDraft:
    return ArticleDraft(
        title=title,
        body=body,
        sha256=hashlib.sha256(f"{title}\n{body}".encode()).hexdigest(),
        words=len(body.split()),
        published=published,
        date_source="header" if published else "none",
        source=source,
        path=path or f"/corpus/{re.sub(r'[^a-z0-9]+', '-', title.lower())}.txt",
    )


def mentions_in(body: str, names: Names) -> list[Mention]:
    """Every whole-word occurrence of each surface form, longest forms first, never overlapping."""
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    for surface in sorted(names, key=len, reverse=True):
        name, type_ = names[surface]
        for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", body):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            found.append(Mention(match.start(), match.end(), name, type_))
    return sorted(found, key=lambda mention: mention.start)


def build_store(
    path: str | Path, articles: Iterable[ArticleDraft], names: Names | None = None
) -> sqlite_utils.Database:
    """A migrated database at ``path`` holding ``articles``, each with the mentions of ``names``."""
    db = open_store(path)
    add_batch(db, [(article, mentions_in(article.body, names or {})) for article in articles])
    return db
