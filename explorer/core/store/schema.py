"""Opening a database safely and bringing its schema up to date.

The schema lives in ``db/migrations/NNN_*.sql``; each file is one migration in a
sqlite-utils ``Migrations`` set, so what was applied is recorded in the database.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from explorer.core.resources import migrations_dir
from explorer.core.store.damage import (
    QUICK_CHECK_MAX_BYTES,
    SQLITE_HEADER,
    check_file,
    damaged_message,
    is_damage,
    quick_check_remembered,
)

MIGRATION_SET = "knowledge-explorer"
# The longest name of one file or folder on the file systems a library may live on (bytes).
NAME_MAX_BYTES = 255
BUSY_TIMEOUT_MS = 30_000
# Below this much free space, an I/O error of SQLite means the disk is full (its -shm file
# alone needs 32 KB).
FULL_DISK_BYTES = 1024 * 1024
BUSY = "the database is busy in another program; try again when it has finished"
WAL_RETRY_SECONDS = 0.01
# The table sqlite-utils' Migrations keeps, made the same way inside the migrating transaction.
_MIGRATIONS_TABLE = (
    f'CREATE TABLE IF NOT EXISTS "{Migrations.migrations_table}" ("id" INTEGER PRIMARY KEY, '
    '"migration_set" TEXT, "name" TEXT, "applied_at" TEXT)'
)
_MIGRATIONS_INDEX = (
    f'CREATE UNIQUE INDEX IF NOT EXISTS "idx_{Migrations.migrations_table}_migration_set_name" '
    f'ON "{Migrations.migrations_table}" ("migration_set", "name")'
)
DISK_FULL = "the disk is full (free some space and try again; nothing stored so far is lost)"


class StoreError(Exception):
    """The database cannot be used; the message says why in plain words."""


class ReadOnlyStoreError(StoreError):
    """The database cannot be written here (file, folder or medium), though it may be read."""


class EmptyStoreError(StoreError):
    """The file exists but holds no library yet (empty, or SQLite without a table)."""


def not_a_file_name(text: str) -> str | None:
    """Why ``text`` cannot name a library's file (in memory, empty, a URI, a name too long), or None."""
    if text.strip() == "" or text == ":memory:" or text.startswith("file:"):
        return (
            f"{text!r} is not a file: a library must live in a file on disk "
            "(an in-memory database would be lost when the program ends). Give a file name."
        )
    too_long = [part for part in Path(text).parts if len(os.fsencode(part)) > NAME_MAX_BYTES]
    if too_long:
        return (
            f"The name {too_long[0][:40]}… is {len(os.fsencode(too_long[0])):,} bytes long; "
            f"file and folder names can be at most {NAME_MAX_BYTES} bytes."
        )
    return None


def disk_is_full(path: str | Path) -> bool:
    """Whether the filesystem holding ``path`` has (almost) no space left for this user."""
    try:
        return shutil.disk_usage(Path(path).parent).free < FULL_DISK_BYTES
    except OSError:
        return False


def describe_sqlite_error(exc: sqlite3.Error, path: str | Path | None = None) -> str:
    """What a failed write means to a user: full disk, read-only file, busy or damaged database.

    SQLite reports a disk too full for its ``-shm`` file as a plain I/O error; given the
    database ``path``, that case is told apart by the free space left.
    """
    message = str(exc).lower()
    if "disk is full" in message or ("disk i/o error" in message and path is not None and disk_is_full(path)):
        return DISK_FULL
    if "readonly" in message or "read-only" in message:
        return "the database file or its folder is read-only (it can still be opened for reading)"
    if "locked" in message or "busy" in message:
        return BUSY
    if "unable to open" in message:
        return "the file cannot be opened or created there (a missing folder, or no permission)"
    if is_damage(exc):
        return "the database is damaged"
    if "disk i/o error" in message:
        return "the disk could not be read or written (disk I/O error)"
    return str(exc)


@contextmanager
def write_errors_in_words(what: str, path: str | Path | None = None) -> Iterator[None]:
    """Turn SQLite's write failures (full disk, read-only, busy) into a ``StoreError`` that says ``what`` failed."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        raise StoreError(f"{what}: {describe_sqlite_error(exc, path)}") from exc


def _statements(sql: str) -> Iterator[str]:
    """The statements of a migration script, one by one (a trigger's inner ``;`` included)."""
    statement = ""
    for line in sql.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""
    if statement.strip():
        yield statement


@cache
def _migrations() -> Migrations:
    migrations = Migrations(MIGRATION_SET)
    for sql_file in sorted(migrations_dir().glob("*.sql")):
        sql = sql_file.read_text(encoding="utf-8")

        def apply(db: sqlite_utils.Database, sql: str = sql) -> None:
            # Statement by statement: executescript() would commit the caller's transaction.
            for statement in _statements(sql):
                db.conn.execute(statement)

        migrations(name=sql_file.stem, transactional=False)(apply)
    return migrations


def known_migrations() -> list[str]:
    return [m.name for m in _migrations()._migrations]


def _check_is_sqlite(path: Path) -> None:
    """Refuse a file that is not SQLite by its first bytes. Not read where a ``-wal`` or ``-shm``
    lies beside it (SQLite has it open, and SQLite's own reads tell): closing a descriptor of the
    file would drop the POSIX locks this process's open connections hold on it, and another
    program could then take the WAL away from under them."""
    if path.exists() and not path.is_file():
        raise EmptyStoreError(f"{path} is not a regular file, so it holds no Knowledge Explorer library.")
    if not path.exists() or path.stat().st_size == 0 or _companions(path):
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a Knowledge Explorer database (not an SQLite file).")


def connect(path: str | Path, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open a connection with the pragmas every connection needs (no schema changes)."""
    if str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", check_same_thread=False)
    else:
        path = Path(path)
        _check_is_sqlite(path)
        if readonly:
            # WAL needs a -shm file beside the database; on read-only media none can be made,
            # and nothing can be writing the file either, so SQLite may read it as immutable.
            conn = _connect_read_only(path, immutable=not os.access(path.parent, os.W_OK))
            if not _readable(conn) and not _wal_holds_data(path):
                # A full disk has no room for the -shm file either; with no -wal content the
                # main file is the whole database, and a full disk is not being written.
                conn.close()
                conn = _connect_read_only(path, immutable=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return sqlite_utils.Database(conn)


def _connect_read_only(path: Path, *, immutable: bool) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _readable(conn: sqlite3.Connection) -> bool:
    """False when SQLite cannot even start reading (no -shm file could be made); other errors show later."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        return not any(words in str(exc).lower() for words in ("disk i/o error", "unable to open"))
    except sqlite3.DatabaseError:
        return True  # damage is reported by the checks that follow
    return True


def _wal_holds_data(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except FileNotFoundError:
        return False


@cache
def _expected_tables() -> frozenset[str]:
    """The tables a fully migrated database holds (one with a table missing is damaged)."""
    db = connect(":memory:")
    _migrations().apply(db)
    tables = frozenset(db.table_names())
    db.close()
    return tables


def _check_version(db: sqlite_utils.Database) -> set[str]:
    """The migrations applied to ``db``, after refusing a newer, foreign or damaged database.

    Both reads come from one snapshot: read apart, another process's migration committed between
    them showed a library being made as "other data" (seen with four processes at once)."""
    conn = db.conn
    if conn.in_transaction:
        return _check_version_now(db)
    conn.execute("BEGIN")
    try:
        return _check_version_now(db)
    finally:
        conn.commit()


def _check_version_now(db: sqlite_utils.Database) -> set[str]:
    applied = {m.name for m in _migrations().applied(db)}  # damage, a lock, a full disk: said in open_store
    unknown = applied - set(known_migrations())
    if unknown:
        raise StoreError(
            "This database was made by a newer version of Knowledge Explorer "
            f"(schema {max(unknown)}); please upgrade the program to open it."
        )
    tables = set(db.table_names())
    if not applied and tables - {"sqlite_sequence"}:
        raise StoreError("This SQLite file holds other data and is not a Knowledge Explorer database.")
    missing = _expected_tables() - tables if applied == set(known_migrations()) else set()
    if missing:
        raise StoreError(f"The database is damaged: the table {min(missing)} is missing.")
    return applied


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL. The switch needs the file to itself for a moment and reports "locked" at
    once, without SQLite's busy wait, while another process opens the same new database: retry
    until the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if describe_sqlite_error(exc) != BUSY or time.monotonic() > deadline:
                raise
        time.sleep(WAL_RETRY_SECONDS)


def _migrate(db: sqlite_utils.Database) -> None:
    """Apply the pending migrations, all in one write transaction.

    Processes opening the same new database at once each see it unmigrated; the first to take
    the write lock migrates, the others wait for it, read again under the lock and find nothing
    left to do. A crash leaves all of the pending migrations applied or none.
    """
    if not _migrations().pending(db):
        return
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        _check_version(db)
        pending = _migrations().pending(db)
        if pending:
            conn.execute(_MIGRATIONS_TABLE)
            conn.execute(_MIGRATIONS_INDEX)
        for migration in pending:
            migration.fn(db)
            conn.execute(
                f"INSERT INTO {Migrations.migrations_table} (migration_set, name, applied_at) VALUES (?, ?, ?)",
                [MIGRATION_SET, migration.name, str(datetime.now(UTC))],
            )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def _read_only_here(path: str | Path) -> bool:
    if str(path) == ":memory:":
        return False
    path = Path(path)
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _upgrade_then_read(path: str | Path) -> sqlite_utils.Database:
    """An older database opened for reading: brought up to date first (the queries need its
    newer tables), which takes a writable moment; where it cannot be written, say so."""
    if _read_only_here(path):
        raise StoreError(
            f"{path} was made by an earlier version of Knowledge Explorer and must be upgraded "
            "once before it can be read, but it is read-only here. Copy it to a folder you can "
            "write to, or make it writable, and open it again."
        )
    open_store(path).close()
    return open_store(path, readonly=True)


def _companions(path: Path) -> bool:
    """Whether a ``-wal`` or ``-shm`` file lies beside ``path`` (someone has or had it open in WAL mode)."""
    return any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-shm"))


def _wait_for_creation(path: str | Path) -> None:
    """Wait, up to the busy timeout, for a program that is creating the database at ``path``
    right now: taking the write lock and letting go at once writes nothing."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.rollback()
    except sqlite3.Error:
        pass  # read-only here, or still busy: the read that follows says what it finds
    finally:
        conn.close()


def _read_new(path: str | Path, *, readonly: bool) -> sqlite_utils.Database:
    """A database opened for reading that holds no schema yet: perhaps another program is
    creating it this very moment; if it is still empty after that, say so (and write nothing:
    it may not even be a database file, such as a ``-wal`` file)."""
    _wait_for_creation(path)
    db = connect(path, readonly=True)
    try:
        applied = _check_version(db)
    finally:
        db.close()
    if not applied:
        raise EmptyStoreError(_NO_LIBRARY.format(path=path))
    return open_store(path, readonly=readonly, create=False)


def _holds_data(path: str | Path) -> bool:
    return str(path) != ":memory:" and Path(path).exists() and Path(path).stat().st_size > 0


def _check_before_connecting(path: str | Path) -> bool:
    """Whether damage can be looked for before the real connection, without creating a thing
    beside the file: yes for a file with no ``-wal`` or ``-shm`` (a WAL file is then whole and
    open nowhere, so it is read as immutable; a rollback-journal file is read with its locks)."""
    return _holds_data(path) and not _companions(Path(path))


def _check_header(path: Path) -> bool:
    """The file's header and size (``damage.check_file``); whether it is in WAL mode. Read with
    Python, so only where nothing lies beside the file (see ``_check_is_sqlite``)."""
    _check_is_sqlite(path)
    return check_file(path)


def _check_pages(path: str | Path, conn: sqlite3.Connection, *, full_check: bool) -> None:
    """The schema read whole, and every b-tree page when asked or when the file is small."""
    conn.execute("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master").fetchall()
    if full_check or Path(path).stat().st_size <= QUICK_CHECK_MAX_BYTES:
        quick_check_remembered(Path(path), conn)


def _check_pages_alone(path: str | Path, *, wal_mode: bool, full_check: bool) -> None:
    """``_check_pages`` on a read-only connection of its own (immutable for a WAL file)."""
    conn = _connect_read_only(Path(path), immutable=wal_mode)
    try:
        _check_pages(path, conn, full_check=full_check)
    finally:
        conn.close()


def refuse_damaged(path: Path) -> None:
    """Every page of ``path`` checked (where that creates nothing beside it); ``StoreError`` with
    the damage message when one is damaged. For readers that do not go through ``open_store``."""
    try:
        if _check_before_connecting(path):
            _check_pages_alone(path, wal_mode=_check_header(Path(path)), full_check=True)
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise StoreError(damaged_message(path, exc)) from exc
        raise


def _is_empty_file(path: str | Path) -> bool:
    return str(path) != ":memory:" and Path(path).exists() and Path(path).stat().st_size == 0


def open_store(
    path: str | Path, *, readonly: bool = False, create: bool = True, full_check: bool = False
) -> sqlite_utils.Database:
    """Open a database at ``path``, migrated to the current schema; ``create`` lets an empty or
    missing file become a new library.

    Damage is looked for before anything else reads or writes (``damage.py``; every page when
    ``full_check``, as before a command's writes). A file that is not SQLite, a damaged one, one
    of another program or from a newer version raises ``StoreError`` and is left untouched; one
    that holds no library yet raises ``EmptyStoreError`` unless ``create``.
    """
    if not readonly and _read_only_here(path):
        raise ReadOnlyStoreError(
            f"{path} is read-only here (the file, its folder or the disk cannot be written): "
            "it can be opened for reading only."
        )
    if str(path) != ":memory:":
        _check_is_sqlite(Path(path))
    if (readonly or not create) and _is_empty_file(path):
        _wait_for_creation(path)  # another program may be creating it this moment
        if _is_empty_file(path):
            raise EmptyStoreError(_NO_LIBRARY.format(path=path))
    db = None
    try:
        before = _check_before_connecting(path)
        if before:
            _check_pages_alone(path, wal_mode=_check_header(Path(path)), full_check=full_check)
        in_use = _holds_data(path) and not before  # a -wal or -shm beside it: checked by SQLite
        db = connect(path, readonly=readonly)
        if in_use:
            _check_pages(path, db.conn, full_check=full_check)
        applied = _check_version(db)
        if not applied and (readonly or not create):
            _close(db)
            return _read_new(path, readonly=readonly)
        if readonly and set(known_migrations()) - applied:
            db.close()
            return _upgrade_then_read(path)
        if readonly:
            return db
        if str(path) != ":memory:":
            _use_wal(db.conn)
        db.conn.execute("PRAGMA synchronous = NORMAL")
        _migrate(db)
    except StoreError:
        _close(db)
        raise
    except sqlite3.DatabaseError as exc:
        _close(db)
        if is_damage(exc):
            raise StoreError(damaged_message(path, exc)) from exc
        reason = describe_sqlite_error(exc, path)
        if reason == DISK_FULL and not readonly and Path(path).exists():
            raise ReadOnlyStoreError(
                f"The disk holding {path} is full: it can be opened for reading only "
                "(free some space to import or curate again)."
            ) from exc
        raise StoreError(f"Cannot open {path}: {reason}") from exc
    except OSError as exc:  # no permission, a name too long for the file system
        _close(db)
        raise StoreError(f"Cannot open {path}: {(exc.strerror or str(exc)).lower()}") from exc
    return db


_NO_LIBRARY = (
    "{path} holds no Knowledge Explorer library yet (it has no tables). Import files into it "
    "first: knowledge-explorer import PATH --db {path}"
)


def _close(db: sqlite_utils.Database | None) -> None:
    if db is not None:
        db.close()
