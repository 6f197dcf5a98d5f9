"""The timeline's widgets: the boxes above the chart, the undated notice, the plot with its legend,
range, hover line and empty text, and their colours from the application's palette. A mixin of
``TimelineWidget``, which owns the behaviour (as ``TimelineInteraction`` owns the mouse)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy

from explorer.core.store.timeline import BINS
from explorer.ui.panes import timeline_words as words
from explorer.ui.panes.timeline_plot import SERIES_COLOURS, TimelineViewBox, UtcDateAxis, larger_font, with_alpha

MAX_ENTITIES = len(SERIES_COLOURS)


class TimelineLayout:
    """Builds and colours the timeline's widgets; the slots it connects are ``TimelineWidget``'s."""

    def _build_controls(self) -> None:
        self.basis_box = QComboBox()
        for basis, text in words.BASES.items():
            self.basis_box.addItem(text, basis)
        self.basis_box.setToolTip(
            "Which date places an article: its publication date, the periods its text names, or the"
            " day its file was last modified (which is not when it was published)"
        )
        self.bin_box = QComboBox()
        self.bin_box.addItem("Auto", "auto")
        for bin in BINS:
            self.bin_box.addItem(bin.capitalize(), bin)
        self.bin_box.setToolTip("Bin size: Auto picks day, week, month or year from the date range")
        self.measure_box = QComboBox()
        self.measure_box.addItem("Mentions", "mentions")
        self.measure_box.addItem("Articles", "articles")
        self.measure_box.setToolTip("Count every mention, or each article mentioning the entity once")
        self.normalise_box = QCheckBox("per 100 articles")
        self.normalise_box.setToolTip("Divide by the number of articles published in the bin")
        self.reset_button = QPushButton("Reset range")
        self.reset_button.setToolTip("Clear the selected date range and show the whole time span")
        self.message_label = QLabel()
        self.message_label.setVisible(False)
        self.undated_label = QLabel()
        self.undated_label.setVisible(False)
        self._controls = QHBoxLayout()
        for widget in (
            self.basis_box,
            QLabel("Bin"),
            self.bin_box,
            self.measure_box,
            self.normalise_box,
            self.reset_button,
        ):
            self._controls.addWidget(widget)
        self._controls.addSpacing(12)
        self._controls.addWidget(self.message_label)
        self._controls.addStretch(1)
        self._controls.addWidget(self.undated_label)
        self.basis_box.currentIndexChanged.connect(self._on_basis_changed)
        self.bin_box.currentIndexChanged.connect(self.refresh)
        self.measure_box.currentIndexChanged.connect(self.refresh)
        self.normalise_box.toggled.connect(self.refresh)
        self.reset_button.clicked.connect(self.reset_range)
        self._build_notice()

    def _build_notice(self) -> None:
        """Above the chart: how much of the collection is undated, and what can be drawn instead."""
        self.notice = QFrame()
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice_label = QLabel()
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_label.setWordWrap(True)
        self.periods_button = QPushButton("Show periods mentioned in the text")
        self.periods_button.setToolTip(
            'Plot the periods the articles name ("March 2009"), not when they were published'
        )
        self.file_dates_button = QPushButton("Show file dates (not publication dates)")
        self.file_dates_button.setToolTip(
            "Plot the day each file was last modified: when it was copied, which need not be when it was published"
        )
        self.periods_button.clicked.connect(lambda: self.set_basis("mentioned"))
        self.file_dates_button.clicked.connect(lambda: self.set_basis("file"))
        layout = QHBoxLayout(self.notice)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.notice_label, 1)
        layout.addWidget(self.periods_button)
        layout.addWidget(self.file_dates_button)
        self.notice.setVisible(False)

    def _build_plot(self) -> None:
        """A legend row above the plot, so that it never hides data."""
        self.view_box = TimelineViewBox()
        self.plot_widget = pg.GraphicsLayoutWidget()
        self.plot_widget.setMinimumHeight(160)
        self.legend = pg.LegendItem(colCount=MAX_ENTITIES, verSpacing=-4)
        self.legend.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.plot_widget.addItem(self.legend, row=0, col=0)
        self.plot_widget.ci.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignLeft)
        self.plot_item = self.plot_widget.addPlot(
            row=1,
            col=0,
            viewBox=self.view_box,
            axisItems={"bottom": UtcDateAxis()},
        )
        self.plot_item.hideButtons()
        self.plot_item.showGrid(x=False, y=True, alpha=0.15)
        self.view_box.sigXRangeChanged.connect(self._fit_y)
        self.region = pg.LinearRegionItem(movable=True)
        self.region.setZValue(-10)
        self.region.setVisible(False)
        self.plot_item.addItem(self.region, ignoreBounds=True)
        self.hover_line = pg.InfiniteLine(angle=90, movable=False)
        self.hover_line.setVisible(False)
        self.plot_item.addItem(self.hover_line, ignoreBounds=True)
        self.hover_text = pg.TextItem(anchor=(0, 0))
        self.hover_text.setZValue(20)
        self.hover_text.setVisible(False)
        self.plot_item.addItem(self.hover_text, ignoreBounds=True)
        self.empty_text = pg.TextItem(anchor=(0.5, 0.5))
        self.empty_text.setFont(larger_font(self.font()))
        self.empty_text.setVisible(False)
        self.plot_item.addItem(self.empty_text, ignoreBounds=True)
        self.view_box.dragged.connect(self._on_drag)
        self.view_box.clicked.connect(self._on_click)
        self.region.sigRegionChangeFinished.connect(self._on_region_moved)
        self.plot_widget.scene().sigMouseMoved.connect(self._on_mouse_moved)

    def _apply_palette(self) -> None:
        """Follow the application's light or dark palette rather than pyqtgraph's black."""
        palette = self.palette()
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        self.plot_widget.setBackground(base)
        for name in ("bottom", "left"):
            axis = self.plot_item.getAxis(name)
            axis.setPen(text)
            axis.setTextPen(text)
        self.legend.setLabelTextColor(text)
        self.legend.setBrush(with_alpha(base, 200))
        self.hover_text.fill = pg.mkBrush(with_alpha(base, 235))
        self.hover_text.border = pg.mkPen(text)
        self.hover_line.setPen(pg.mkPen(with_alpha(text, 90), width=1))
        highlight = palette.color(QPalette.ColorRole.Highlight)
        self.region.setBrush(with_alpha(highlight, 50))
        self.region.setHoverBrush(with_alpha(highlight, 80))
        for line in self.region.lines:
            line.setPen(pg.mkPen(highlight, width=1))
            line.setHoverPen(pg.mkPen(highlight, width=3))
        self.empty_text.setColor(text)
        self._redraw()
