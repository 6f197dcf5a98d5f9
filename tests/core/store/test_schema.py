"""Opening databases: migrations recorded, bad files refused and left untouched."""

from __future__ import annotations

import os
import sqlite3
import subprocess

import pytest
import sqlite_utils

from explorer.core.store import StoreError, open_store
from explorer.core.store.queries import entity_page
from explorer.core.store.schema import MIGRATION_SET, _migrations, known_migrations


def test_new_database_has_schema_wal_and_records_migrations(tmp_path):
    path = tmp_path / "new.db"
    db = open_store(path)
    assert {"articles", "entities", "mentions", "aliases", "entity_days", "rules", "articles_fts"} <= set(
        db.table_names()
    )
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    applied = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])]
    assert applied == known_migrations()
    db.close()
    assert open_store(path).execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(applied)


def test_fts_follows_inserts_updates_and_deletes():
    db = open_store(":memory:")
    db.execute(
        "INSERT INTO articles (title, body, date_source, sha256, words, imported_at)"
        " VALUES ('Harbour', 'ships in the harbour', 'none', 'x', 4, 'now')"
    )
    match = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
    assert db.execute(match, ["ships"]).fetchall() == [(1,)]
    db.execute("UPDATE articles SET body = 'boats only' WHERE id = 1")
    assert db.execute(match, ["ships"]).fetchall() == []
    assert db.execute(match, ["boats"]).fetchall() == [(1,)]
    db.execute("DELETE FROM articles WHERE id = 1")
    assert db.execute(match, ["boats"]).fetchall() == []


@pytest.mark.parametrize(
    "content",
    [b"just some text, not a database\n", bytes(range(256)) * 64, b"SQLite format 3\x00" + b"\x00" * 50],
    ids=["text", "random-bytes", "truncated-sqlite"],
)
def test_files_that_are_not_databases_are_refused_and_untouched(tmp_path, content):
    path = tmp_path / "library.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert str(path) in str(info.value) or "database" in str(info.value)
    assert path.read_bytes() == content
    assert not (tmp_path / "library.db-wal").exists()


def test_database_from_a_newer_version_is_refused_and_untouched(tmp_path):
    path = tmp_path / "future.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, '999_future', 'later')",
        [MIGRATION_SET],
    )
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        open_store(path)
    assert path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a Knowledge Explorer database"):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("invoices",)]


def _older_database(path):
    """A database as an earlier version left it: the first four migrations only."""
    db = sqlite_utils.Database(path)
    _migrations().apply(db, stop_before=known_migrations()[4])
    db.close()
    return path


def test_an_older_database_opened_for_reading_is_upgraded_first(tmp_path):
    path = _older_database(tmp_path / "old.db")
    db = open_store(path, readonly=True)
    assert "corpus_totals" in db.table_names()
    assert entity_page(db, limit=5) == []
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM articles")
    applied = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == known_migrations()


def test_an_older_database_that_cannot_be_written_says_it_needs_an_upgrade(tmp_path):
    path = _older_database(tmp_path / "old.db")
    before = path.read_bytes()
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
            pytest.skip("as root, only chattr +i makes a file read-only, and it is not possible here")
    else:
        path.chmod(0o444)
    try:
        with pytest.raises(StoreError, match="earlier version.*read-only here"):
            open_store(path, readonly=True)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    assert path.read_bytes() == before
