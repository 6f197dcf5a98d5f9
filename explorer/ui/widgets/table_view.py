"""The table view both lists use: whole rows, sortable headers, compact rows, no grid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from explorer.ui.panes.paged_model import PagedTableModel


def make_table(
    model: PagedTableModel, *, multi_select: bool, stretch_column: int = 0, parent: QWidget | None = None
) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi_select
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    character = view.fontMetrics().averageCharWidth()
    for section, column in enumerate(model.COLUMNS):
        if column.width:
            header.resizeSection(section, column.width * character + 16)
    # The indicator first: enabling sorting sorts the model by whatever the indicator shows.
    header.setSortIndicator(
        model.sort_column, Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder
    )
    view.setSortingEnabled(True)
    header.sortIndicatorChanged.connect(lambda column, _order: _keep_indicator_sortable(header, model, column))
    return view


def _keep_indicator_sortable(header: QHeaderView, model: PagedTableModel, column: int) -> None:
    """A click on a column that cannot sort puts the indicator back where the model sorts."""
    if 0 <= column < len(model.COLUMNS) and not model.COLUMNS[column].sort:
        header.setSortIndicator(
            model.sort_column, Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder
        )
