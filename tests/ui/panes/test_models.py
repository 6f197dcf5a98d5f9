"""The list models: Qt's model checks, paging by fetchMore, sorting and filtering done in SQL."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from explorer.core.store import open_store
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.notes import add_tag, set_note, set_starred
from explorer.core.store.queries import count_documents, count_entities, document_page, entity_page
from explorer.ui.panes.document_model import DocumentModel
from explorer.ui.panes.entity_model import EntityModel
from explorer.ui.panes.paged_model import ID_ROLE
from explorer.ui.widgets.table_view import make_table
from tests.ui.conftest import FILLER, STORIES

pytestmark = pytest.mark.usefixtures("qapp")  # icons and fonts need a QApplication


@pytest.fixture
def db(news_db):
    return open_store(news_db)


def fetch_all(model) -> list[tuple[int, int]]:
    """Fetch every page, recording each rowsInserted range."""
    inserted = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return inserted


def test_document_model_passes_qt_checks_while_paging(qtmodeltester, db):
    model = DocumentModel(page_size=50)
    model.set_database(db)
    total = len(STORIES) + FILLER
    assert model.rowCount() == 50 and model.canFetchMore(QModelIndex())
    inserted = fetch_all(model)
    assert inserted == [(first, min(first + 49, total - 1)) for first in range(50, total, 50)]
    assert model.rowCount() == total == count_documents(db)
    assert not model.canFetchMore(QModelIndex())
    ids = [model.index(row, 0).data(ID_ROLE) for row in range(model.rowCount())]
    assert len(set(ids)) == total
    qtmodeltester.check(model, force_py=True)


def test_document_model_shows_dates_sources_and_counts(db):
    model = DocumentModel()
    model.set_database(db)
    model.set_filter(DocumentFilter(search="floods"))
    assert model.rowCount() == 1
    row = [model.index(0, column).data() for column in range(4)]
    assert row == ["Floods in Pakistan", "20 Aug 2023", "Reuters", 2]
    assert model.index(0, 3).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    model.set_filter(DocumentFilter(search="undated"))
    assert model.index(0, 1).data() == "undated"
    assert model.index(0, 1).data(Qt.ItemDataRole.FontRole).italic()


@pytest.mark.parametrize("column", range(4))
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_document_model_sorts_in_sql(db, column, order):
    model = DocumentModel(page_size=64)
    model.set_database(db)
    model.sort(column, order)
    fetch_all(model)
    shown = [model.index(row, 0).data(ID_ROLE) for row in range(model.rowCount())]
    expected = document_page(
        db, DocumentFilter(), model.COLUMNS[column].sort, order == Qt.SortOrder.DescendingOrder, limit=10_000
    )
    assert shown == [row.id for row in expected]


def test_entity_model_passes_qt_checks_and_filters(qtmodeltester, db):
    model = EntityModel(page_size=3)
    model.set_database(db)
    assert [model.index(row, 0).data() for row in range(2)] == ["Tokyo", "Pakistan"]
    assert model.index(2, 0).data() in ("China", "India")  # three mentions each
    inserted = fetch_all(model)
    assert inserted[0] == (3, 5)
    assert model.rowCount() == count_entities(db) == 9  # every name but Reuters (only a source)
    model.set_query("", ["person"])
    assert sorted(model.index(row, 0).data() for row in range(model.rowCount())) == ["Shehbaz Sharif", "Xi Jinping"]
    model.set_query("xi", ["person", "organisation"])
    fetch_all(model)
    assert sorted(model.index(row, 0).data() for row in range(model.rowCount())) == ["Xi Jinping", "Xinhua"]
    assert model.index(0, 1).data(Qt.ItemDataRole.DecorationRole) is not None
    qtmodeltester.check(model, force_py=True)


@pytest.mark.parametrize("column", range(4))
def test_entity_model_sorts_in_sql(db, column):
    model = EntityModel(page_size=4)
    model.set_database(db)
    model.sort(column, Qt.SortOrder.AscendingOrder)
    fetch_all(model)
    shown = [model.index(row, 0).data(ID_ROLE) for row in range(model.rowCount())]
    expected = entity_page(db, order=model.COLUMNS[column].sort, descending=False, limit=1000)
    assert shown == [row.id for row in expected]


def test_reload_keeps_loaded_rows(db):
    model = DocumentModel(page_size=100)
    model.set_database(db)
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.reload(keep_loaded=True)
    assert model.rowCount() == 300 and model.canFetchMore(QModelIndex())
    model.reload()
    assert model.rowCount() == 100


def test_document_model_shows_stars_tags_and_notes_and_passes_qt_checks(qtmodeltester, db):
    ids = [row.id for row in document_page(db, limit=3)]
    set_starred(db, ids[0], True)
    add_tag(db, ids[0], "trade")
    add_tag(db, ids[0], "asia")
    set_note(db, ids[1], "ask the desk")
    model = DocumentModel(page_size=50)
    model.set_database(db)
    fetch_all(model)
    tags = DocumentModel.TAGS_COLUMN
    assert [model.index(row, tags).data() for row in range(3)] == ["asia, trade", "✎", ""]
    assert "Note: ask the desk" in model.index(1, tags).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(2, tags).data(Qt.ItemDataRole.ToolTipRole) is None
    star, blank = (model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) for row in (0, 2))
    assert star.pixmap(14).toImage() != blank.pixmap(14).toImage()  # a drawn star, a blank of the same size
    assert star.pixmap(14).size() == blank.pixmap(14).size()
    assert "★" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    changed = []
    model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.column())))
    set_starred(db, ids[2], True)
    model.refresh_notes(ids[2])
    assert changed == [(2, tags)]
    assert model.index(2, 0).data(Qt.ItemDataRole.DecorationRole).pixmap(14).toImage() == star.pixmap(14).toImage()
    qtmodeltester.check(model, force_py=True)


def test_a_click_on_the_tags_header_keeps_the_sort(db):
    model = DocumentModel()
    model.set_database(db)
    view = make_table(model, multi_select=False)
    before = [row.id for row in model.rows]
    view.horizontalHeader().sectionClicked.emit(DocumentModel.TAGS_COLUMN)
    view.sortByColumn(DocumentModel.TAGS_COLUMN, Qt.SortOrder.AscendingOrder)
    assert (model.sort_column, model.descending) == (DocumentModel.DATE_COLUMN, True)
    assert view.horizontalHeader().sortIndicatorSection() == DocumentModel.DATE_COLUMN
    assert [row.id for row in model.rows] == before
