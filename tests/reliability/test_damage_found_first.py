"""Damage in the middle of a database is found before anything reads or writes it; a file that
holds no library is said to, and only commands that create a library may initialise one."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.store import StoreError, damage, open_store
from explorer.core.store.schema import EmptyStoreError
from tests.store_builder import build_store, draft

PAGE = 4096
READING = [
    ["stats"],
    ["search", "Pakistan"],
    ["entities"],
    ["article", "list"],
    ["timeline", "Pakistan"],
    ["export", "documents", "-o", "{dir}/out.csv"],
]
WRITING = [
    ["article", "star", "1"],
    ["entity", "hide", "Pakistan"],
    ["delete", "1", "--yes"],
    ["rebuild-summaries"],
    ["gazetteer", "import", "{dir}/names.csv"],
    ["import", "{dir}/new.txt"],
]


@pytest.fixture(scope="module")
def healthy(tmp_path_factory) -> dict[str, Path]:
    """A small library in WAL mode and a copy in rollback mode, vacuumed: every page is in use."""
    folder = tmp_path_factory.mktemp("healthy")
    stories = [draft(f"Story {i}", "Pakistan and China met in Tokyo. " * 60 + str(i)) for i in range(40)]
    paths = {}
    for mode in ("wal", "delete"):
        path = folder / f"{mode}.db"
        build_store(path, stories, {"Pakistan": ("Pakistan", "place"), "China": ("China", "place")}).close()
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA journal_mode = {mode}").fetchone()
        conn.execute("VACUUM")
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        conn.close()
        paths[mode] = path
    return paths


def _pages(path: Path) -> int:
    return path.stat().st_size // PAGE


def _root_page(path: Path, name: str) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [name]).fetchone()[0]
    finally:
        conn.close()


def damage_page(source: Path, folder: Path, page: int, how: str, seed: int = 0) -> Path:
    """A copy of ``source`` with page ``page`` (1-based) zeroed or overwritten with random bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "library.db"
    data = bytearray(source.read_bytes())
    data[(page - 1) * PAGE : page * PAGE] = bytes(PAGE) if how == "zero" else random.Random(seed).randbytes(PAGE)
    path.write_bytes(bytes(data))
    (folder / "names.csv").write_text("Lahore,place\n", encoding="utf-8")
    (folder / "new.txt").write_text("Pakistan and India.\n", encoding="utf-8")
    return path


def files(folder: Path) -> dict[str, str]:
    """Every file's SHA-256 by name: nothing written, nothing created beside the database."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def run(args: list[str], folder: Path, db: Path):
    return CliRunner().invoke(main, [*(a.format(dir=folder) for a in args), "--db", str(db)])


def assert_refused_everywhere(path: Path, commands=READING + WRITING) -> None:
    folder = path.parent
    before = files(folder)
    for readonly, full_check in ((True, False), (False, False), (False, True)):
        with pytest.raises(StoreError, match="is damaged"):
            open_store(path, readonly=readonly, full_check=full_check)
    for args in commands:
        result = run(args, folder, path)
        assert result.exit_code == 1, (args, result.output)
        assert "is damaged" in result.output and '".recover"' in result.output, (args, result.output)
        assert "Traceback" not in result.output
    result = run(["backup", "{dir}/copy.db"], folder, path)
    assert result.exit_code == 1 and "is damaged" in result.output
    assert files(folder) == before


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    mode=st.sampled_from(["wal", "delete"]),
    how=st.sampled_from(["zero", "random"]),
    where=st.floats(0, 1, exclude_max=True),
    seed=st.integers(0, 2**32),
)
def test_a_damaged_page_anywhere_is_refused_by_every_command(healthy, tmp_path_factory, mode, how, where, seed):
    """Any page but the first (whose header says 'not SQLite' instead), zeroed or random."""
    source = healthy[mode]
    page = 2 + int(where * (_pages(source) - 1))
    path = damage_page(source, tmp_path_factory.mktemp("damaged"), page, how, seed)
    assert_refused_everywhere(path, commands=[["stats"], ["article", "star", "1"]])


@pytest.mark.parametrize("table", ["articles_fts_data", "articles_fts_idx", "mentions", "articles"])
@pytest.mark.parametrize("how", ["zero", "random"])
def test_fts_shadow_tables_indexes_and_tables(healthy, tmp_path, table, how):
    """The root page of an FTS5 shadow table, of a table and of an index (below)."""
    path = damage_page(healthy["wal"], tmp_path, _root_page(healthy["wal"], table), how)
    assert_refused_everywhere(path)


def test_an_index_page(healthy, tmp_path):
    conn = sqlite3.connect(f"{healthy['delete'].as_uri()}?mode=ro", uri=True)
    index = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mentions' AND sql IS NOT NULL"
    ).fetchone()[0]
    conn.close()
    path = damage_page(healthy["delete"], tmp_path, _root_page(healthy["delete"], index), "random")
    assert_refused_everywhere(path)


def test_a_file_cut_short_is_found_by_its_header(healthy, tmp_path):
    path = tmp_path / "library.db"
    data = healthy["delete"].read_bytes()
    path.write_bytes(data[: PAGE * (len(data) // PAGE // 2)])
    with pytest.raises(StoreError, match="cut short"):
        open_store(path, readonly=True)


def test_damage_a_statement_meets_later_is_said_too(healthy, tmp_path, monkeypatch):
    """A large library is not walked page by page on every open: damage found by a query is
    still said in words by the command line's top-level handler, and nothing is written."""
    monkeypatch.setattr(damage, "QUICK_CHECK_MAX_BYTES", 0)
    monkeypatch.setattr("explorer.core.store.schema.QUICK_CHECK_MAX_BYTES", 0)
    path = damage_page(healthy["delete"], tmp_path, _root_page(healthy["delete"], "articles_fts_idx"), "zero")
    open_store(path, readonly=True).close()  # the cheap checks pass
    before = files(tmp_path)
    result = run(["search", "Pakistan"], tmp_path, path)
    assert result.exit_code == 1 and "is damaged" in result.output and str(path) in result.output
    assert "unexpected" not in result.output
    result = run(["article", "star", "1"], tmp_path, path)  # a write checks every page first
    assert result.exit_code == 1 and "is damaged" in result.output
    assert files(tmp_path) == before


def test_the_window_keeps_its_database(healthy, tmp_path, qtbot, monkeypatch):
    from PySide6.QtCore import QSettings

    from explorer.ui.main_window import MainWindow
    from tests.message_boxes import record_message_boxes

    boxes = record_message_boxes(monkeypatch)
    good = tmp_path / "good" / "good.db"
    good.parent.mkdir()
    shutil.copy(healthy["wal"], good)
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_database(good)
    path = damage_page(healthy["wal"], tmp_path / "bad", _root_page(healthy["wal"], "articles_fts_data"), "zero")
    before = files(path.parent)
    assert not window.open_database(path)
    assert "is damaged" in boxes[-1].text and ".recover" in boxes[-1].text
    assert window.db_path == good and window.total_articles == 40
    assert files(path.parent) == before


# -- files that hold no library


def _no_table_sqlite(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")  # a valid SQLite file of one page, no table
    conn.close()
    return path


NOT_CREATING = READING + [c for c in WRITING if c[0] not in ("gazetteer", "import")] + [["reextract"]]


@pytest.mark.parametrize("kind", ["empty", "no-tables"])
def test_reading_and_changing_commands_say_there_is_no_library(tmp_path, kind):
    path = tmp_path / "library.db"
    path.touch() if kind == "empty" else _no_table_sqlite(path)
    before = files(tmp_path)
    for args in NOT_CREATING:
        result = run(args, tmp_path, path)
        assert result.exit_code == 1, (args, result.output)
        assert "holds no Knowledge Explorer library" in result.output, (args, result.output)
    with pytest.raises(EmptyStoreError):
        open_store(path, readonly=True)
    assert files(tmp_path) == before


def test_dev_null_is_no_library_and_is_never_written(tmp_path):
    for args in [["stats"], ["article", "star", "1"], ["gazetteer", "import", "{dir}/names.csv"]]:
        (tmp_path / "names.csv").write_text("Lahore,place\n", encoding="utf-8")
        result = run(args, tmp_path, Path("/dev/null"))
        assert result.exit_code == 1 and "no Knowledge Explorer library" in result.output, (args, result.output)
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize("kind", ["empty", "no-tables"])
def test_a_creating_command_initialises_it(tmp_path, kind):
    path = tmp_path / "library.db"
    path.touch() if kind == "empty" else _no_table_sqlite(path)
    (tmp_path / "names.csv").write_text("Lahore,place\n", encoding="utf-8")
    result = run(["gazetteer", "import", "{dir}/names.csv"], tmp_path, path)
    assert result.exit_code == 0, result.output
    assert run(["stats"], tmp_path, path).exit_code == 0


def test_a_foreign_sqlite_file_is_refused_by_a_creating_command(tmp_path):
    path = tmp_path / "theirs.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    (tmp_path / "names.csv").write_text("Lahore,place\n", encoding="utf-8")
    before = files(tmp_path)
    for args in (["gazetteer", "import", "{dir}/names.csv"], ["stats"]):
        result = run(args, tmp_path, path)
        assert result.exit_code == 1 and "holds other data" in result.output, result.output
    assert files(tmp_path) == before


@pytest.mark.parametrize("name", [":memory:", "", "file::memory:", "file:x.db?mode=memory"])
def test_a_database_in_memory_is_refused(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    for args in (["stats"], ["article", "star", "1"], ["import", "x.txt"]):
        result = CliRunner().invoke(main, [*args, "--db", name])
        assert result.exit_code == 2 and "must live in a file on disk" in result.output, result.output
    assert os.listdir(tmp_path) == []


def test_the_window_refuses_a_database_in_memory(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from explorer.ui.main_window import MainWindow
    from tests.message_boxes import record_message_boxes

    boxes = record_message_boxes(monkeypatch)
    monkeypatch.chdir(tmp_path)
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    for name in (":memory:", "file::memory:"):
        assert not window.open_database(Path(name))
        assert "must live in a file on disk" in boxes[-1].text
    assert window.db is None and set(os.listdir(tmp_path)) <= {"s.ini"}
