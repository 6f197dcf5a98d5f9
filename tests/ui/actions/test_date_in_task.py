"""Set Date written in a writing task: a write that fails is said once and changes nothing."""

from __future__ import annotations

from datetime import date

import explorer.core.store as store
from explorer.core.store import open_store
from tests.message_boxes import record_message_boxes, texts
from tests.ui.actions.test_curation_actions import written
from tests.ui.actions.test_date_action import CRICKET, listed_dates, select_titles


def read_only_store(path, **kwargs):
    db = open_store(path, **kwargs)
    db.execute("PRAGMA query_only = 1")  # opened for writing, then the file turned read-only
    return db


def test_set_date_on_a_library_that_cannot_be_written_says_so_once_and_keeps_the_date(
    qtbot, window, monkeypatch
) -> None:
    ids = select_titles(qtbot, window, CRICKET)
    before = listed_dates(window, ids)
    shown = record_message_boxes(monkeypatch)
    monkeypatch.setattr(window.dating, "ask_date", lambda count, initial: (True, date(2019, 5, 4)))
    monkeypatch.setattr(store, "open_store", read_only_store)  # the writing task's connection
    assert window.dating.set_date() is not None  # written in a task, not on the GUI thread
    written(qtbot, window)
    warnings = texts(shown)
    assert len(warnings) == 1 and "read-only" in warnings[0] and "Traceback" not in warnings[0]
    assert listed_dates(window, ids) == before
    assert window.db.execute("SELECT published FROM articles WHERE id = ?", ids).fetchone()[0] == "2023-09-02"
    assert window.ctx.undo_stack.count() == 0


def test_set_date_of_an_article_deleted_meanwhile_is_one_sentence(qtbot, window, monkeypatch) -> None:
    ids = select_titles(qtbot, window, CRICKET)
    shown = record_message_boxes(monkeypatch)
    monkeypatch.setattr(window.dating, "_chosen", lambda: [*ids, 10_000_000])
    monkeypatch.setattr(window.dating, "ask_date", lambda count, initial: (True, date(2019, 5, 4)))
    window.dating.set_date()
    written(qtbot, window)
    warnings = texts(shown)
    assert len(warnings) == 1 and "10000000" in warnings[0].replace(",", "") and "\n" not in warnings[0].strip()
    assert listed_dates(window, ids) == ["2023-09-02"]
