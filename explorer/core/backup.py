"""Copying a database while it is in use, with SQLite's online backup API.

A plain file copy of a database in WAL mode can miss committed pages still in the ``-wal``
file, or catch a batch half written. The backup API reads one consistent snapshot (a read
transaction, which WAL lets run beside an import that keeps writing) and the copy is written
under a temporary name and renamed at the end, so ``target`` is either the old file or a whole
new backup, never half of one.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from explorer.core.store.schema import StoreError, connect, describe_sqlite_error, refuse_damaged


def backup_database(source: str | Path, target: str | Path) -> Path:
    """Write a consistent copy of the database at ``source`` to ``target`` (replaced if it exists).

    Raises ``StoreError`` with a plain reason (no database, same file, disk full, no permission).
    """
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise StoreError(f"No database at {source}.")
    if target.exists() and target.resolve() == source.resolve():
        raise StoreError("Choose another file for the backup: that is the database itself.")
    partial = target.with_name(f".{target.name}.partial")
    src = None
    dst = None
    try:
        refuse_damaged(source)  # said as damage, and no -wal left beside a damaged file
        src = connect(source, readonly=True).conn
        partial.unlink(missing_ok=True)
        dst = sqlite3.connect(partial)
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise StoreError(f"The copy of {source} did not pass SQLite's check; the backup was not written.")
        dst.close()
        dst = None
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot back up to {target}: {describe_sqlite_error(exc)}") from exc
    except OSError as exc:
        raise StoreError(f"Cannot back up to {target}: {exc.strerror or exc}") from exc
    finally:
        for conn in (dst, src):
            if conn is not None:
                conn.close()
        partial.unlink(missing_ok=True)
    return target
