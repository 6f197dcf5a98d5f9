"""The co-occurrence network tab: the top entities under the window's filters, joined where
they share sentences more often than chance.

Nodes are sized by mentions (area grows with the count) and coloured by type; edges are as thick
and opaque as the pair's NPMI. The wheel zooms, dragging the background pans, dragging a node
moves it. Hovering shows counts; clicking a node reports ``entity_clicked``; clicking an edge
lists the sentences where the two appear together beside the graph (read in the background too).

Labels keep the font's size at any zoom (they ignore the view's scale); to stay legible when the
whole graph is fitted into a small tab, only the most mentioned nodes, the nodes drawn large
enough on screen and the ones a click brought forward are labelled. Zooming in labels more.

The network is read and laid out in one background task on its own connection (the
co-occurrence reads take seconds at a million articles); the tab says "reading…" meanwhile, and
a newer filter cancels the older read, whose result is dropped if it comes anyway. The tab is
only recomputed while visible: a filter change while hidden marks it stale.
"""

from __future__ import annotations

import math

import sqlite_utils
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPalette,
    QPen,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from explorer.core.analysis.network import Edge, Network, build_network, network_types, spring_positions
from explorer.core.store.detail import cooccurrence_kwic
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.queries import EntityRow
from explorer.ui.entity_style import type_colour
from explorer.ui.rich_text import literal_html
from explorer.ui.tasks import Task, Tasks, start_read
from explorer.ui.widgets.empty_state import EmptyMessage, network_empty

SCALE = 420.0  # layout units ([-1, 1]) → scene pixels
MIN_RADIUS, MAX_RADIUS = 5.0, 28.0
DEFAULT_TOP = 50
MAX_TOP = 400  # networkx lays out 500 nodes and more only with scipy, which is not installed
ZOOM_STEP = 1.15
ALWAYS_LABELLED = 12  # the most mentioned nodes keep their label at any zoom
LABEL_FROM_RADIUS = 7.0  # other nodes are labelled once drawn this large on screen (pixels)
MAX_ASPECT = 5.0  # how much wider than high the layout may be stretched to fill the tab
FIT_MARGIN = 12  # pixels around the fitted graph
MAX_FIT_SCALE = 2.0  # a small graph is not blown up beyond this


def _read_and_lay_out(
    db: sqlite_utils.Database, flt: DocumentFilter, types: list[str], top: int, min_count: int
) -> tuple[Network, dict[int, tuple[float, float]]]:
    """The network and its spring layout: the one job of a refresh (the read and layout both take long)."""
    network = build_network(db, flt, types=types, top=top, min_count=min_count)
    return network, spring_positions(network)


class NodeItem(QGraphicsEllipseItem):
    def __init__(self, row: EntityRow, radius: float, view: NetworkView) -> None:
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self.row, self.radius, self._view = row, radius, view
        self.edges: list[EdgeItem] = []
        colour = type_colour(row.type)
        self.setBrush(QBrush(colour))
        self.setPen(QPen(colour.darker(140), 1))
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(2)
        self.setToolTip(literal_html(f"{row.name}\n{row.type}\n{row.mentions:,} mentions in {row.articles:,} articles"))
        self.label = QGraphicsSimpleTextItem(row.name, self)
        self.label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.label.setPos(radius, 0)
        self.label.setTransform(QTransform.fromTranslate(3, -self.label.boundingRect().height() / 2))
        self._pressed_at: QPointF | None = None

    def itemChange(self, change, value):  # noqa: N802 (Qt override)
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:
                edge.follow()
        return super().itemChange(change, value)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._pressed_at = event.scenePos()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if self._pressed_at is not None and (event.scenePos() - self._pressed_at).manhattanLength() < 3:
            self._view.node_clicked(self)
        self._pressed_at = None


class EdgeItem(QGraphicsLineItem):
    def __init__(self, edge: Edge, a: NodeItem, b: NodeItem, view: NetworkView, colour: QColor) -> None:
        super().__init__()
        self.edge, self.a, self.b, self._view = edge, a, b, view
        colour = QColor(colour)
        colour.setAlphaF(0.25 + 0.6 * max(0.0, min(1.0, edge.npmi)))
        pen = QPen(colour, 0.6 + 5.0 * max(0.0, edge.npmi))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.setPen(pen)
        self.setZValue(1)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(
            literal_html(
                f"{a.row.name} — {b.row.name}\n{edge.together:,} sentences together\n"
                f"log-likelihood {edge.llr:,.1f}, NPMI {edge.npmi:.2f}"
            )
        )
        a.edges.append(self)
        b.edges.append(self)
        self.follow()

    def follow(self) -> None:
        self.setLine(self.a.pos().x(), self.a.pos().y(), self.b.pos().x(), self.b.pos().y())

    def shape(self):  # noqa: N802 (Qt override): a wider band than the pen, easier to click
        path = super().shape()
        return path if self.pen().widthF() >= 6 else _widened(self, 6)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        event.accept()
        self._view.edge_clicked(self)


def _widened(item: QGraphicsLineItem, width: float) -> QPainterPath:
    path = QPainterPath()
    path.moveTo(item.line().p1())
    path.lineTo(item.line().p2())
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    return stroker.createStroke(path)


class ZoomingView(QGraphicsView):
    """Wheel zooms around the pointer; dragging the background pans."""

    scaled = Signal(float)  # the scene's scale on screen, after a fit or a zoom

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self._zoomed = False
        self._graph = QRectF()
        self._label_size = QSizeF()

    def fit_graph(self, nodes: QRectF, label_size: QSizeF) -> None:
        """Fit these node bounds, keeping room in pixels for labels of up to ``label_size``
        (they do not scale, so a scene margin alone would clip them at the edges)."""
        self._graph, self._label_size = QRectF(nodes), QSizeF(label_size)
        self.fit()

    def fit(self) -> None:
        """Show the whole graph (again after a resize, until the user zooms)."""
        self._zoomed = False
        self._fit()

    def _fit(self) -> None:
        if self._graph.isNull():
            return
        room = self.viewport().size()
        label_w, label_h = self._label_size.width(), self._label_size.height()
        scale = min(
            MAX_FIT_SCALE,
            (room.width() - 2 * FIT_MARGIN - label_w) / max(1.0, self._graph.width()),
            (room.height() - 2 * FIT_MARGIN - label_h) / max(1.0, self._graph.height()),
        )
        scale = max(0.01, scale)
        self.setTransform(QTransform.fromScale(scale, scale))
        margin, half_label = FIT_MARGIN / scale, label_h / 2 / scale
        self.setSceneRect(
            self._graph.adjusted(-margin, -margin - half_label, margin + label_w / scale, margin + half_label)
        )
        self.scaled.emit(scale)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self._zoomed:
            self._fit()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        self._zoomed = True
        factor = ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP
        self.scale(factor, factor)
        self.scaled.emit(self.transform().m11())


class NetworkView(QWidget):
    entity_clicked = Signal(int, str)  # a node was clicked: select this entity

    def __init__(self, parent: QWidget | None = None, tasks: Tasks | None = None) -> None:
        super().__init__(parent)
        self._db: sqlite_utils.Database | None = None
        self._filter = DocumentFilter()
        self._unmatched = ""
        self._types: list[str] | None = None
        self._stale = True
        self._generation = 0
        self._reading: Task | None = None
        self._edge_generation = 0  # of the last edge clicked: an older edge's sentences are dropped
        self._edge_reading: Task | None = None
        self.network: Network | None = None
        self.nodes: dict[int, NodeItem] = {}
        self.edge_items: list[EdgeItem] = []
        self._focus: set[NodeItem] = set()  # nodes a click brought forward: always labelled
        self.tasks = tasks if tasks is not None else Tasks(self)
        self.top_box = QSpinBox()
        self.top_box.setRange(5, MAX_TOP)
        self.top_box.setValue(DEFAULT_TOP)
        self.top_box.setPrefix("Top ")
        self.top_box.setToolTip("How many of the most mentioned entities to draw")
        self.min_box = QSpinBox()
        self.min_box.setRange(1, 100)
        self.min_box.setValue(2)
        self.min_box.setPrefix("Edges from ")
        self.min_box.setSuffix(" sentences")
        self.min_box.setToolTip("Join two entities only when they share at least this many sentences")
        self.dates_box = QCheckBox("Dates")
        self.dates_box.setToolTip(
            "Draw date entities too (off by default: dates are in most sentences and crowd out the names)"
        )
        self.status_label = QLabel()
        controls = QHBoxLayout()
        for widget in (self.top_box, self.min_box, self.dates_box):
            controls.addWidget(widget)
        controls.addSpacing(12)
        controls.addWidget(self.status_label, 1)
        self.scene = QGraphicsScene(self)
        self.view = ZoomingView(self.scene)
        self.view.scaled.connect(self._show_labels)
        self.empty = EmptyMessage(self.view)
        self.sentences = QListWidget()
        self.sentences.setWordWrap(True)
        self.sentences.setAlternatingRowColors(True)
        self.sentences.setSpacing(2)
        self.sentences.setVisible(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.sentences)
        splitter.setSizes([700, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        self.top_box.editingFinished.connect(self.refresh)
        self.min_box.editingFinished.connect(self.refresh)
        self.dates_box.toggled.connect(self.mark_stale)

    # -- public

    def set_database(self, db: sqlite_utils.Database | None) -> None:
        self._db = db
        self._filter = DocumentFilter()
        self.mark_stale()

    def set_filter(self, flt: DocumentFilter | None, types: list[str] | None = None, unmatched: str = "") -> None:
        """Draw the network of what ``flt`` selects (entities of ``types``, None: all; dates only
        when the Dates box is checked); ``unmatched`` says why no article can match (none drawn).
        A change of the data itself comes through ``mark_stale``."""
        if (flt, types, unmatched) == (self._filter, self._types, self._unmatched) and not self._stale:
            return
        self._filter, self._types, self._unmatched = flt, types, unmatched
        self.mark_stale()

    def refresh(self) -> None:
        """Read the network and lay it out in the background (a read still running is cancelled)."""
        self._stale = False
        self._generation += 1
        if self._reading is not None and self._reading.running:
            self._reading.cancel()
        self._reading = None
        self.scene.clear()
        self.network = None
        self.nodes, self.edge_items, self._focus = {}, [], set()
        self.sentences.clear()
        self.sentences.setVisible(False)
        self._edge_generation += 1  # the sentences of an edge of the older network are dropped
        if self._edge_reading is not None and self._edge_reading.running:
            self._edge_reading.cancel()
        if self._db is None or self._unmatched:
            self.status_label.setText(self._unmatched)
            self.empty.set_text("" if self._db is None else self._unmatched)
            return
        self.empty.set_text("")
        self.status_label.setText("reading…")
        generation = self._generation
        flt, types, top, min_count = self._filter, self.types(), self.top_box.value(), self.min_box.value()
        self._reading = start_read(
            self.tasks,
            self._db,
            lambda db: _read_and_lay_out(db, flt, types, top, min_count),
            lambda result, error: self._read(generation, result, error),
        )

    def reading(self) -> bool:
        """A read or layout is under way (the status says "reading…")."""
        return self._reading is not None and self._reading.running

    def types(self) -> list[str]:
        """The entity types the network draws: the panel's, and dates only when asked for."""
        return network_types(self._types, dates=self.dates_box.isChecked())

    @property
    def stale(self) -> bool:
        """The filter or types changed since the drawn network was read (the tab was hidden)."""
        return self._stale

    def layout_ready(self) -> bool:
        return self.network is not None and len(self.nodes) == len(self.network.nodes)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # -- internals

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _read(self, generation: int, result: tuple[Network, dict[int, tuple[float, float]]] | None, error: str) -> None:
        if generation != self._generation:
            return  # superseded by a newer refresh
        self._reading = None
        if error or result is None:
            self.status_label.setText(
                f"The network could not be drawn ({(error or 'no result').rstrip('.')}); try fewer entities."
            )
            return
        self.network, positions = result
        if not self.network.nodes:
            filtered = self._filter != DocumentFilter() or not set(network_types(None)) <= set(self.types())
            self.empty.set_text(network_empty(filtered))
            self.status_label.setText("No entities")
            return
        self._place(self.network, positions)

    def _place(self, network: Network, positions: dict[int, tuple[float, float]]) -> None:
        most = max((n.mentions for n in network.nodes), default=1) or 1
        text_colour = self.palette().color(QPalette.ColorRole.Text)
        viewport = self.view.viewport().size()
        aspect = min(MAX_ASPECT, max(1.0, viewport.width() / max(1, viewport.height())))
        for row in network.nodes:
            radius = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(row.mentions / most)
            node = NodeItem(row, radius, self)
            node.label.setBrush(text_colour)
            x, y = positions.get(row.id, (0.0, 0.0))
            node.setPos(x * SCALE * aspect, y * SCALE)
            self.scene.addItem(node)
            self.nodes[row.id] = node
        edge_colour = self.palette().color(QPalette.ColorRole.Mid)
        for edge in network.edges:
            if edge.source in self.nodes and edge.target in self.nodes:
                item = EdgeItem(edge, self.nodes[edge.source], self.nodes[edge.target], self, edge_colour)
                self.scene.addItem(item)
                self.edge_items.append(item)
        bounds, label_size = QRectF(), QSizeF()
        for node in self.nodes.values():
            bounds = bounds.united(node.sceneBoundingRect())
            label_size = label_size.expandedTo(node.label.boundingRect().size() + QSizeF(4, 0))
        self.view.fit_graph(bounds, label_size)
        self.status_label.setText(
            f"{len(network.nodes)} entities, {len(network.edges)} links"
            f" · {network.sentences:,} sentences · wheel zooms, drag pans, click an edge for its sentences"
        )

    def node_clicked(self, node: NodeItem) -> None:
        self._highlight(node)
        self.entity_clicked.emit(node.row.id, node.row.name)

    def _highlight(self, node: NodeItem) -> None:
        linked = {node} | {e.a for e in node.edges} | {e.b for e in node.edges}
        self._dim_except(linked, set(node.edges))

    def _dim_except(self, nodes: set[NodeItem], edges: set[EdgeItem]) -> None:
        for other in self.nodes.values():
            other.setOpacity(1.0 if other in nodes else 0.35)
        for item in self.edge_items:
            item.setOpacity(1.0 if item in edges else 0.15)
        self._focus = nodes
        self._show_labels(self.view.transform().m11())

    def _show_labels(self, scale: float) -> None:
        """Label the top nodes, those drawn large enough at this ``scale``, and the focused ones,
        the focused and then the most mentioned first; a label that would cover a label already
        shown or a node that comes before it waits for the user to zoom in (focused ones are
        always shown)."""
        if self.network is None:
            return
        top = {row.id for row in self.network.nodes[:ALWAYS_LABELLED]}
        ranked = sorted(
            (node for node in (self.nodes.get(row.id) for row in self.network.nodes) if node),
            key=lambda node: node not in self._focus,
        )
        taken: list[QRectF] = []  # on screen, at this scale: labels shown and nodes placed before
        for node in ranked:
            focused = node in self._focus
            wanted = focused or node.row.id in top or node.radius * scale >= LABEL_FROM_RADIUS
            size = node.label.boundingRect().size()
            at = node.pos() * scale + QPointF(node.radius * scale + 3, -size.height() / 2)
            place = QRectF(at, size)
            visible = wanted and (focused or not any(place.intersects(other) for other in taken))
            node.label.setVisible(visible)
            if visible:
                taken.append(place)
            radius = node.radius * scale
            taken.append(QRectF(node.pos() * scale - QPointF(radius, radius), QSizeF(2 * radius, 2 * radius)))

    def edge_clicked(self, item: EdgeItem) -> None:
        """List the sentences mentioning both ends of the edge, in the articles the filter shows,
        read in the background (a newer click or refresh drops an older read)."""
        if self._db is None:
            return
        a, b = item.a.row, item.b.row
        self._dim_except({item.a, item.b}, {item})
        heading = f"{a.name} — {b.name}: {item.edge.together:,} sentences"
        self._show_sentences(heading, ["reading…"])
        self._edge_generation += 1
        generation, flt = self._edge_generation, self._filter
        self._edge_reading = start_read(
            self.tasks,
            self._db,
            lambda db: cooccurrence_kwic(db, a.id, b.id, limit=200, flt=flt),
            lambda lines, error: self._edge_read(generation, heading, lines, error),
        )

    def sentences_reading(self) -> bool:
        """The sentences of a clicked edge are being read."""
        return self._edge_reading is not None and self._edge_reading.running

    def _edge_read(self, generation: int, heading: str, lines: list | None, error: str) -> None:
        if generation != self._edge_generation:
            return  # another edge was clicked, or the network read again
        self._edge_reading = None
        if error:
            self._show_sentences(heading, [f"The sentences could not be read: {error}"])
        elif lines is not None:
            self._show_sentences(
                heading, [f"{line.published or 'undated'} · {line.title}\n{line.text}" for line in lines]
            )

    def _show_sentences(self, heading: str, rows: list[str]) -> None:
        self.sentences.clear()
        self.sentences.addItem(heading)
        self.sentences.addItems(rows)
        self.sentences.setVisible(True)
