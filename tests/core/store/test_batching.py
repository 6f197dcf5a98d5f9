"""Ids in chunks for ``IN (...)`` lists, and the rowid of an INSERT."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.store.batching import CHUNK, chunks, inserted_id


@given(st.lists(st.integers(min_value=-(2**63), max_value=2**63 - 1), max_size=3 * CHUNK))
def test_chunks_hold_each_distinct_id_once_in_order_with_one_mark_each(values: list[int]) -> None:
    parts = list(chunks(values))

    assert [i for part, _ in parts for i in part] == sorted(set(values))
    assert all(0 < len(part) <= CHUNK for part, _ in parts)
    assert all(marks == ",".join("?" * len(part)) for part, marks in parts)
    assert all(len(part) == CHUNK for part, _ in parts[:-1])  # only the last chunk is short


@given(st.sets(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=2 * CHUNK + 3))
def test_every_chunk_runs_as_one_in_list(ids: set[int]) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in ids])

    found = [
        row[0]
        for part, marks in chunks(ids)
        for row in conn.execute(f"SELECT id FROM t WHERE id IN ({marks}) ORDER BY id", part)
    ]

    assert found == sorted(ids)


def test_inserted_id_is_the_new_rowid_and_refuses_a_statement_that_inserted_nothing() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO t (id, name) VALUES (41, 'a')")

    assert inserted_id(conn.execute("INSERT INTO t (name) VALUES ('b')")) == 42
    with pytest.raises(ValueError, match="inserted no row"):
        inserted_id(SimpleNamespace(lastrowid=None))  # what sqlite3's types allow
