"""Row ids in SQL: chunks small enough for one ``IN (?, ...)`` each (under SQLite's limit on bound
values), and the id an INSERT made."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator

CHUNK = 500


def chunks(values: Iterable[int]) -> Iterator[tuple[list[int], str]]:
    """The distinct ``values`` in ascending chunks, each with its ``?,?,…`` placeholders."""
    ids = sorted(set(values))
    for i in range(0, len(ids), CHUNK):
        part = ids[i : i + CHUNK]
        yield part, ",".join("?" * len(part))


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid of the row ``cursor``'s INSERT made (sqlite3 types ``lastrowid`` as optional)."""
    rowid = cursor.lastrowid
    if rowid is None:
        raise ValueError("the statement inserted no row")
    return rowid
