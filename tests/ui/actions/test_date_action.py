"""Article ▸ Set Date…: two selected articles get the date in the list, reader and timeline; undo; Undated."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel

import explorer.core.ops.reextract as reextract
from explorer.core.store.queries import find_entity
from explorer.core.store.timeline import bin_start
from explorer.ui.actions.date_action import SetDateDialog
from tests.core.store.test_summaries import assert_equal_to_recount
from tests.ui.actions.test_curation_actions import written
from tests.ui.conftest import FakeExtractor, settle

FLOODS, CRICKET, UNDATED = "Floods in Pakistan", "Cricket: Pakistan beat India", "An undated note on Pakistan"


def select_titles(qtbot, window, *titles: str) -> list[int]:
    """Make the first title current and select every one of them in the list, as Ctrl+click does."""
    settle(window)
    model, view = window.documents.model, window.documents.view
    rows = [next(i for i, r in enumerate(model.rows) if r.title == title) for title in titles]
    view.setCurrentIndex(model.index(rows[0], 0))
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.title == titles[0])
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows[1:]:
        view.selectionModel().select(model.index(row, 0), flags)
    return [model.rows[row].id for row in rows]


def listed_dates(window, ids) -> list[str | None]:
    settle(window)
    model = window.documents.model
    return [model.rows[model.row_of(i)].published for i in ids]


def dated(qtbot, window) -> None:
    """Wait until the date is written, and the timeline read again after it."""
    written(qtbot, window)
    qtbot.waitUntil(lambda: not window.timeline.reading(), timeout=5000)


def pakistan_by_bin(window) -> dict[date, float]:
    starts, counts = window.timeline.plotted()["Pakistan"]
    return {start: n for start, n in zip(starts, counts, strict=True) if n}


def test_set_date_of_two_selected_articles_then_undo(qtbot, window, monkeypatch):
    window.select_entity(find_entity(window.db, "Pakistan").id, "Pakistan")
    ids = select_titles(qtbot, window, FLOODS, CRICKET)
    asked = []
    monkeypatch.setattr(
        window.dating, "ask_date", lambda count, initial: asked.append((count, initial)) or (True, date(2019, 5, 4))
    )
    assert window.dating.action in window.notes.menu.actions()
    dated(qtbot, window)
    before_dates, before_bins = listed_dates(window, ids), pakistan_by_bin(window)
    window.dating.action.trigger()
    dated(qtbot, window)
    assert asked == [(2, date(2023, 8, 20))]
    assert listed_dates(window, ids) == ["2019-05-04", "2019-05-04"]
    new_bin = bin_start(date(2019, 5, 4), window.timeline.data().bin)
    assert pakistan_by_bin(window)[new_bin] == 3 + 1  # Pakistan thrice in the floods, once in the cricket
    assert window.reader.date_label.text() == "Saturday 4 May 2019 (set by you)"
    assert_equal_to_recount(window.db)
    window.curation.undo_action.trigger()
    dated(qtbot, window)
    assert listed_dates(window, ids) == before_dates
    assert pakistan_by_bin(window) == before_bins
    assert_equal_to_recount(window.db)
    window.curation.redo_action.trigger()
    dated(qtbot, window)
    assert listed_dates(window, ids) == ["2019-05-04", "2019-05-04"]


def test_undo_and_redo_of_set_date_say_what_they_did(qtbot, window, monkeypatch):
    def said(message: str) -> None:
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == message, timeout=10000)

    window.select_entity(find_entity(window.db, "Pakistan").id, "Pakistan")  # its few articles on one page
    select_titles(qtbot, window, FLOODS, CRICKET)
    monkeypatch.setattr(window.dating, "ask_date", lambda count, initial: (True, date(2019, 5, 4)))
    window.dating.action.trigger()
    dated(qtbot, window)
    window.curation.undo_action.trigger()
    said("Undone: Dated 2 articles 2019-05-04 — Ctrl+Shift+Z redoes")
    dated(qtbot, window)
    window.curation.redo_action.trigger()
    said("Redone: Dated 2 articles 2019-05-04 — Ctrl+Z undoes")
    dated(qtbot, window)
    select_titles(qtbot, window, FLOODS)
    monkeypatch.setattr(window.dating, "ask_date", lambda count, initial: (True, None))
    window.dating.action.trigger()
    dated(qtbot, window)
    window.curation.undo_action.trigger()
    said("Undone: Marked 1 article undated — Ctrl+Shift+Z redoes")


def test_undated(qtbot, window, monkeypatch):
    window.select_entity(find_entity(window.db, "Pakistan").id, "Pakistan")
    dated(qtbot, window)
    assert window.timeline.undated() == {"Pakistan": 1}
    ids = select_titles(qtbot, window, CRICKET)
    monkeypatch.setattr(window.dating, "ask_date", lambda count, initial: (True, None))
    window.dating.action.trigger()
    dated(qtbot, window)
    assert listed_dates(window, ids) == [None]
    assert window.timeline.undated() == {"Pakistan": 2}
    assert window.reader.date_label.text() == "Undated (set by you)"
    assert_equal_to_recount(window.db)


def test_a_newly_dated_article_is_read_again_in_the_background(qtbot, window, monkeypatch):
    monkeypatch.setattr(reextract, "Extractor", FakeExtractor)
    window.select_entity(find_entity(window.db, "Pakistan").id, "Pakistan")  # brings it to the first page
    ids = select_titles(qtbot, window, UNDATED)
    monkeypatch.setattr(window.dating, "ask_date", lambda count, initial: (True, date(2024, 1, 2)))
    window.dating.action.trigger()
    written(qtbot, window)
    assert window.imports.wait(20_000)
    qtbot.waitUntil(lambda: not window.import_status.isVisible())
    assert listed_dates(window, ids) == ["2024-01-02"]
    assert window.db.execute("SELECT published, date_source FROM articles WHERE id = ?", ids).fetchone() == (
        "2024-01-02",
        "user",
    )
    assert_equal_to_recount(window.db)


def test_cancel_changes_nothing(qtbot, window, monkeypatch):
    ids = select_titles(qtbot, window, FLOODS)
    monkeypatch.setattr(window.dating, "ask_date", lambda count, initial: (False, None))
    assert window.dating.set_date() is None
    assert listed_dates(window, ids) == ["2023-08-20"]


def test_the_dialog_gives_the_date_or_none(qtbot):
    dialog = SetDateDialog(2, date(2023, 8, 20))
    qtbot.addWidget(dialog)
    assert dialog.chosen() == date(2023, 8, 20) and dialog.date_edit.isEnabled()
    dialog.undated.setChecked(True)
    assert dialog.chosen() is None and not dialog.date_edit.isEnabled()
    undated = SetDateDialog(1, None)
    qtbot.addWidget(undated)
    assert undated.undated.isChecked() and undated.chosen() is None
