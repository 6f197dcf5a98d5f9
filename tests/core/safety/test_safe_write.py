"""No export replaces a database: a target that is, or links to, any SQLite file (another
library, not only the open one) is refused before anything is written, whatever the writer; only
a backup may replace one (an older backup). Found by the CLI fuzzer: an export through a link onto
the user's library."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.ops.backup import backup_database
from explorer.core.safety.safe_write import WriteError, atomic_output, atomic_path, check_target
from tests.store_builder import build_store, draft


def _database(path: Path, rows: int) -> bytes:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(rows)])
    conn.close()
    return path.read_bytes()


def _leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    how=st.sampled_from(["itself", "symlink", "hard link", "symlink to a symlink"]),
    writer=st.sampled_from(["text", "bytes", "path"]),
    rows=st.integers(0, 50),
)
def test_no_writer_but_a_backup_replaces_a_database(tmp_path_factory, how, writer, rows) -> None:
    folder = tmp_path_factory.mktemp("w")
    library = folder / "library.db"
    before = _database(library, rows)
    target = folder / "target.csv"
    if how == "itself":
        target = library
    elif how == "symlink":
        target.symlink_to(library)
    elif how == "hard link":
        os.link(library, target)
    else:
        (folder / "middle").symlink_to(library)
        target.symlink_to(folder / "middle")
    with pytest.raises(WriteError, match="only a backup may replace"):
        if writer == "path":
            with atomic_path(target) as temp:
                temp.write_bytes(b"export")
        else:
            with atomic_output(target, mode="w" if writer == "text" else "wb") as out:
                out.write("export" if writer == "text" else b"export")
    assert library.read_bytes() == before and _leftovers(folder) == []


def test_a_backup_may_replace_an_older_backup(tmp_path) -> None:
    source = tmp_path / "library.db"
    build_store(source, [draft("Rain", "Rain fell on Nairobi in Kenya.")]).close()
    older = tmp_path / "backup.db"
    _database(older, 3)
    backup_database(source, older)
    with sqlite3.connect(older) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    conn.close()
    assert check_target(older, source, replace_database=True) == older.resolve()


@pytest.mark.parametrize("kind", ["entities", "mentions", "documents"])
def test_the_cli_export_through_a_link_onto_another_library_is_refused(tmp_path, kind) -> None:
    reading = tmp_path / "news.db"
    build_store(reading, [draft("Rain", "Rain fell on Nairobi in Kenya.")]).close()
    other = tmp_path / "library.db"
    build_store(other, [draft("Sun", "Sun shone on Lima in Peru.")]).close()
    before = other.read_bytes()
    (tmp_path / "link-to-db").symlink_to(other)
    result = CliRunner().invoke(main, ["export", kind, "--output", str(tmp_path / "link-to-db"), "--db", str(reading)])
    assert result.exit_code != 0 and "only a backup may replace" in result.output
    assert other.read_bytes() == before
