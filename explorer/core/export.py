"""Getting the data out: entities, mentions in context, the network, timeline series and the
document list, as files a spreadsheet, Gephi or a script reads.

Every writer takes an open database and a path and returns how many rows (or nodes) it wrote.
CSV files are UTF-8 with a header row; JSON is a list of objects. Mentions in context, the one
export that grows with the corpus, streams article by article (``export_mentions``: progress and
cancel, written beside the target and moved over it only when complete).
"""

from __future__ import annotations

import csv
import json
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import sqlite_utils

from explorer.core.network import Network, to_graph
from explorer.core.store.detail import article_kwic, articles_by_date
from explorer.core.store.notes import notes_of
from explorer.core.store.queries import DocumentFilter, document_page, entity_page
from explorer.core.store.timeline import TimelineData

__all__ = [
    "ENTITY_FORMATS", "NETWORK_FORMATS", "ExportProgress", "export_mentions", "write_documents",
    "write_entities", "write_mentions", "write_network", "write_timeline",
]

ENTITY_FORMATS = ("csv", "json")
NETWORK_FORMATS = ("gexf", "graphml")
MENTION_COLUMNS = (
    "entity_id", "entity", "type", "article_id", "title", "published", "start", "end", "text", "sentence",
)
_PAGE = 5000
_ARTICLE_BATCH = 200


@dataclass(frozen=True)
class ExportProgress:
    done: int       # articles read
    total: int      # articles to read
    rows: int       # rows written so far
    finished: bool = False   # the file is complete and in place


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence]) -> int:
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _all_entities(db: sqlite_utils.Database, types: Iterable[str] | None, search: str | None):
    after = None
    while True:
        page = entity_page(db, search=search, types=types, after=after, limit=_PAGE)
        yield from page
        if len(page) < _PAGE:
            return
        after = page[-1].key("mentions")


def write_entities(
    db: sqlite_utils.Database, path: Path, fmt: str = "csv", *,
    types: Iterable[str] | None = None, search: str | None = None,
) -> int:
    """Visible entities, most mentioned first: id, name, type, articles, mentions."""
    if fmt not in ENTITY_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(ENTITY_FORMATS)}")
    rows = ((e.id, e.name, e.type, e.articles, e.mentions) for e in _all_entities(db, types, search))
    header = ("id", "name", "type", "articles", "mentions")
    if fmt == "csv":
        return _write_csv(path, header, rows)
    records = [dict(zip(header, row)) for row in rows]
    Path(path).write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(records)


def export_mentions(
    db: sqlite_utils.Database, path: Path, entity_ids: Sequence[int] | None = None,
    cancel: threading.Event | None = None, flt: DocumentFilter = DocumentFilter(),
) -> Iterator[ExportProgress]:
    """Write every mention of these entities (None: all visible) in the articles ``flt`` shows
    with its sentence, oldest article first, then in text order; a progress event per batch.

    Rows go to ``path.part``, moved over ``path`` at the end: a cancelled or failed export
    (``cancel`` set, the generator closed, an error) leaves no partial file and an existing
    ``path`` untouched.
    """
    path = Path(path)
    part = path.with_name(path.name + ".part")
    total, article_ids = articles_by_date(db, None if entity_ids is None else list(entity_ids), flt)
    done = rows = 0
    try:
        with open(part, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(MENTION_COLUMNS)
            while batch := list(islice(article_ids, _ARTICLE_BATCH)):
                if cancel is not None and cancel.is_set():
                    return
                lines = [
                    (e.id, e.name, e.type, line.article_id, line.title, line.published or "", line.start,
                     line.end, _marked(line), line.text)
                    for e, line in article_kwic(db, batch, entity_ids)
                ]
                writer.writerows(lines)
                rows += len(lines)
                done += len(batch)
                yield ExportProgress(done, total, rows)
        os.replace(part, path)
        part = None
        yield ExportProgress(done, total, rows, finished=True)
    finally:
        if part is not None:
            part.unlink(missing_ok=True)


def write_mentions(
    db: sqlite_utils.Database, path: Path, entity_ids: Sequence[int] | None = None,
    flt: DocumentFilter = DocumentFilter(),
) -> int:
    """Every mention of these entities (None: all visible) in the articles ``flt`` shows, with
    the sentence around it."""
    last = ExportProgress(0, 0, 0)
    for last in export_mentions(db, path, entity_ids, flt=flt):
        pass
    return last.rows


def _marked(line) -> str:
    return line.text[line.marks[0][0]:line.marks[0][1]] if line.marks else ""


def write_network(network: Network, path: Path, fmt: str = "gexf") -> int:
    """The network for Gephi: nodes with label, type, mentions; edges with weight (NPMI),
    sentences and llr."""
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(NETWORK_FORMATS)}")
    import networkx as nx  # not at import: the window starts without it

    graph = to_graph(network)
    if fmt == "gexf":
        nx.write_gexf(graph, path)
    else:
        nx.write_graphml(graph, path)
    return graph.number_of_nodes()


def write_timeline(data: TimelineData, names: dict[int, str], path: Path) -> int:
    """One row per bin: its first and last day, then one column per series."""
    keys = list(data.counts)
    header = ("bin_start", "bin_end", *(names.get(key, str(key)) for key in keys))
    rows = (
        (start.isoformat(), data.end(i).isoformat(), *(data.counts[key][i] for key in keys))
        for i, start in enumerate(data.starts)
    )
    return _write_csv(path, header, rows)


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
                yield (d.id, d.title, d.published or "", d.source or "", d.entity_count,
                       int(bool(mark and mark.starred)), "; ".join(mark.tags) if mark else "")
            if len(page) < _PAGE:
                return
            after = page[-1].key("published")

    return _write_csv(path, ("id", "title", "published", "source", "entities", "starred", "tags"), rows())
