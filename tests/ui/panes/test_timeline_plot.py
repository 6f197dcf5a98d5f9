"""The timeline's UTC date axis: the same ticks and labels as pyqtgraph's ``DateAxisItem`` with
``utcOffset=0``, without its per-tick local-time lookups."""

from __future__ import annotations

from datetime import date

import pyqtgraph as pg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QFontMetrics

from explorer.ui.panes.timeline_plot import UtcDateAxis, to_seconds

pytestmark = pytest.mark.usefixtures("qapp")


def measured(axis: pg.DateAxisItem) -> pg.DateAxisItem:
    axis.fontMetrics = QFontMetrics(QFont())  # what a paint sets before asking for ticks
    return axis


@settings(max_examples=25, deadline=None)
@given(
    start=st.dates(min_value=date(1971, 1, 1), max_value=date(2090, 1, 1)),
    days=st.integers(min_value=1, max_value=40_000),
    pixels=st.integers(min_value=80, max_value=3000),
)
def test_the_utc_axis_places_and_labels_ticks_as_pyqtgraphs_does_at_utc(start, days, pixels):
    low = to_seconds(start)
    high = low + days * 86_400.0
    ours, theirs = measured(UtcDateAxis()), measured(pg.DateAxisItem(orientation="bottom", utcOffset=0))
    mine, reference = ours.tickValues(low, high, pixels), theirs.tickValues(low, high, pixels)
    assert [(spacing, list(ticks)) for spacing, ticks in mine] == [
        (spacing, list(ticks)) for spacing, ticks in reference
    ]
    for spacing, ticks in mine:
        assert ours.tickStrings(ticks, 1, spacing) == theirs.tickStrings(ticks, 1, spacing)
