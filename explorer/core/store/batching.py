"""Ids in chunks small enough for one ``IN (?, ...)`` each, under SQLite's limit on bound values."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

CHUNK = 500


def chunks(values: Iterable[int]) -> Iterator[tuple[list[int], str]]:
    """The distinct ``values`` in ascending chunks, each with its ``?,?,…`` placeholders."""
    ids = sorted(set(values))
    for i in range(0, len(ids), CHUNK):
        part = ids[i:i + CHUNK]
        yield part, ",".join("?" * len(part))
