"""The user's gazetteer in the database: saved once, read by every import."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from explorer.core.extraction.name_drafts import normalize_name
from explorer.core.extraction.user_gazetteer import GazetteerEntry, read_gazetteer
from explorer.core.store.schema import StoreError, describe_sqlite_error, open_store


def save_gazetteer(db: sqlite_utils.Database, entries: list[GazetteerEntry]) -> int:
    """Adds or replaces entries (a name's identity is its normalised form); returns how many."""
    with db.conn:
        db.conn.executemany(
            "INSERT INTO gazetteer (name_norm, name, type) VALUES (?, ?, ?)"
            " ON CONFLICT (name_norm) DO UPDATE SET name = excluded.name, type = excluded.type",
            [(normalize_name(e.name), e.name, e.type) for e in entries],
        )
    return len(entries)


def load_gazetteer(db: sqlite_utils.Database) -> list[GazetteerEntry]:
    rows = db.conn.execute("SELECT name, type FROM gazetteer ORDER BY name")
    return [GazetteerEntry(name, type_) for name, type_ in rows]


def import_gazetteer(db_path: str | Path, csv_path: str | Path) -> int:
    """Read a gazetteer CSV and store it in the database at ``db_path``; returns how many names.

    Raises ``GazetteerError`` for a file it cannot use and ``StoreError`` for a database it
    cannot write, each with a message for the user.
    """
    entries = read_gazetteer(csv_path)
    db = open_store(db_path, full_check=True)  # a write: every page checked for damage first
    try:
        return save_gazetteer(db, entries)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot store the gazetteer in {db_path}: {describe_sqlite_error(exc)}") from exc
    finally:
        db.close()
