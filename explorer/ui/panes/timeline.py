"""The timeline: how often the selected entities appear over time.

Use::

    timeline = TimelineWidget()
    timeline.set_database(db)                 # a sqlite_utils.Database for reading (GUI thread)
    timeline.set_entities([(12, "Pakistan"), (40, "India")])   # [] → articles per bin, all corpus
    timeline.bin_clicked.connect(lambda start, end: ...)       # dates, end inclusive
    timeline.range_selected.connect(lambda start, end: ...)    # dates (end inclusive) or None, None
    timeline.refresh()                        # after an import batch commits

Signals carry ``datetime.date`` values, the end day included:

- ``bin_clicked(start, end)``: the user clicked a bin; the chart marks it as the selected range.
- ``range_selected(start, end)``: the user dragged a range (or moved/resized it), snapped to whole
  days; ``(None, None)`` when "Reset range" clears it.

``set_range(start, end)`` shows a range chosen elsewhere without emitting anything.

The chart shows up to ``MAX_ENTITIES`` series (a message says when more are selected), one colour
and marker each from a colour-blind-friendly palette, over the days the data has (the entities'
own, or the corpus's): the axis never stretches to a date no article of the chart has. An
entity's line is drawn only over bins where the collection has articles; an entity with no
dated mention is a legend note, not a flat line. Bins are Auto (by range), Day, Week (from
Monday), Month or Year; the measure is mentions or articles, optionally per 100 articles of the bin.
Mentions in undated articles are counted in a label beside the chart, never plotted.

When most of a series' articles are undated a notice above the chart says so and offers what can
be drawn instead: the periods the text names, or the files' modification dates. Both are modes of
the date box, never the default, and the chart's title says which date it shows. Ranges are
selected and bins clicked only by publication date (the list filters by it). Every read runs in
a background task on a connection of its own (a search's "Matching articles" alone takes a
third of a second at a million articles; the other two modes read every article or date
mention, seconds): those two modes say "Reading…" meanwhile, publication dates keep the chart
drawn until the new one arrives. The newest request wins: an older read is cancelled and its
result dropped, so a stale chart is never painted over a newer one.
``plotted()`` returns what is drawn, for tests and for anyone wanting the numbers.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from html import escape

import pyqtgraph as pg
import sqlite_utils
from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QVBoxLayout,
    QWidget,
)

from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.story_once import series_once
from explorer.core.store.timeline import (
    CORPUS,
    TimelineData,
    next_bin_start,
    series,
    series_for_all,
    series_for_filter,
)
from explorer.core.store.timeline_modes import file_date_series, period_series
from explorer.ui.panes import timeline_words as words
from explorer.ui.panes.timeline_interaction import TimelineInteraction
from explorer.ui.panes.timeline_layout import MAX_ENTITIES, TimelineLayout
from explorer.ui.panes.timeline_plot import (
    SERIES_COLOURS,
    SERIES_SYMBOLS,
    to_seconds,
    with_alpha,
)
from explorer.ui.rich_text import literal_html
from explorer.ui.tasks import Task, Tasks, start_read

ALL_ARTICLES = "All articles"
MATCHING_ARTICLES = "Matching articles"  # the chart of a search: the articles the list shows
SYMBOLS_UP_TO = 80  # markers on every point only while bins are few enough to tell apart
SMOOTH_UP_TO = 400  # antialiased lines only up to this many bins: beyond, drawing them costs ~0.1 s
X_PADDING = 0.02  # the time axis shows the data's first to last bin, and this share more each side
MIN_VIEW_DAYS = 5  # ...and at least this many days, or the axis would tick hours of one day
READING = "Reading…"


class TimelineWidget(TimelineLayout, TimelineInteraction, QWidget):
    """Counts per bin of the selected entities (or of all articles), with range selection."""

    bin_clicked = Signal(object, object)  # start: date, end: date (inclusive)
    range_selected = Signal(object, object)  # start: date | None, end: date | None

    def __init__(self, parent: QWidget | None = None, tasks: Tasks | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks if tasks is not None else Tasks(self)
        self._reading: Task | None = None
        self._generation = 0  # of the last refresh: a read of an older one is dropped
        self._db: sqlite_utils.Database | None = None
        self._entities: list[tuple[int, str]] = []
        self._matching: DocumentFilter | None = None  # a search (or type, tag, star) narrowing the chart
        self._unmatched = ""  # why nothing can match (a search that cannot run)
        self._data: TimelineData | None = None
        self._names: dict[int, str] = {}
        self._edges: list[float] = []
        self._span: tuple[float, float] | None = None
        self._range: tuple[date, date] | None = None
        self._curves: list[pg.PlotDataItem] = []
        self._hover_html = ""
        self._build_controls()
        self._build_plot()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(self._controls)
        layout.addWidget(self.notice)
        layout.addWidget(self.plot_widget, 1)
        self._apply_palette()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)

    # ----------------------------------------------------------------- public API

    def set_database(self, db: sqlite_utils.Database | None) -> None:
        """Read from ``db`` from now on (None shows nothing); clears the selected range and goes
        back to publication dates (the other modes are never where a database opens)."""
        self._db = db
        self._data = None  # another library's chart is never left standing while this one is read
        self._span = None
        self._hide_region()
        self.basis_box.blockSignals(True)
        self.set_basis("published")
        self.basis_box.blockSignals(False)
        self.refresh()

    def set_entities(self, entities: list[tuple[int, str]]) -> None:
        """Plot these (entity id, display name) pairs, the first ``MAX_ENTITIES`` of them."""
        self._entities = list(entities)
        self.refresh()

    def set_matching(self, flt: DocumentFilter | None, unmatched: str = "") -> None:
        """Follow the list: with ``flt`` the chart counts the articles it selects (its dates aside:
        they are the chart's own selection); ``unmatched`` says why no article can match. Read at
        the next refresh (``set_entities`` refreshes)."""
        narrowing = flt is not None and replace(flt, entity_ids=(), date_from=None, date_to=None) != DocumentFilter()
        self._matching = replace(flt, date_from=None, date_to=None) if narrowing else None
        self._unmatched = unmatched

    def basis(self) -> str:
        """Which date places an article: "published", "mentioned" or "file" (see ``words.BASES``)."""
        return self.basis_box.currentData()

    def set_basis(self, basis: str) -> None:
        """Plot by publication date, by the periods mentioned, or by file date."""
        self.basis_box.setCurrentIndex(self.basis_box.findData(basis))

    def set_range(self, start: date | None, end: date | None) -> None:
        """Show a date range chosen elsewhere (None, None hides it); emits nothing."""
        if start is None or end is None:
            self._hide_region()
            return
        self._show_region(start, end)

    def reset_range(self) -> None:
        """Clear the selected range, show the whole span and emit ``range_selected(None, None)``."""
        self._hide_region()
        self._fit_x()
        self.range_selected.emit(None, None)

    def refresh(self) -> None:
        """Re-read the counts (after a change of data, entities or controls) in the background
        (``reading()``) and redraw when they arrive, cancelling an older read."""
        shown = self._entities[:MAX_ENTITIES]
        names = {entity_id: name for entity_id, name in shown} or {CORPUS: ALL_ARTICLES}
        if self._follows_list():
            names = {CORPUS: MATCHING_ARTICLES}
        self._generation += 1
        if self._reading is not None and self._reading.running:
            self._reading.cancel()
        self._reading = None
        if self._db is None or self._unmatched:
            self._names = names
            self._show(None, len(shown))
            return
        if self.basis() != "published" or self._data is None:
            self._names = names
            self._show(None, len(shown), READING)
        else:
            self._update_enabled()  # the drawn chart stays until the new one arrives
        generation = self._generation
        self._reading = start_read(
            self.tasks,
            self._db,
            self._reader(shown),
            lambda data, error: self._read(generation, names, len(shown), data, error),
        )

    def reading(self) -> bool:
        """A background read is under way (the chart drawn stays, or says "Reading…")."""
        return self._reading is not None and self._reading.running

    def _read(self, generation: int, names: dict[int, str], shown: int, data: TimelineData | None, error: str) -> None:
        if generation != self._generation:
            return  # superseded by a newer refresh
        self._reading = None
        self._names = names
        if error:
            self._show(None, shown, f"The timeline could not be read: {error}")
        elif data is not None:
            self._show(data, shown)

    def _show(self, data: TimelineData | None, shown: int, empty: str = "") -> None:
        """Draw ``data``; with none, ``empty`` (or why nothing can match) in the middle."""
        self._data = data
        self._update_controls(shown)
        self._redraw()
        if self._unmatched or empty:
            self._show_empty(self._unmatched or empty)

    def _follows_list(self) -> bool:
        """With no entity chosen, the chart of publication dates counts what the list selects."""
        return self._matching is not None and not self._entities and self.basis() == "published"

    def data(self) -> TimelineData | None:
        """The numbers behind the chart (None without a database)."""
        return self._data

    def plotted(self) -> dict[str, tuple[list[date], list[float]]]:
        """What is drawn: series name → (bin starts, counts), in legend order (undrawn series left out)."""
        if self._data is None:
            return {}
        skipped = words.undrawn(self._data) if self._data.starts else set()
        return {
            self._names[key]: (list(self._data.starts), list(values))
            for key, values in self._data.counts.items()
            if key not in skipped
        }

    def not_drawn(self) -> list[str]:
        """Names of the series with nothing to place (a legend note says why)."""
        if self._data is None:
            return []
        return [self._names[key] for key in self._data.counts if key in words.undrawn(self._data)]

    def notice_text(self) -> str:
        """The notice above the chart ("" when hidden)."""
        return self.notice_label.text() if self.notice.isVisibleTo(self) else ""

    def undated(self) -> dict[str, int]:
        """Undated counts by series name (shown beside the chart, not plotted)."""
        if self._data is None:
            return {}
        return {self._names[key]: n for key, n in self._data.undated.items()}

    def hover_html(self) -> str:
        """The hover box's current content (empty when hidden)."""
        return self._hover_html if self.hover_text.isVisible() else ""

    # ----------------------------------------------------------------- data

    def _reader(self, shown: list[tuple[int, str]]) -> Callable[[sqlite_utils.Database], TimelineData]:
        """The read of the chart as it is set now, on any connection."""
        bin, measure = self.bin_box.currentData(), self.measure_box.currentData()
        ids = [entity_id for entity_id, _ in shown]
        if self.basis() == "mentioned":
            return lambda db: period_series(db, ids, bin=bin)
        if self.basis() == "file":
            return lambda db: file_date_series(db, ids, bin=bin, measure=measure)
        if self._follows_list():
            matching = self._matching
            return lambda db: series_for_filter(db, matching, bin)
        if not shown:
            return lambda db: series_for_all(db, bin)
        normalise = self.normalise_box.isChecked()
        if self._matching is not None and self._matching.once and not normalise:  # each story once
            return lambda db: series_once(db, series(db, ids, bin=bin, measure=measure))
        return lambda db: series(db, ids, bin=bin, measure=measure, normalise=normalise)

    def _update_enabled(self) -> None:
        has_entities = bool(self._entities)
        self.measure_box.setEnabled(has_entities and self.basis() != "mentioned")
        self.normalise_box.setEnabled(has_entities and self.basis() == "published")

    def _update_controls(self, shown: int) -> None:
        self._update_enabled()
        chosen = self._data.bin if self._data else None
        self.bin_box.setItemText(0, f"Auto ({chosen})" if chosen else "Auto")
        hidden = len(self._entities) - shown
        self.message_label.setVisible(hidden > 0)
        self.message_label.setText(
            f"Showing the first {shown} of {len(self._entities)} selected entities" if hidden > 0 else ""
        )
        self._update_undated_label()
        self._update_notice()

    def _update_undated_label(self) -> None:
        text, tooltip = words.undated_label(self._data, self._names) if self._data else ("", "")
        self.undated_label.setVisible(bool(text))
        if text:
            self.undated_label.setText(text)
            self.undated_label.setToolTip(literal_html(tooltip))

    def _update_notice(self) -> None:
        text = words.notice(self._data, self._names) if self._data else ""
        self.notice_label.setText(text)
        self.notice.setVisible(bool(text))

    def _y_label(self) -> str:
        if self._data is None:
            return ""
        if self._data.basis == "mentioned":
            return "mentions of the period"
        if not self._entities:
            return "articles"
        return f"{self._data.measure} per 100 articles" if self._data.normalised else self._data.measure

    def _on_basis_changed(self) -> None:
        """Ranges and clicked bins filter the list by publication date: shown only in that mode."""
        self._span = None
        self.region.setVisible(self.basis() == "published" and self._range is not None)
        self.refresh()

    # ----------------------------------------------------------------- drawing

    def _redraw(self) -> None:
        for curve in self._curves:
            self.plot_item.removeItem(curve)
        self._curves = []
        self.legend.clear()
        self._hide_hover()
        data = self._data
        if data is None or not data.starts:
            self._edges = []
            self._span = None
            self._show_empty(words.empty_message(data, self._names))
            return
        self.empty_text.setVisible(False)
        for name in ("bottom", "left"):
            self.plot_item.showAxis(name)
        title = words.title(data)
        text_colour = self.palette().color(QPalette.ColorRole.Text).name()
        self.plot_item.setTitle(escape(title) if title else None, color=text_colour)
        self.plot_item.setLabel("bottom", words.AXIS_LABELS[data.basis])
        self._edges = [to_seconds(start) for start in data.starts]
        self._edges.append(to_seconds(next_bin_start(data.starts[-1], data.bin)))
        centres = [(a + b) / 2 for a, b in zip(self._edges, self._edges[1:], strict=False)]
        background = self.palette().color(QPalette.ColorRole.Base)
        skipped = words.undrawn(data)
        for index, (key, values) in enumerate(data.counts.items()):
            curve = self._make_curve(index, key, self._drawn_values(key, values), centres, background)
            name = escape(self._names[key])  # pyqtgraph labels are HTML
            if key in skipped:  # the legend's sample keeps the undrawn curve
                self.legend.addItem(curve, f"{name}: <i>{words.legend_note(data)}</i>")
                continue
            self.plot_item.addItem(curve)
            self.legend.addItem(curve, name)
            self._curves.append(curve)
        self.plot_item.setLabel("left", self._y_label())
        span = (self._edges[0], self._edges[-1])
        if span != self._span:
            self._span = span
            self._fit_x()
        else:
            self._fit_y()

    def _drawn_values(self, key: int, values: list[float]) -> list[float]:
        """An entity's counts, left out (NaN, a gap) where the collection has no article at all."""
        covered = self._data.covered
        if key == CORPUS or covered is None:
            return values
        return [value if has_articles else float("nan") for value, has_articles in zip(values, covered, strict=False)]

    def _make_curve(
        self, index: int, key: int, values: list[float], centres: list[float], background: QColor
    ) -> pg.PlotDataItem:
        colour = QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])
        if key == CORPUS:
            # One series: a stepped area reads as a histogram of the corpus.
            return pg.PlotDataItem(
                self._edges,
                values,
                stepMode="center",
                fillLevel=0,
                antialias=True,
                pen=pg.mkPen(colour, width=1.5),
                brush=with_alpha(colour, 90),
            )
        points = len(values) if self._data.covered is None else sum(self._data.covered)
        symbols = points <= SYMBOLS_UP_TO  # also where gaps would leave a lone point without a line
        return pg.PlotDataItem(
            centres,
            values,
            antialias=len(values) <= SMOOTH_UP_TO,
            pen=pg.mkPen(colour, width=2),
            connect="finite",
            autoDownsample=True,
            downsampleMethod="peak",
            symbol=SERIES_SYMBOLS[index % len(SERIES_SYMBOLS)] if symbols else None,
            symbolSize=7,
            symbolBrush=colour,
            symbolPen=pg.mkPen(background, width=1),
        )

    def _show_empty(self, text: str) -> None:
        """Words in the middle of an empty plot, and no axes: numbers without data mean nothing."""
        for name in ("bottom", "left"):
            self.plot_item.hideAxis(name)
        self.plot_item.setTitle(None)
        self.empty_text.setText(text)
        self.empty_text.setVisible(bool(text))
        self.view_box.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
        self.empty_text.setPos(0.5, 0.5)

    def _fit_x(self) -> None:
        if self._span:
            low, high = self._span
            widen = max(0.0, MIN_VIEW_DAYS * 86_400 - (high - low) * (1 + 2 * X_PADDING)) / 2
            self.view_box.setXRange(low - widen, high + widen, padding=X_PADDING)
        self._fit_y()

    def _fit_y(self) -> None:
        """From 0 to a little above the highest count in view: counts read against zero."""
        if self._data is None or len(self._edges) < 2:
            return
        x0, x1 = self.view_box.viewRange()[0]
        first = max(0, bisect.bisect_right(self._edges, x0) - 1)
        last = bisect.bisect_left(self._edges, x1)
        top = max((max(values[first:last], default=0) for values in self._data.counts.values()), default=0)
        self.view_box.setYRange(0, top or 1, padding=0.05)
