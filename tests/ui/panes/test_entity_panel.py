"""The entity panel read in the background: its first page and its count equal to the core's
reads, read off the GUI thread, an older count dropped for a newer one, and a write's change
event still refreshing it."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import explorer.ui.panes.entity_panel as entity_panel
from explorer.core.model import ENTITY_TYPES
from explorer.core.ops import curation
from explorer.core.store import open_store
from explorer.core.store.queries import count_entities, entity_page, find_entity
from explorer.ui.events import Change
from explorer.ui.panes.entity_panel import EntityPanel
from explorer.ui.tasks import Tasks
from tests.ui.conftest import settle


@pytest.fixture
def db(news_db):
    store = open_store(news_db)
    yield store
    store.close()


@pytest.fixture
def panel(qtbot, db):
    panel = EntityPanel(tasks=Tasks())
    qtbot.addWidget(panel)
    panel.set_database(db)
    qtbot.waitUntil(panel.tasks.idle, timeout=5000)
    yield panel
    panel.tasks.cancel_all()
    panel.tasks.wait()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(search=st.sampled_from(["", "a", "pak", "in", "zzz"]), off=st.sets(st.sampled_from(ENTITY_TYPES)))
def test_the_table_and_its_count_read_in_the_background_equal_the_core_reads(qtbot, panel, db, search, off):
    for entity_type, button in panel.type_buttons.items():
        button.setChecked(entity_type not in off)
    panel.search_field.setText(search)
    panel._apply_query()
    qtbot.waitUntil(panel.tasks.idle, timeout=5000)
    types = tuple(t for t in ENTITY_TYPES if t not in off)
    assert panel.model.rows == entity_page(db, search=search, types=types, order="mentions", descending=True)
    n = count_entities(db, search=search, types=types)
    assert panel.count_label.text() == f"{n:,} entit{'y' if n == 1 else 'ies'}"


def test_nothing_is_counted_on_the_gui_thread_and_an_older_count_is_dropped(qtbot, panel, db, monkeypatch):
    threads: list[threading.Thread] = []
    release = threading.Event()
    real = entity_panel.count_entities

    def recording(own, search, types):
        threads.append(threading.current_thread())
        if search == "a":
            release.wait(5)  # the older count: held until the newer one was asked for
        return real(own, search=search, types=types)

    monkeypatch.setattr(entity_panel, "count_entities", recording)
    panel.search_field.setText("a")
    panel._apply_query()
    assert panel.counting()
    panel.search_field.setText("pak")
    panel._apply_query()
    release.set()
    qtbot.waitUntil(panel.tasks.idle, timeout=5000)
    assert panel.count_label.text() == "1 entity"
    assert threads and threading.main_thread() not in threads


def test_a_write_refreshes_the_panel(qtbot, window, news_db):
    tokyo = find_entity(window.db, "Tokyo").id
    assert window.entities.model.row_of(tokyo) is not None
    before = window.entities.count_label.text()
    other = open_store(news_db)
    curation.hide(other, tokyo)
    other.close()
    window.events.announce(Change.ENTITIES)
    settle(window)
    assert window.entities.model.row_of(tokyo) is None
    assert window.entities.count_label.text() != before
