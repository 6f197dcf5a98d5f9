"""The paged list read in the background: each first page equal to the core's read, read off the
GUI thread, the rows shown kept until the new ones arrive, the newest request winning, and a
write's change event still refreshing the list with the current article and scroll kept."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import explorer.ui.panes.document_model as document_model
from explorer.core.store import open_store
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.notes import notes_of, set_starred
from explorer.core.store.queries import document_page, entity_page
from explorer.ui.events import Change
from explorer.ui.panes.document_model import DocumentModel
from explorer.ui.panes.entity_model import EntityModel
from explorer.ui.panes.paged_model import ID_ROLE
from explorer.ui.tasks import Tasks

pytestmark = pytest.mark.usefixtures("qapp")

SEARCHES = [None, "Pakistan", "market", "title:floods", "India OR China", "nothing-matches-this"]


@pytest.fixture
def db(news_db):
    store = open_store(news_db)
    yield store
    store.close()


def finish(model) -> None:
    """Stop the model's reads and deliver their ends (queued to this thread) while the model
    still lives: a queued end reaching a freed model crashes the process."""
    model.tasks.cancel_all()
    model.tasks.wait()
    QApplication.processEvents()


@pytest.fixture
def model(qtbot, db):
    model = DocumentModel(tasks=Tasks(), page_size=50)
    model.set_database(db)
    qtbot.waitUntil(lambda: not model.loading(), timeout=5000)
    yield model
    finish(model)


@pytest.fixture
def entity_model(db):
    model = EntityModel(tasks=Tasks(), page_size=4)
    model.set_database(db)
    yield model
    finish(model)


def ids(model) -> list[int]:
    return [model.index(row, 0).data(ID_ROLE) for row in range(model.rowCount())]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    search=st.sampled_from(SEARCHES),
    column=st.sampled_from([0, 1, 2, 3]),
    descending=st.booleans(),
)
def test_a_first_page_read_in_the_background_equals_the_core_read(qtbot, model, db, search, column, descending):
    flt = DocumentFilter(search=search)
    model.set_filter(flt)
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model.sort(column, order)
    qtbot.waitUntil(lambda: not model.loading(), timeout=5000)
    direct = document_page(db, flt, model.COLUMNS[column].sort, descending, None, 50)
    assert model.rows == direct
    assert {row.id: model.notes(row) for row in model.rows} == {
        row.id: notes_of(db, [row.id]).get(row.id) for row in direct
    }


def test_nothing_of_a_first_page_is_read_on_the_gui_thread(qtbot, model, monkeypatch):
    threads: list[threading.Thread] = []
    real = document_model.document_page

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(document_model, "document_page", recording)
    model.set_filter(DocumentFilter(search="Pakistan"))
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.reload(keep_loaded=True)
    qtbot.waitUntil(lambda: not model.loading(), timeout=5000)
    assert threads and threading.main_thread() not in threads


def test_the_rows_shown_stay_until_the_newest_request_arrives_and_older_ones_are_dropped(qtbot, model, db, monkeypatch):
    before = ids(model)
    release = threading.Event()
    real = document_model.document_page

    def slow(db, flt, *args, **kwargs):
        if flt.search == "Pakistan":  # the older request: held until the newer one has been asked
            release.wait(5)
        return real(db, flt, *args, **kwargs)

    monkeypatch.setattr(document_model, "document_page", slow)
    resets: list[list[int]] = []
    model.modelReset.connect(lambda: resets.append(ids(model)))
    model.set_filter(DocumentFilter(search="Pakistan"))
    assert model.loading() and ids(model) == before and not model.canFetchMore()
    model.set_filter(DocumentFilter(search="market"))
    release.set()
    qtbot.waitUntil(lambda: not model.loading() and model.tasks.idle(), timeout=5000)
    newest = [row.id for row in document_page(db, DocumentFilter(search="market"), "published", True, None, 50)]
    assert resets == [newest]
    assert ids(model) == newest


def test_the_entity_list_read_in_the_background_equals_the_core_read(qtbot, db, entity_model):
    entity_model.set_query("a", ["place", "person"])
    qtbot.waitUntil(lambda: not entity_model.loading(), timeout=5000)
    assert entity_model.rows == entity_page(
        db, search="a", types=("place", "person"), order="mentions", descending=True, limit=4
    )


def test_a_write_refreshes_the_list_keeping_the_current_article_and_the_scroll(qtbot, window, news_db):
    from tests.ui.conftest import settle

    documents = window.documents
    while documents.model.rowCount() < 400 and documents.model.canFetchMore():
        documents.model.fetchMore()
    documents.view.resize(600, 300)
    current = documents.model.rows[250].id
    assert documents.select_article(current)
    scroll = documents.view.verticalScrollBar().value()
    assert scroll > 0
    other = open_store(news_db)
    set_starred(other, current, True)
    other.close()
    window.events.announce(Change.NOTES)
    assert documents.model.loading()
    settle(window)
    assert documents.model.notes(documents.model.rows[250]).starred
    assert documents.model.rowCount() >= 400
    assert documents.current_article() == current
    assert documents.view.verticalScrollBar().value() == scroll
