"""Getting the data out: entities, mentions in context, the network, timeline series and the
document list, as files a spreadsheet, Gephi or a script reads.

Every writer takes an open database and a path and returns how many rows (or nodes) it wrote.
CSV files are UTF-8 with a header row; JSON is a list of objects.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import networkx as nx
import sqlite_utils

from explorer.core.network import Network, to_graph
from explorer.core.store.detail import kwic
from explorer.core.store.notes import notes_of
from explorer.core.store.queries import DocumentFilter, document_page, entity, entity_page
from explorer.core.store.timeline import TimelineData

__all__ = [
    "ENTITY_FORMATS", "NETWORK_FORMATS", "write_documents", "write_entities", "write_mentions",
    "write_network", "write_timeline",
]

ENTITY_FORMATS = ("csv", "json")
NETWORK_FORMATS = ("gexf", "graphml")
_PAGE = 5000


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


def write_mentions(db: sqlite_utils.Database, path: Path, entity_ids: Sequence[int] | None = None) -> int:
    """Every mention of these entities (None: all visible) with the sentence around it."""
    if entity_ids is None:
        chosen = _all_entities(db, None, None)
    else:
        chosen = [row for row in map(lambda i: entity(db, i), entity_ids) if row is not None]

    def rows():
        for row in chosen:
            offset = 0
            while True:
                lines = kwic(db, row.id, limit=_PAGE, offset=offset)
                for line in lines:
                    yield (row.id, row.name, row.type, line.article_id, line.title, line.published or "",
                           line.start, line.end, _marked(line), line.text)
                if len(lines) < _PAGE:
                    break
                offset += _PAGE

    header = ("entity_id", "entity", "type", "article_id", "title", "published", "start", "end", "text", "sentence")
    return _write_csv(path, header, rows())


def _marked(line) -> str:
    return line.text[line.marks[0][0]:line.marks[0][1]] if line.marks else ""


def write_network(network: Network, path: Path, fmt: str = "gexf") -> int:
    """The network for Gephi: nodes with label, type, mentions; edges with weight (NPMI),
    sentences and llr."""
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(NETWORK_FORMATS)}")
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
