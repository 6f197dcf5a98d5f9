"""Hand-made databases for tests: articles and mentions written with ``add_batch``, no spaCy.

Shared by ``tests/core`` and ``tests/ui`` so both build their data the same way.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
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


def own_names(**by_type: Iterable[str]) -> Names:
    """Names written as their canonical form, listed by type: ``own_names(place=["Oslo"])``."""
    return {name: (name, type_) for type_, names in by_type.items() for name in names}


def body_draft(body: str, published: date | None = None) -> ArticleDraft:
    """An article titled by its first 20 characters, for tests that need no title of their own."""
    return draft(body[:20], body, published)


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
    path: str | Path, articles: Iterable[ArticleDraft], names: Names | None = None, *, batch: int | None = None
) -> sqlite_utils.Database:
    """A migrated database at ``path`` holding ``articles``, each with the mentions of ``names``,
    written ``batch`` articles a transaction (all in one by default)."""
    db = open_store(path)
    items = [(article, mentions_in(article.body, names or {})) for article in articles]
    size = batch or max(len(items), 1)
    for start in range(0, max(len(items), 1), size):  # an empty library still gets its one batch
        add_batch(db, items[start : start + size])
    return db


# A library on which every curation action has work: two names of one man, a company with a
# longer name, a place, an undated article.
CURATION_ARTICLES = [
    ("Bill Clinton met Acme. Later William Clinton spoke in Paris.", date(2020, 1, 1)),
    ("William Clinton visited Paris. Acme Corp grew.", date(2020, 1, 2)),
    ("Acme opened in Paris, said Bill Clinton.", None),
]
CURATION_NAMES = own_names(
    person=["Bill Clinton", "William Clinton"], organisation=["Acme Corp", "Acme"], place=["Paris"]
)


def curation_mentions(body: str) -> list[Mention]:
    """The mentions of ``CURATION_NAMES`` in ``body`` ("Acme" inside "Acme Corp" is not one)."""
    return mentions_in(body, CURATION_NAMES)


def curation_store(path: str | Path = ":memory:") -> sqlite_utils.Database:
    """``CURATION_ARTICLES`` in one batch, with their mentions."""
    return build_store(path, [body_draft(body, day) for body, day in CURATION_ARTICLES], CURATION_NAMES)


def statements_run(db: sqlite_utils.Database, run: Callable[[], object]) -> list[str]:
    """The SQL statements ``run()`` executes on ``db``, in order."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        run()
    finally:
        db.conn.set_trace_callback(None)
    return statements


def query_plan(db: sqlite_utils.Database, sql: str) -> str:
    """SQLite's plan of ``sql``, its steps joined by " | "."""
    return " | ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}"))
