"""Curation from the window: merge through the entity panel, Ctrl+Z puts everything back; every
write (and its undo and redo) runs in a writing task, the same as the core run directly."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence

from explorer.core.store import open_store
from explorer.core.store.queries import find_entity
from explorer.core.store.writer import add_batch
from tests.core.ops.test_curation import assert_summaries_exact, dump
from tests.store_builder import draft, mentions_in
from tests.ui.conftest import settle


def select(window, *names: str) -> list[int]:
    """Select the entities in the panel's table, as a user's clicks would."""
    settle(window)
    view, model = window.entities.view, window.entities.model
    view.clearSelection()
    ids = []
    for name in names:
        entity_id = find_entity(window.db, name).id
        view.selectionModel().select(
            model.index(model.row_of(entity_id), 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
        ids.append(entity_id)
    assert list(window.state.selected) == ids
    return ids


def written(qtbot, window) -> None:
    """Wait until the write running in the background has ended and its end been handled, and
    the reads it started (the list, the chosen entities' names, counts, charts) ended too."""
    qtbot.waitUntil(lambda: not window.tasks.writing() and window.tasks.idle(), timeout=20_000)


def press(qtbot, window, keys: str) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keySequence(window.entities.view, QKeySequence(keys))
    written(qtbot, window)


def test_merge_from_the_panel_and_undo_with_ctrl_z(qtbot, window, monkeypatch) -> None:
    curation = window.curation
    assert curation.undo_action.shortcut() == QKeySequence("Ctrl+Z")
    assert QKeySequence("Ctrl+Shift+Z") in curation.redo_action.shortcuts()
    before = dump(window.db)
    beijing, china = select(window, "Beijing", "China")
    menu = curation.context_menu()
    assert [a.text() for a in menu.actions() if a.text()][:3] == ["&Merge…", "&Rename…", "Change &Type"]
    assert curation.merge_action.isEnabled()
    monkeypatch.setattr(curation, "ask_merge", lambda rows: "China")
    curation.merge_action.trigger()
    assert "Merging 2 entities into “China”" in window.statusBar().currentMessage()
    written(qtbot, window)
    assert_summaries_exact(window.db)
    merged = find_entity(window.db, "Beijing")
    assert merged.id == china and merged.name == "China"
    assert window.state.selected == {china: "China"}
    model = window.entities.model
    assert model.row_of(beijing) is None and model.row_of(china) is not None
    assert window.entities.view.selectionModel().isRowSelected(model.row_of(china))
    press(qtbot, window, "Ctrl+Z")
    assert dump(window.db) == before
    assert window.entities.model.row_of(beijing) is not None
    press(qtbot, window, "Ctrl+Shift+Z")
    assert find_entity(window.db, "Beijing").id == china
    curation.undo_action.trigger()
    written(qtbot, window)
    assert dump(window.db) == before


def test_hide_and_refusal_leave_the_stack_clean(qtbot, window, monkeypatch) -> None:
    curation = window.curation
    (tokyo,) = select(window, "Tokyo")
    curation.hide_action.trigger()
    written(qtbot, window)
    assert find_entity(window.db, "Tokyo") is None
    assert window.entities.model.row_of(tokyo) is None
    told = []
    monkeypatch.setattr(curation, "tell", told.append)
    select(window, "China")
    monkeypatch.setattr(curation, "ask_text", lambda *args, **kwargs: "Pakistan")
    curation.rename_action.trigger()
    written(qtbot, window)
    assert told and "merge" in told[0]
    assert curation.undo_stack.count() == 1
    curation.undo_action.trigger()
    written(qtbot, window)
    assert find_entity(window.db, "Tokyo").id == tokyo


def test_reextract_all_runs_in_the_background_and_refreshes(qtbot, window, monkeypatch) -> None:
    import explorer.core.ops.reextract as reextract
    from tests.ui.conftest import FakeExtractor

    monkeypatch.setattr(reextract, "Extractor", FakeExtractor)
    select(window, "Tokyo")
    window.curation.hide_action.trigger()
    written(qtbot, window)
    assert window.curation.undo_stack.count() == 1
    window.curation.reextract_action.trigger()
    assert window.curation.undo_stack.count() == 0
    qtbot.waitUntil(lambda: not window.imports.runner.running, timeout=20_000)
    assert window.imports.runner.last.finished and window.imports.runner.last.imported == window.total_articles
    assert_summaries_exact(window.db)
    # the fake finds only places: people are gone, Tokyo stays hidden
    assert find_entity(window.db, "Xi Jinping") is None and find_entity(window.db, "Tokyo") is None
    assert find_entity(window.db, "Pakistan") is not None


def test_split_explains_forms_that_differ_only_in_case(qtbot, tmp_path, make_window, monkeypatch) -> None:
    body = "Acme said so. ACME grew."
    db = open_store(tmp_path / "case.db")
    add_batch(
        db,
        [
            (
                draft("Acme", body, date(2024, 1, 1)),
                mentions_in(body, {"Acme": ("Acme", "organisation"), "ACME": ("Acme", "organisation")}),
            )
        ],
    )
    db.close()
    window = make_window(tmp_path / "case.db")
    told = []
    monkeypatch.setattr(window.curation, "tell", told.append)
    select(window, "Acme")
    assert window.curation.split() is None
    assert told == [
        "Acme has no other name to split off: its forms differ only in case or spacing, and such names are one entity."
    ]
    assert window.curation.undo_stack.count() == 0


def test_hidden_entities_are_listed_with_why_and_shown_again_then_undone(qtbot, window, monkeypatch) -> None:
    from explorer.core.store.hidden import HIDDEN_BY_USER
    from explorer.ui.panes.paged_model import ID_ROLE

    curation, panel = window.curation, window.entities
    (tokyo,) = select(window, "Tokyo")
    curation.hide_action.trigger()
    written(qtbot, window)
    before_show = dump(window.db)
    told = []
    monkeypatch.setattr(curation, "tell", told.append)
    assert curation.show_again() is None and "Hidden" in told[0]  # nothing hidden chosen: said how
    panel.hidden_button.setChecked(True)
    settle(window)
    model = panel.model
    assert [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())] == [tokyo]
    assert HIDDEN_BY_USER in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert panel.count_label.text() == "1 hidden entity"
    menu = curation.context_menu()
    assert [a.text() for a in menu.actions()] == ["Show A&gain"] and not curation.show_again_action.isEnabled()
    panel.view.selectionModel().select(
        model.index(0, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    assert panel.chosen_hidden() == [(tokyo, "Tokyo")] and list(window.state.selected) == []
    curation.context_menu()
    assert curation.show_again_action.isEnabled()
    curation.show_again_action.trigger()
    written(qtbot, window)
    assert find_entity(window.db, "Tokyo").id == tokyo
    assert_summaries_exact(window.db)
    assert "Showed “Tokyo”" in window.statusBar().currentMessage()
    assert "undoes" in window.statusBar().currentMessage()
    assert model.rowCount() == 0 and panel.count_label.text() == "0 hidden entities"
    assert curation.undo_stack.count() == 2
    curation.undo_action.trigger()
    written(qtbot, window)
    assert dump(window.db) == before_show
    assert find_entity(window.db, "Tokyo") is None
    panel.hidden_button.setChecked(False)
    settle(window)
    assert panel.model.row_of(tokyo) is None and "hidden" not in panel.count_label.text()
