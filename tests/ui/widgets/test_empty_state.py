"""Every pane that can be empty says why in words: the document list, the entity table, the
network, the timeline (words and no axis ticks), the reader and the entity detail."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from explorer.core.model import ENTITY_TYPES
from explorer.core.ops import curation
from explorer.core.store import open_store
from explorer.ui.panes.follow import UNMATCHED
from explorer.ui.panes.timeline import TimelineWidget
from explorer.ui.widgets.empty_state import EmptyMessage, documents_empty, entities_empty, network_empty
from explorer.ui.widgets.entity_detail import EntityDetailDialog
from tests.ui.conftest import settle


def axes_shown(widget: TimelineWidget) -> bool:
    return any(widget.plot_item.getAxis(name).isVisible() for name in ("bottom", "left"))


@settings(max_examples=80)
@given(st.text(max_size=20), st.lists(st.sampled_from(ENTITY_TYPES), unique=True))
def test_the_entity_words_say_which_filter_empties_the_table(search, types) -> None:
    text = entities_empty(search, types, list(ENTITY_TYPES))
    if not types:
        assert "switched off" in text
    elif search:
        assert f"“{search}”" in text and ("types switched on" in text) == (set(types) != set(ENTITY_TYPES))
    else:
        assert text.endswith("yet: they are found as articles are imported.") == (set(types) == set(ENTITY_TYPES))


@given(st.integers(0, 10**7), st.booleans())
def test_the_document_words_tell_an_empty_library_from_no_match(total, importing) -> None:
    text = documents_empty(total, importing)
    if total:
        assert text.startswith("No article matches") and "Clear Filters" in text
    else:
        assert ("Importing" in text) == importing and ("Import Files" in text) == (not importing)
    assert network_empty(True) != network_empty(False)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 5), min_size=1, max_size=8), st.sampled_from(["", "Nothing here."]))
def test_the_message_shows_exactly_while_the_view_has_no_row(qapp, counts, text) -> None:
    model = QStandardItemModel()
    view = QTableView()
    view.setModel(model)
    empty = EmptyMessage(view, text)
    view.show()
    try:
        for count in counts:
            if count == 0:
                model.setRowCount(0)
            else:
                model.appendRow([QStandardItem("x")])
            expected = text if model.rowCount() == 0 else ""
            assert empty.shown() == expected
    finally:
        view.close()
        view.deleteLater()


def test_an_empty_library_says_so_in_every_pane(qtbot, make_window, tmp_path) -> None:
    window = make_window(tmp_path / "empty.db")
    window.stack.setCurrentWidget(window.main_splitter)
    window.bottom_tabs.setCurrentWidget(window.network_view)
    qtbot.waitUntil(lambda: not window.network_view.reading(), timeout=10_000)  # read in the background
    assert window.documents.empty.shown() == documents_empty(0, False)
    assert window.entities.empty.shown() == "No entities yet: they are found as articles are imported."
    assert window.network_view.empty.shown() == network_empty(False)
    assert window.reader.text.placeholderText() == "Select an article in the list to read it here."
    timeline = window.timeline
    assert not axes_shown(timeline)
    assert timeline.empty_text.isVisible()
    assert timeline.empty_text.toPlainText() == "No articles yet: import files or a folder to see them over time."


def test_a_timeline_without_a_database_has_words_and_no_ticks(qtbot) -> None:
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    for db in (None, open_store(":memory:"), None):
        timeline.set_database(db)
        for index in range(timeline.bin_box.count()):
            timeline.bin_box.setCurrentIndex(index)
            assert not axes_shown(timeline)
            assert timeline.empty_text.isVisible() and timeline.empty_text.toPlainText()
        if db is None:
            assert timeline.empty_text.toPlainText() == "No database is open."


def test_no_match_says_so_and_goes_when_the_filter_does(window) -> None:
    window.reading.set_search("zzzqqq")
    settle(window)
    assert window.documents.empty.shown().startswith("No article matches")
    window.reading.set_search("")
    settle(window)
    assert window.documents.model.rowCount() > 0 and window.documents.empty.shown() == ""
    panel = window.entities
    panel.search_field.setText("qqzz")
    panel._apply_query()
    settle(window)
    assert panel.empty.shown() == "No entity has “qqzz” in its name."
    panel.search_field.setText("")
    panel._apply_query()
    settle(window)
    assert panel.empty.shown() == ""
    for button in panel.type_buttons.values():
        button.setChecked(False)
    settle(window)
    assert panel.empty.shown() == "Every entity type is switched off: switch one on above."


def test_a_network_filtered_to_nothing_says_so(qtbot, window) -> None:
    window.bottom_tabs.setCurrentWidget(window.network_view)
    window.state.set_date_range(date(1900, 1, 1), date(1900, 1, 2))
    view = window.network_view
    qtbot.waitUntil(lambda: not view.reading(), timeout=10_000)
    assert view.network is not None and not view.network.nodes
    assert view.empty.shown() == network_empty(True) and view.status_label.text() == "No entities"
    window.state.clear()
    qtbot.waitUntil(lambda: not view.reading(), timeout=10_000)
    assert view.network.nodes and view.empty.shown() == ""


def test_a_search_that_cannot_run_says_so_over_the_network(qtbot, window) -> None:
    window.bottom_tabs.setCurrentWidget(window.network_view)
    view = window.network_view
    window.reading.set_search('"beijing')
    assert view.network is None and view.empty.shown() == UNMATCHED
    assert window.documents.empty.shown().startswith("No article matches")
    window.reading.set_search("")
    qtbot.waitUntil(lambda: not view.reading(), timeout=10_000)
    assert view.network.nodes and view.empty.shown() == ""


def test_an_entity_without_mentions_says_so_in_its_detail(qtbot, window) -> None:
    change = curation.add_entity(window.db, "Zanzibar Accord", "law")
    dialog = EntityDetailDialog(window.db)
    qtbot.addWidget(dialog)
    assert dialog.show_entity(change.entity_id)
    dialog.show()
    qtbot.waitUntil(dialog.is_loaded, timeout=5000)  # its sections are read after it shows
    shown = {message.shown() for message in dialog.findChildren(EmptyMessage)}
    assert {"No mention of this entity is stored.", "No article mentions this entity."} <= shown
    assert not axes_shown(dialog.timeline) and dialog.timeline.empty_text.toPlainText() == (
        "No dated mentions of Zanzibar Accord"
    )
