"""The mouse on the timeline: a click selects a bin, a drag a range, hovering shows a bin's counts.

Mixed into ``TimelineWidget``, which owns the chart items and the data these methods read.
"""

from __future__ import annotations

import bisect
from datetime import date, timedelta
from html import escape

from PySide6.QtCore import QEvent, QPointF
from PySide6.QtGui import QPalette

from explorer.ui.panes import timeline_words as words
from explorer.ui.panes.timeline_plot import SERIES_COLOURS, bin_label, format_count, to_day, to_seconds


class TimelineInteraction:
    def _bin_at(self, x: float) -> int | None:
        if len(self._edges) < 2 or not self._edges[0] <= x < self._edges[-1]:
            return None
        return bisect.bisect_right(self._edges, x) - 1

    def _on_click(self, x: float) -> None:
        index = self._bin_at(x)
        if index is None or self._data is None or self._data.basis != "published":
            return
        start, end = self._data.starts[index], self._data.end(index)
        self._show_region(start, end)
        self.bin_clicked.emit(start, end)

    def _on_drag(self, start_x: float, current_x: float, finished: bool) -> None:
        if self.basis() != "published":
            return
        low, high = sorted((start_x, current_x))
        self.region.blockSignals(True)
        self.region.setRegion((low, high))
        self.region.blockSignals(False)
        self.region.setVisible(True)
        if finished:
            self._emit_region()

    def _on_region_moved(self) -> None:
        if self.region.isVisible():
            self._emit_region()

    def _emit_region(self) -> None:
        """Snap the region to whole days and tell the listeners."""
        low, high = self.region.getRegion()
        start = to_day(low)
        last = to_day(high)
        end = max(start, last - timedelta(days=1) if high % 86_400 == 0 and last > date.min else last)
        self._show_region(start, end)
        self.range_selected.emit(start, end)

    def _show_region(self, start: date, end: date) -> None:
        self._range = (start, end)
        self.region.blockSignals(True)
        self.region.setRegion((to_seconds(start), to_seconds(end) + 86_400))
        self.region.blockSignals(False)
        self.region.setVisible(self.basis() == "published")

    def _hide_region(self) -> None:
        self._range = None
        self.region.setVisible(False)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        if not self.view_box.sceneBoundingRect().contains(scene_pos):
            self._hide_hover()
            return
        point = self.view_box.mapSceneToView(scene_pos)
        index = self._bin_at(point.x())
        if index is None or self._data is None:
            self._hide_hover()
            return
        self._show_hover(index, point.y())

    def _show_hover(self, index: int, y: float) -> None:
        """A box beside the bin: its dates, then each series' count, the nearest one in bold."""
        data = self._data
        skipped = words.undrawn(data)
        values = {key: series_values[index] for key, series_values in data.counts.items() if key not in skipped}
        nearest = min(values, key=lambda key: abs(values[key] - y))
        rows = [f"<b>{escape(bin_label(data.starts[index], data.bin))}</b>"]
        empty_bin = data.covered is not None and not data.covered[index]
        for key, value in values.items():
            colour = SERIES_COLOURS[list(data.counts).index(key) % len(SERIES_COLOURS)]
            count = "no dated article" if empty_bin else format_count(value, data.normalised)
            text = f"{escape(self._names[key])}: {count}"
            if key == nearest and len(values) > 1:
                text = f"<b>{text}</b>"
            rows.append(f'<span style="background-color:{colour}">&nbsp;&nbsp;&nbsp;</span>&nbsp;{text}')
        self._hover_html = "<br>".join(rows)
        self.hover_text.setHtml(
            f'<div style="color:{self.palette().color(QPalette.ColorRole.Text).name()}">{self._hover_html}</div>'
        )
        left, right = self._edges[index], self._edges[index + 1]
        (x0, x1), (_, y1) = self.view_box.viewRange()
        on_left_half = (left + right) / 2 < (x0 + x1) / 2
        self.hover_text.setAnchor((0, 0) if on_left_half else (1, 0))
        self.hover_text.setPos(right if on_left_half else left, y1 - 4 * self.view_box.viewPixelSize()[1])
        self.hover_text.setVisible(True)
        self.hover_line.setPos((left + right) / 2)
        self.hover_line.setVisible(True)

    def _hide_hover(self) -> None:
        self.hover_text.setVisible(False)
        self.hover_line.setVisible(False)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        self._hide_hover()
        super().leaveEvent(event)
