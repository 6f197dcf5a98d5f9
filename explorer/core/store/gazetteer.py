"""The user's gazetteer in the database: saved once, read by every import."""

from __future__ import annotations

import sqlite_utils

from explorer.core.entities import normalize_name
from explorer.core.gazetteer_user import GazetteerEntry


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
    return [GazetteerEntry(name, type_) for name, type_ in db.conn.execute("SELECT name, type FROM gazetteer ORDER BY name")]
