"""Copying a database while it is in use, with SQLite's online backup API.

A plain file copy of a database in WAL mode can miss committed pages still in the ``-wal``
file, or catch a batch half written. The backup API reads one consistent snapshot (a read
transaction, which WAL lets run beside an import that keeps writing) and the copy is written
through ``safe_write.atomic_path`` (a temporary file renamed at the end), so ``target`` is either
the old file or a whole new backup, never half of one, and never the database or its companions.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from explorer.core.safety.safe_write import WriteError, atomic_path
from explorer.core.store.schema import StoreError, connect, describe_sqlite_error, refuse_damaged


def backup_database(source: str | Path, target: str | Path) -> Path:
    """Write a consistent copy of the database at ``source`` to ``target`` (replaced if it exists).

    Raises ``StoreError`` with a plain reason (no database, same file, disk full, no permission).
    """
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise StoreError(f"No database at {source}.")
    try:
        refuse_damaged(source)  # said as damage, and no -wal left beside a damaged file
        with (
            atomic_path(target, source, replace_database=True) as partial,
            closing(connect(source, readonly=True).conn) as src,
            closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise StoreError(f"The copy of {source} did not pass SQLite's check; the backup was not written.")
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot back up to {target}: {describe_sqlite_error(exc)}.") from exc
    except WriteError as exc:
        raise StoreError(f"Cannot back up to {target}: {exc}.") from exc
    return target
