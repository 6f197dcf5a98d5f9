"""A full disk and a read-only database: plain words, the data kept, reading still works."""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import traceback

import pytest
from click.testing import CliRunner

import explorer.core.ops.pipeline as pipeline
from explorer.cli import main
from explorer.core.ops.pipeline import ImportOptions, import_paths
from explorer.core.store import StoreError, open_store
from tests.core.ops.test_pipeline import write_articles
from tests.message_boxes import record_message_boxes
from tests.reliability.conftest import assert_consistent, fill_up, remount_read_only
from tests.ui.conftest import FakeExtractor

log = logging.getLogger(__name__)


@pytest.fixture(autouse=True)
def no_model(monkeypatch):
    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)


def _import(db_path, folder, **options):
    return list(import_paths(db_path, [folder], ImportOptions(**options)))[-1]


def _run_cli(*args):
    result = CliRunner().invoke(main, list(args))
    assert isinstance(result.exception, (SystemExit, type(None))), "".join(traceback.format_exception(result.exception))
    return result


def _stats(db_path) -> str:
    result = _run_cli("stats", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    return result.output


def test_sqlite_size_limit_stops_the_import_in_plain_words(tmp_path, monkeypatch):
    db_path = tmp_path / "t.db"
    write_articles(tmp_path / "first", 30, seed=1)
    assert _import(db_path, tmp_path / "first").imported == 30
    before = _stats(db_path)

    def limited_store(path, **kwargs):
        db = open_store(path, **kwargs)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 2}")
        return db

    monkeypatch.setattr(pipeline, "open_store", limited_store)
    write_articles(tmp_path / "more", 400, seed=2)
    with pytest.raises(StoreError, match="the disk is full"):
        _import(db_path, tmp_path / "more", batch_size=200, first_batch_size=200)
    db = open_store(db_path, readonly=True)
    assert_consistent(db)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] in (30, 230)
    monkeypatch.undo()
    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)
    assert _import(db_path, tmp_path / "more").finished
    assert "articles: 430" in _stats(db_path) and before != _stats(db_path)


def test_full_filesystem_cli_import(small_filesystem, tmp_path):
    db_path = small_filesystem / "t.db"
    write_articles(tmp_path / "in", 3000, seed=3)
    result = _run_cli("import", str(tmp_path / "in"), "--db", str(db_path))
    assert result.exit_code == 1
    assert "the disk is full" in result.output
    db = open_store(db_path, readonly=True)
    assert_consistent(db)
    stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    db.close()
    assert 0 < stored < 3000
    log.info("1 MB tmpfs, CLI import of 3,000 articles: %d stored before the disk was full", stored)
    assert f"articles: {stored}" in _stats(db_path)
    assert _run_cli("search", "Norway", "--db", str(db_path)).exit_code == 0


def _twelve_articles(db_path, tmp_path):
    """A closed database of 12 articles at ``db_path``."""
    write_articles(tmp_path / "in", 12, seed=4)
    assert _import(db_path, tmp_path / "in").imported == 12
    return db_path


@pytest.fixture
def read_only_db(small_filesystem, tmp_path):
    """On a medium (a tmpfs) remounted read-only: neither the file nor its folder can be written."""
    db_path = _twelve_articles(small_filesystem / "t.db", tmp_path)
    remount_read_only(small_filesystem)
    return db_path


@pytest.fixture
def read_only_file(tmp_path):
    """A read-only database file in a writable folder (root ignores permission bits: chattr +i for root)."""
    db_path = _twelve_articles(tmp_path / "t.db", tmp_path)
    if os.geteuid() != 0:
        db_path.chmod(0o444)
        yield db_path
        return
    if subprocess.run(["chattr", "+i", str(db_path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not possible here; as root, permission bits do not make a file read-only")
    try:
        yield db_path
    finally:
        subprocess.run(["chattr", "-i", str(db_path)], check=True)


def _assert_cli_reads_and_refuses_writes(db_path, tmp_path, *words: str) -> None:
    """Reading commands work; import, curation and re-extraction say ``words``; the file stays byte-identical."""
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    assert "articles: 12" in _stats(db_path)
    assert "Norway" in _run_cli("search", "Norway", "--db", str(db_path)).output
    write_articles(tmp_path / "more", 3, seed=5)
    for command in (["import", str(tmp_path / "more")], ["entity", "hide", "Norway"], ["reextract"]):
        result = _run_cli(*command, "--db", str(db_path))
        assert result.exit_code == 1 and all(word in result.output for word in words), (command, result.output)
        assert "damaged" not in result.output
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_read_only_folder_cli(read_only_db, tmp_path):
    _assert_cli_reads_and_refuses_writes(read_only_db, tmp_path, "read-only")


def test_read_only_file_cli(read_only_file, tmp_path):
    _assert_cli_reads_and_refuses_writes(read_only_file, tmp_path, "read-only")


def _assert_window_opens_for_reading(db_path, make_window, monkeypatch, *words: str) -> None:
    """The window opens the database with a message holding ``words``; the list, reader and search work."""
    shown = record_message_boxes(monkeypatch)
    window = make_window(db_path)
    assert shown and all(word in shown[-1].text for word in words), shown
    _assert_window_still_reads(window, 12)


def _assert_window_still_reads(window, articles: int) -> None:
    assert window.total_articles == articles
    window.documents.view.setCurrentIndex(window.documents.model.index(0, 0))
    assert window.reader.article is not None and window.reader.text.toPlainText() == window.reader.article.body
    window.reading.set_search("Norway")
    assert not window.documents.search_error.isVisible() and window.documents.model.rowCount() > 0


def test_read_only_folder_window_opens_for_reading(read_only_db, make_window, monkeypatch):
    _assert_window_opens_for_reading(read_only_db, make_window, monkeypatch, "read-only")


def test_read_only_file_window_opens_for_reading(read_only_file, make_window, monkeypatch):
    _assert_window_opens_for_reading(read_only_file, make_window, monkeypatch, "read-only")


def _import_in_window(window, folder, qtbot) -> str:
    """File ▸ Import Folder… with the dialog's Start; the summary the dialog shows at the end."""
    dialog = window.imports.import_paths([folder])
    dialog.start()
    qtbot.waitUntil(lambda: dialog.finished_import, timeout=60_000)
    return dialog.summary_view.toPlainText()


def test_window_import_at_the_size_limit_says_so_and_keeps_reading(tmp_path, qtbot, make_window, monkeypatch):
    db_path = _twelve_articles(tmp_path / "t.db", tmp_path)

    def full_store(path, **kwargs):
        db = open_store(path, **kwargs)
        db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
        return db

    monkeypatch.setattr(pipeline, "open_store", full_store)
    write_articles(tmp_path / "more", 200, seed=8)
    window = make_window(db_path)
    summary = _import_in_window(window, tmp_path / "more", qtbot)
    assert summary.startswith("The import stopped after") and "the disk is full" in summary, summary
    assert "Traceback" not in summary and "Error" not in summary
    assert_consistent(open_store(db_path, readonly=True))
    _assert_window_still_reads(window, 12)


def test_window_import_onto_a_full_filesystem(small_filesystem, tmp_path, qtbot, make_window):
    db_path = _twelve_articles(small_filesystem / "t.db", tmp_path)
    write_articles(tmp_path / "more", 3000, seed=9)
    window = make_window(db_path)
    summary = _import_in_window(window, tmp_path / "more", qtbot)
    assert summary.startswith("The import stopped after") and "the disk is full" in summary, summary
    db = open_store(db_path, readonly=True)
    assert_consistent(db)
    stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 12 < stored < 3012
    log.info("1 MB tmpfs, window import of 3,000 articles onto 12: %d stored before the disk was full", stored)
    _assert_window_still_reads(window, stored)


@pytest.fixture
def db_on_full_disk(small_filesystem, tmp_path):
    """A closed database of 12 articles on a filesystem with no byte left (not even for a -shm file)."""
    db_path = _twelve_articles(small_filesystem / "t.db", tmp_path)
    fill_up(small_filesystem)
    return db_path


def test_full_disk_cli_reads_and_refuses_writes_in_plain_words(db_on_full_disk, tmp_path):
    _assert_cli_reads_and_refuses_writes(db_on_full_disk, tmp_path, "disk holding", "is full")


def test_full_disk_window_opens_for_reading(db_on_full_disk, make_window, monkeypatch):
    _assert_window_opens_for_reading(db_on_full_disk, make_window, monkeypatch, "is full", "reading")
