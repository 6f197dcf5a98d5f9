"""The timeline's drawing parts: series colours, time conversions, labels, a date axis in UTC and
a ViewBox that turns a left-drag into a date-range selection and a left-click into a bin click."""

from __future__ import annotations

import math
from collections import OrderedDict
from datetime import date, timedelta

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import ZoomLevel
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont

from explorer.core.store.timeline import Bin

# Okabe–Ito, with orange, sky blue, yellow and black darkened or lightened so that every colour
# keeps at least 3:1 contrast against both a white and a near-black (#1e1e1e) background.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#C48A00", "#3A93C8", "#8C8C8C", "#9A8B00")
# A second cue besides colour, for readers who cannot tell two hues apart.
SERIES_SYMBOLS = ("o", "s", "t", "d", "t1", "star", "p", "h")

_EPOCH = date(1970, 1, 1)
_DAY_SECONDS = 86_400


def to_seconds(day: date) -> float:
    """Unix seconds of ``day``'s midnight UTC (what ``DateAxisItem(utcOffset=0)`` reads)."""
    return float((day - _EPOCH).days * _DAY_SECONDS)


class _UtcZoomLevel(ZoomLevel):
    def moveTicksToLocalTimeCoords(self, ticks: np.ndarray, spacing: int, skipFactor: int) -> np.ndarray:  # noqa: N802, N803 (pyqtgraph's names)
        return ticks  # UTC: no local offset to apply


class UtcDateAxis(pg.DateAxisItem):
    """The bottom axis: dates in UTC, as ``to_seconds`` places them. pyqtgraph's own, even with
    ``utcOffset=0``, asks QDateTime for the local offset of every candidate tick only to add 0
    (30–60 ms of each paint of the axis at a million articles' range); its zoom levels here skip it."""

    def __init__(self, orientation: str = "bottom", **kwargs) -> None:
        super().__init__(orientation, utcOffset=0, **kwargs)
        self.zoomLevels = OrderedDict(
            (spacing, _UtcZoomLevel(level.tickSpecs, level.exampleText)) for spacing, level in self.zoomLevels.items()
        )


def to_day(seconds: float) -> date:
    """The UTC day a point of the time axis falls in, within the calendar's years 1 to 9999 (the
    axis goes on beyond them, and a drag may too)."""
    if not math.isfinite(seconds):
        return date.max if seconds > 0 else date.min
    days = int(seconds // _DAY_SECONDS)
    return _EPOCH + timedelta(days=min(max(days, (date.min - _EPOCH).days), (date.max - _EPOCH).days))


def bin_label(start: date, bin: Bin) -> str:
    if bin == "day":
        return f"{start:%a} {start.day} {start:%b %Y}"
    if bin == "week":
        return f"Week of {start:%a} {start.day} {start:%b %Y}"
    if bin == "month":
        return f"{start:%B %Y}"
    return f"{start.year}"


def format_count(value: float, normalised: bool) -> str:
    return f"{value:.1f}" if normalised else f"{int(value):,}"


class TimelineViewBox(pg.ViewBox):
    """Left-drag selects a time range, left-click picks a point; the wheel and the middle button
    still zoom and pan the time axis (the count axis follows the data)."""

    dragged = Signal(float, float, bool)  # start x, current x, finished
    clicked = Signal(float)  # x

    def __init__(self) -> None:
        super().__init__(enableMenu=False)
        self.setMouseEnabled(x=True, y=False)

    def mouseDragEvent(self, ev, axis=None) -> None:  # noqa: N802 (Qt override)
        if ev.button() != Qt.MouseButton.LeftButton or axis is not None:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        start = self.mapSceneToView(ev.buttonDownScenePos()).x()
        current = self.mapSceneToView(ev.scenePos()).x()
        self.dragged.emit(start, current, ev.isFinish())

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 (Qt override)
        if ev.button() != Qt.MouseButton.LeftButton:
            super().mouseClickEvent(ev)
            return
        ev.accept()
        self.clicked.emit(self.mapSceneToView(QPointF(ev.scenePos())).x())


def larger_font(font: QFont) -> QFont:
    result = QFont(font)
    result.setPointSizeF(font.pointSizeF() * 1.25)
    return result


def with_alpha(colour: QColor, alpha: int) -> QColor:
    result = QColor(colour)
    result.setAlpha(alpha)
    return result
