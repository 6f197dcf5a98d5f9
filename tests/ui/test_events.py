"""Writes announce what they changed; every pane follows, visible or not (issue 15 item 1, 16 item 6)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from explorer.core.store.queries import find_entity
from tests.ui.actions.test_curation_actions import select, written
from tests.ui.actions.test_import_actions import finish, write_files
from tests.ui.conftest import settle
from tests.ui.panes.test_network_view import show_network


def node_mentions(view) -> dict[str, int]:
    return {node.name: node.mentions for node in view.network.nodes}


def test_a_renamed_selected_entity_is_renamed_in_the_network(qtbot, window, monkeypatch) -> None:
    view = show_network(qtbot, window)
    select(window, "Beijing")
    qtbot.waitUntil(view.layout_ready, timeout=5000)
    monkeypatch.setattr(window.curation, "ask_text", lambda *args, **kwargs: "Peking")
    window.curation.rename()
    written(qtbot, window)
    assert [chip[1] for chip in window.state.chips()] == ["Peking"]
    qtbot.waitUntil(view.layout_ready, timeout=5000)
    assert "Peking" in node_mentions(view) and "Beijing" not in node_mentions(view)


def test_an_import_shows_in_the_network_on_screen(qtbot, window, fake_extractor, tmp_path) -> None:
    view = show_network(qtbot, window)
    assert node_mentions(view)["India"] == node_mentions(view)["China"] == 3
    files = write_files(tmp_path / "new", 30, "India and China talk, story {i}.")
    dialog = window.imports.import_paths([files[0].parent])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    finish(qtbot, dialog)
    qtbot.waitUntil(lambda: view.layout_ready() and node_mentions(view).get("India") == 33, timeout=10_000)
    assert node_mentions(view)["China"] == 33


def _rename(qtbot, window, monkeypatch):
    select(window, "Tokyo")
    monkeypatch.setattr(window.curation, "ask_text", lambda *args, **kwargs: "Edo")
    window.curation.rename()
    written(qtbot, window)


def _undo(qtbot, window, monkeypatch):
    _rename(qtbot, window, monkeypatch)
    window.curation.undo_action.trigger()
    written(qtbot, window)


def _redo(qtbot, window, monkeypatch):
    _undo(qtbot, window, monkeypatch)
    window.curation.redo_action.trigger()
    written(qtbot, window)


def _delete(qtbot, window, monkeypatch):
    monkeypatch.setattr(window.deletion, "confirm", lambda title: True)
    window.documents.view.selectRow(0)
    window.deletion.delete_current()
    written(qtbot, window)


def _star(qtbot, window, monkeypatch):
    window.documents.view.selectRow(0)
    window.reading.show_article(window.documents.current_article())
    window.notes.star_action.trigger()
    written(qtbot, window)


def _set_date(qtbot, window, monkeypatch):
    window.documents.view.selectRow(0)
    monkeypatch.setattr(window.dating, "ask_date", lambda count, initial: (True, date(2020, 1, 2)))
    window.dating.set_date()
    written(qtbot, window)


WRITES = {"curation": _rename, "undo": _undo, "redo": _redo, "deletion": _delete, "notes": _star, "set date": _set_date}
PANES = ["documents", "reader", "entities", "timeline"]


@pytest.mark.parametrize("write", list(WRITES))
@pytest.mark.parametrize("pane", [*PANES, "network"])
def test_every_write_refreshes_every_pane(qtbot, window, monkeypatch, write, pane) -> None:
    """Visible panes re-read at once; a hidden one (the network behind the timeline tab) when shown."""
    window.documents.view.selectRow(0)
    window.reading.show_article(window.documents.current_article())
    calls = []
    followers = dict(zip(PANES, window.sync.followers, strict=True))
    if pane == "network":
        monkeypatch.setattr(window.network_view, "refresh", lambda: calls.append("network"))
    else:
        follower = followers[pane]
        refresh = follower._refresh
        monkeypatch.setattr(follower, "_refresh", lambda: (calls.append(pane), refresh()))
    if write == "notes" and pane != "documents":
        pytest.skip("a star changes no count, entity, date or text: only the list shows it")
    WRITES[write](qtbot, window, monkeypatch)
    if pane == "network":
        assert not calls  # hidden behind the Timeline tab: marked stale, not read
        window.bottom_tabs.setCurrentWidget(window.network_view)
    assert calls, f"{pane} did not follow {write}"


def test_the_timeline_and_the_network_follow_the_search_box(qtbot, window) -> None:
    view = show_network(qtbot, window)
    field = window.documents.search_field
    field.setText("cricket")
    field.returnPressed.emit()
    qtbot.waitUntil(view.layout_ready, timeout=5000)
    assert set(node_mentions(view)) <= {"Pakistan", "India"}
    window.bottom_tabs.setCurrentWidget(window.timeline)
    qtbot.waitUntil(lambda: not window.timeline.reading(), timeout=5000)
    plotted = window.timeline.plotted()
    assert list(plotted) == ["Matching articles"] and sum(plotted["Matching articles"][1]) == 1
    qtbot.waitUntil(lambda: not window.count_label.counting(), timeout=5000)
    assert window.count_label.text().startswith("1 of ")


def test_a_malformed_search_leaves_no_pane_showing_old_results(qtbot, window) -> None:
    view = show_network(qtbot, window)
    field = window.documents.search_field
    field.setText("beijing")
    field.returnPressed.emit()
    settle(window)
    assert window.documents.model.rowCount() == 2
    field.setText('"beijing')
    field.returnPressed.emit()
    assert window.documents.model.rowCount() == 0
    assert view.network is None and "cannot run" in view.status_label.text()
    window.bottom_tabs.setCurrentWidget(window.timeline)
    assert window.timeline.plotted() == {} and window.timeline.data() is None
    assert find_entity(window.db, "Beijing") is not None
