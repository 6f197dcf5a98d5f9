"""Curation, "Re-extract all" and the marks on articles (star, tags, note) on a full disk or a
read-only database: plain words, nothing half changed, and the window goes on reading."""

from __future__ import annotations

import re
import traceback

import pytest
from click.testing import CliRunner

import explorer.core.ops.reextract as reextract
import explorer.core.store as store
from explorer.cli import main
from explorer.core.model import Span
from explorer.core.ops import curation
from explorer.core.store import StoreError, open_store
from explorer.core.store.queries import find_entity
from tests.core.ops.test_curation import dump
from tests.message_boxes import record_message_boxes, texts
from tests.reliability.conftest import assert_consistent
from tests.store_builder import build_store, draft
from tests.ui.actions.test_curation_actions import select, written
from tests.ui.conftest import NAMES, STORIES

FULL = "the disk is full"


class EveryNameExtractor:
    """Every capitalised word is an organisation: a re-extraction that writes many new rows."""

    def __init__(self, model: str = "") -> None:
        pass

    def use_gazetteer(self, entries) -> None:
        """Not needed: every name is found anyway."""

    def pipe(self, items, *, n_process: int = 1, batch_size: int = 64):
        for text, context in items:
            yield [Span(m.start(), m.end(), "ORG") for m in re.finditer(r"\b[A-Z]\w+", text)], context


def full(db):
    """The database may not grow by a single page: SQLite's own size limit, a full disk in effect."""
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    return db


def full_store(path, **kwargs):
    return full(open_store(path, **kwargs))


def read_only_store(path, **kwargs):
    db = open_store(path, **kwargs)
    db.execute("PRAGMA query_only = 1")  # opened for writing, then the file turned read-only
    return db


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "news.db"
    many = [
        draft(f"Report {i}", f"Report {i}. " + "Pakistan and China met in Beijing, a Report by Xinhua said. " * 6)
        for i in range(300)
    ]
    build_store(path, [*STORIES, *many], NAMES).close()
    return path


def _cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert isinstance(result.exception, (SystemExit, type(None))), "".join(traceback.format_exception(result.exception))
    return result


def test_curation_on_a_full_disk_changes_nothing_then_works(db_path):
    db = full(open_store(db_path))
    before = dump(db)
    with pytest.raises(StoreError, match=f"Nothing was changed: {FULL}"):
        curation.add_entity(db, "Report", "work")
    assert dump(db) == before
    assert_consistent(db)
    db.close()
    db = open_store(db_path)
    assert curation.add_entity(db, "Report", "work").entity_id is not None
    assert_consistent(db)


def test_curation_on_a_read_only_connection_says_so(db_path):
    db = open_store(db_path)
    db.execute("PRAGMA query_only = 1")
    before = dump(db)
    with pytest.raises(StoreError, match="read-only"):
        curation.hide(db, find_entity(db, "China").id)
    assert dump(db) == before


def test_cli_curation_and_reextract_on_a_full_disk(db_path, monkeypatch):
    monkeypatch.setattr(store, "open_store", full_store)
    result = _cli("entity", "add", "Report", "--type", "work", "--db", str(db_path))
    assert result.exit_code == 1 and f"Error: Nothing was changed: {FULL}" in result.output
    monkeypatch.setattr(reextract, "open_store", full_store)
    monkeypatch.setattr(reextract, "Extractor", EveryNameExtractor)
    before = dump(open_store(db_path, readonly=True))
    result = _cli("reextract", "--db", str(db_path))
    assert result.exit_code == 1 and "Error: Re-extraction stopped in" in result.output and FULL in result.output
    db = open_store(db_path, readonly=True)
    assert_consistent(db)
    assert dump(db) == before  # the first batch already did not fit


def _window(make_window, db_path, monkeypatch) -> tuple:
    window = make_window(db_path)
    return window, record_message_boxes(monkeypatch)


def _assert_still_reads(window) -> None:
    window.reading.set_search("Beijing")
    assert not window.documents.search_error.isVisible() and window.documents.model.rowCount() > 0
    window.documents.view.setCurrentIndex(window.documents.model.index(0, 0))
    assert window.reader.article is not None and window.reader.text.toPlainText() == window.reader.article.body


def test_window_curation_on_a_full_disk_says_so_and_keeps_reading(make_window, db_path, monkeypatch, qtbot):
    window, told = _window(make_window, db_path, monkeypatch)
    monkeypatch.setattr(store, "open_store", full_store)  # the disk is full for the writing task's connection
    before = dump(window.db)
    monkeypatch.setattr(window.curation, "ask_text", lambda *args, **kwargs: "Report")
    monkeypatch.setattr(window.curation, "ask_item", lambda *args, **kwargs: "work")
    assert window.curation.add_entity() is not None
    written(qtbot, window)
    assert len(told) == 1
    assert told and told[-1].text.startswith(f"Nothing was changed: {FULL}")
    assert window.curation.undo_stack.count() == 0 and dump(window.db) == before
    _assert_still_reads(window)


def test_window_undo_that_cannot_write_keeps_the_change_and_says_so(make_window, db_path, monkeypatch, qtbot):
    window, told = _window(make_window, db_path, monkeypatch)
    select(window, "China")
    assert window.curation.hide() is not None
    written(qtbot, window)
    after = dump(window.db)
    monkeypatch.setattr(store, "open_store", read_only_store)  # as if the file had turned read-only meanwhile
    window.curation.undo_action.trigger()
    written(qtbot, window)
    assert len(told) == 1 and "read-only" in told[-1].text and "stays" in told[-1].text
    assert dump(window.db) == after and window.curation.undo_stack.count() == 0
    _assert_still_reads(window)


def test_window_reextract_on_a_full_disk_says_so(make_window, db_path, monkeypatch, qtbot):
    monkeypatch.setattr(reextract, "open_store", full_store)
    monkeypatch.setattr(reextract, "Extractor", EveryNameExtractor)
    window, told = _window(make_window, db_path, monkeypatch)
    before = dump(window.db)
    window.curation.reextract_action.trigger()
    qtbot.waitUntil(lambda: not window.imports.runner.running, timeout=20_000)
    assert told and told[-1].text.startswith("Re-extraction stopped in") and FULL in told[-1].text
    assert dump(window.db) == before
    assert_consistent(window.db)
    _assert_still_reads(window)


def test_window_marks_on_a_database_that_cannot_be_written(make_window, db_path, monkeypatch, qtbot):
    window = make_window(db_path)
    warnings = record_message_boxes(monkeypatch)
    window.documents.view.setCurrentIndex(window.documents.model.index(0, 0))
    monkeypatch.setattr(store, "open_store", read_only_store)  # the writing task's connection cannot write
    before = _marks(window.db)
    notes = window.notes
    notes.star_action.trigger()
    monkeypatch.setattr(notes, "ask_item", lambda *args: "<b>urgent</b>")
    monkeypatch.setattr(notes, "ask_text", lambda *args, **kwargs: "a note")
    notes.add_tag_action.trigger()
    notes.note_action.trigger()
    written(qtbot, window)
    assert not notes.star_action.isChecked()  # shown as stored once the star could not be written
    assert len(warnings) == 3 and all(w.startswith("Not saved:") and "read-only" in w for w in texts(warnings))
    assert _marks(window.db) == before
    _assert_still_reads(window)


def test_window_delete_on_a_database_that_cannot_be_written(make_window, db_path, monkeypatch, qtbot):
    window = make_window(db_path)
    shown = record_message_boxes(monkeypatch)
    monkeypatch.setattr(window.deletion, "confirm", lambda title: True)
    window.documents.view.setCurrentIndex(window.documents.model.index(0, 0))
    monkeypatch.setattr(store, "open_store", read_only_store)  # the writing task's connection cannot write
    before = dump(window.db)
    assert window.deletion.delete_current()
    written(qtbot, window)
    warnings = texts(shown)
    assert len(warnings) == 1 and warnings[0].startswith("Nothing was deleted:") and "read-only" in warnings[0]
    assert dump(window.db) == before
    _assert_still_reads(window)


WRITING_COMMANDS = {
    "Not saved": (["article", "star", "1"], ["article", "tag", "x", "1"], ["article", "note", "set", "1", "n"]),
    "Nothing was deleted": (["delete", "1", "--yes"],),
    "Nothing was recounted": (["rebuild-summaries"],),
    "Nothing was changed": (["entity", "hide", "China"],),
}


def test_cli_writes_on_a_database_that_cannot_be_written(db_path, monkeypatch):
    monkeypatch.setattr(store, "open_store", read_only_store)
    before = dump(open_store(db_path, readonly=True))
    for words, commands in WRITING_COMMANDS.items():
        for command in commands:
            result = _cli(*command, "--db", str(db_path))
            assert result.exit_code == 1 and f"Error: {words}: " in result.output and "read-only" in result.output
    assert dump(open_store(db_path, readonly=True)) == before


def _marks(db) -> tuple:
    return (db.execute("SELECT * FROM article_notes").fetchall(), db.execute("SELECT * FROM article_tags").fetchall())
