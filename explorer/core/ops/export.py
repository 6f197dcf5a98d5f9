"""Getting the data out: entities, mentions in context, the network, timeline series and the
document list, as files a spreadsheet, Gephi or a script reads.

Every writer takes an open database (or, for the network and timeline, the database's path) and
a target path and returns how many rows (or nodes) it wrote. Each writes through
``safe_write.atomic_output``: the target is never the database or one of its companions, never
read-only, and is replaced only by a complete file. CSV files are UTF-8 with a header row, every
text cell neutralised against spreadsheet formulas (``safe_text.spreadsheet_cell``); JSON is a
list of objects; GEXF and GraphML hold only characters XML allows. Mentions in context, the one
export that grows with the corpus, streams article by article (``export_mentions``: progress and
cancel).
"""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import sqlite_utils

from explorer.core.analysis.network import Network, to_graph
from explorer.core.safety.safe_text import spreadsheet_cell, xml_text
from explorer.core.safety.safe_write import atomic_output, database_file
from explorer.core.store.detail import article_kwic, articles_by_date
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.notes import notes_of
from explorer.core.store.queries import document_page, entity_page
from explorer.core.store.story_once import entities_once
from explorer.core.store.timeline import TimelineData

__all__ = [
    "ENTITY_FORMATS",
    "NETWORK_FORMATS",
    "ExportProgress",
    "export_mentions",
    "write_documents",
    "write_entities",
    "write_mentions",
    "write_network",
    "write_timeline",
]

ENTITY_FORMATS = ("csv", "json")
NETWORK_FORMATS = ("gexf", "graphml")
MENTION_COLUMNS = (
    "entity_id",
    "entity",
    "type",
    "article_id",
    "title",
    "published",
    "start",
    "end",
    "text",
    "sentence",
)
_PAGE = 5000
_ARTICLE_BATCH = 200


@dataclass(frozen=True)
class ExportProgress:
    done: int  # articles read
    total: int  # articles to read
    rows: int  # rows written so far
    finished: bool = False  # the file is complete and in place


class _CancelledError(Exception):
    """Raised inside the output block so that a cancelled export is discarded, not moved in place."""


def _csv_rows(out, header: Sequence[str]):
    """The header written to ``out``, and a function writing rows of spreadsheet-safe cells
    (returning how many it wrote)."""
    writer = csv.writer(out)

    def write(rows: Iterable[Sequence]) -> int:
        count = 0
        for row in rows:
            writer.writerow([spreadsheet_cell(cell) for cell in row])
            count += 1
        return count

    write([header])
    return write


def _write_csv(path: Path, db_path: Path | None, header: Sequence[str], rows: Iterable[Sequence]) -> int:
    with atomic_output(path, db_path, "w", newline="", encoding="utf-8") as out:
        return _csv_rows(out, header)(rows)


def _all_entities(db: sqlite_utils.Database, types: Iterable[str] | None, search: str | None):
    after = None
    while True:
        page = entity_page(db, search=search, types=types, after=after, limit=_PAGE)
        yield from page
        if len(page) < _PAGE:
            return
        after = page[-1].key("mentions")


def write_entities(
    db: sqlite_utils.Database,
    path: Path,
    fmt: str = "csv",
    *,
    types: Iterable[str] | None = None,
    search: str | None = None,
    once: bool = False,
) -> int:
    """Visible entities, most mentioned first: id, name, type, articles, mentions (``once``:
    each story counted once)."""
    if fmt not in ENTITY_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(ENTITY_FORMATS)}")
    found = (
        (e for e in entities_once(db, types=types) if not search or search.casefold() in e.name.casefold())
        if once
        else _all_entities(db, types, search)
    )
    rows = ((e.id, e.name, e.type, e.articles, e.mentions) for e in found)
    header = ("id", "name", "type", "articles", "mentions")
    if fmt == "csv":
        return _write_csv(path, database_file(db), header, rows)
    records = [dict(zip(header, row, strict=True)) for row in rows]
    with atomic_output(path, database_file(db), "w", encoding="utf-8") as out:
        json.dump(records, out, ensure_ascii=False, indent=1)
    return len(records)


def export_mentions(
    db: sqlite_utils.Database,
    path: Path,
    entity_ids: Sequence[int] | None = None,
    cancel: threading.Event | None = None,
    flt: DocumentFilter = DocumentFilter(),
) -> Iterator[ExportProgress]:
    """Write every mention of these entities (None: all visible) in the articles ``flt`` shows
    with its sentence, oldest article first, then in text order; a progress event per batch.

    ``path`` is replaced only when every row is written: a cancelled or failed export (``cancel``
    set, the generator closed, an error) leaves an existing ``path`` untouched.
    """
    total, article_ids = articles_by_date(db, None if entity_ids is None else list(entity_ids), flt)
    done = rows = 0
    try:
        with atomic_output(path, database_file(db), "w", newline="", encoding="utf-8") as out:
            write = _csv_rows(out, MENTION_COLUMNS)
            while True:
                if cancel is not None and cancel.is_set():  # up to the last moment before the rename
                    raise _CancelledError
                if not (batch := list(islice(article_ids, _ARTICLE_BATCH))):
                    break
                lines = [
                    (
                        e.id,
                        e.name,
                        e.type,
                        line.article_id,
                        line.title,
                        line.published or "",
                        line.start,
                        line.end,
                        _marked(line),
                        line.text,
                    )
                    for e, line in article_kwic(db, batch, entity_ids)
                ]
                rows += write(lines)
                done += len(batch)
                yield ExportProgress(done, total, rows)
    except _CancelledError:
        return
    yield ExportProgress(done, total, rows, finished=True)


def write_mentions(
    db: sqlite_utils.Database,
    path: Path,
    entity_ids: Sequence[int] | None = None,
    flt: DocumentFilter = DocumentFilter(),
) -> int:
    """Every mention of these entities (None: all visible) in the articles ``flt`` shows, with
    the sentence around it."""
    last = ExportProgress(0, 0, 0)
    for progress in export_mentions(db, path, entity_ids, flt=flt):
        last = progress
    return last.rows


def _marked(line) -> str:
    return line.text[line.marks[0][0] : line.marks[0][1]] if line.marks else ""


def write_network(network: Network, path: Path, fmt: str = "gexf", db_path: Path | None = None) -> int:
    """The network for Gephi: nodes with label, type, mentions; edges with weight (NPMI),
    sentences and llr. Text attributes hold only what XML allows."""
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(NETWORK_FORMATS)}")
    import networkx as nx  # not at import: the window starts without it

    graph = to_graph(network)
    for _node, attributes in graph.nodes(data=True):
        attributes.update({key: xml_text(value) for key, value in attributes.items() if isinstance(value, str)})
    with atomic_output(path, db_path, "wb") as out:
        (nx.write_gexf if fmt == "gexf" else nx.write_graphml)(graph, out)
    return graph.number_of_nodes()


def write_timeline(data: TimelineData, names: dict[int, str], path: Path, db_path: Path | None = None) -> int:
    """One row per bin: its first and last day, then one column per series."""
    keys = list(data.counts)
    header = ("bin_start", "bin_end", *(names.get(key, str(key)) for key in keys))
    rows = (
        (start.isoformat(), data.end(i).isoformat(), *(data.counts[key][i] for key in keys))
        for i, start in enumerate(data.starts)
    )
    return _write_csv(path, db_path, header, rows)


def write_documents(db: sqlite_utils.Database, path: Path, flt: DocumentFilter = DocumentFilter()) -> int:
    """The articles ``flt`` shows, newest first: id, title, published, source, entities, and the
    user's starred (0/1) and tags (joined by "; ")."""

    def rows():
        after = None
        while True:
            page = document_page(db, flt, after=after, limit=_PAGE)
            marks = notes_of(db, [d.id for d in page])
            for d in page:
                mark = marks.get(d.id)
                yield (
                    d.id,
                    d.title,
                    d.published or "",
                    d.source or "",
                    d.entity_count,
                    int(bool(mark and mark.starred)),
                    "; ".join(mark.tags) if mark else "",
                )
            if len(page) < _PAGE:
                return
            after = page[-1].key("published")

    header = ("id", "title", "published", "source", "entities", "starred", "tags")
    return _write_csv(path, database_file(db), header, rows())
