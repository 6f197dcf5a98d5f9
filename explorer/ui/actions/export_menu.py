"""File ▸ Export: what the window shows, written to files (core.export does the writing).

Entities follow the entity panel's name filter and types; mentions are those of the selected
entities (all when none is selected) in the listed articles; the network is the one in the Network tab (or built for
the current filters); the timeline series and the chart are what the Timeline tab draws; the
document list is the filtered list.

Mentions grow with the corpus (a few seconds per 20,000 articles), so they are written in a
worker thread with its own connection, behind a progress dialog that can cancel.

Every file goes through ``core.safe_write``: a target that is the open database (or one of its
companions) or read-only is refused with a message before anything is written, and a failed or
cancelled export leaves the old file as it was. The chart is drawn in memory and written the
same way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import QBuffer, QEvent, QIODevice, QObject, Qt
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QMenu, QProgressDialog, QWidget

from explorer.core.analysis.network import build_network
from explorer.core.ops import export as exporting
from explorer.core.safety.safe_text import xml_text
from explorer.core.safety.safe_write import WriteError, atomic_output, check_target
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.timeline import CORPUS
from explorer.ui import message_box
from explorer.ui.actions.common import Context
from explorer.ui.panes.follow import Panes
from explorer.ui.panes.timeline import ALL_ARTICLES
from explorer.ui.tasks import Task
from explorer.ui.widgets import file_dialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QFileDialog as Dialogs

CSV = "CSV files (*.csv)"
JSON = "JSON files (*.json)"
GEXF = "GEXF for Gephi (*.gexf)"
GRAPHML = "GraphML (*.graphml)"
PNG = "PNG image (*.png)"
SVG = "SVG image (*.svg)"
PROGRESS_AFTER_MS = 400
CHART_TITLE = "Export Chart"


def _mentions_job(db_path: Path, path: Path, entity_ids: Sequence[int] | None, flt: DocumentFilter):
    """The mention export as a worker job: its own connection, progress events, cancel."""
    def job(cancel: threading.Event) -> Iterator[exporting.ExportProgress]:
        from explorer.core.store import open_store

        db = open_store(db_path, readonly=True)
        try:
            yield from exporting.export_mentions(db, path, entity_ids, cancel, flt)
        finally:
            db.close()

    return job


def _svg_bytes(widget: QWidget) -> bytes:
    """The widget drawn as vectors (pyqtgraph's own SVG exporter fails on filled step curves),
    without the characters XML forbids (a legend may show any entity name)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(widget.size())
    generator.setViewBox(widget.rect())
    generator.setTitle("Knowledge Explorer timeline")
    painter = QPainter(generator)
    try:
        widget.render(painter)
    finally:
        painter.end()
    return xml_text(bytes(buffer.data()).decode("utf-8", errors="replace")).encode("utf-8")


def _png_bytes(chart) -> bytes:
    """The chart (legend and plot, without the controls) as a PNG twice its width on screen."""
    exporter = pg_exporters.ImageExporter(chart)
    exporter.parameters()["width"] = 2 * max(600, int(chart.boundingRect().width()))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    exporter.export(toBytes=True).save(buffer, "PNG")
    return bytes(buffer.data())


class ExportMenu(QMenu):
    def __init__(self, ctx: Context, panes: Panes, dialog_options: Callable[[], Dialogs.Option]) -> None:
        super().__init__("E&xport", ctx.parent)
        self.ctx, self.panes, self.dialog_options = ctx, panes, dialog_options
        self.top = ctx.parent  # dialogs belong to it; its closing waits for an export of mentions
        self.ask_path: Callable[[str, str, str], tuple[Path | None, str]] = self._ask_path
        self.mentions_runner: Task | None = None
        self._progress: QProgressDialog | None = None
        for text, slot in (
            ("&Entities…", self.export_entities),
            ("&Mentions…", self.export_mentions),
            ("&Network…", self.export_network),
            ("&Timeline…", self.export_timeline),
            ("&Chart as PNG/SVG…", self.export_chart),
            ("&Document List…", self.export_documents),
        ):
            self.addAction(text, slot)
        self.aboutToShow.connect(lambda: [a.setEnabled(ctx.session.db is not None) for a in self.actions()])
        self.top.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Closing the window during an export of mentions asks first, then stops it (no partial file)."""
        if watched is self.top and event.type() == QEvent.Type.Close and self.exporting():
            if not self.confirm_stop():
                event.ignore()
                return True
            self.mentions_runner.cancel()
            self.mentions_runner.wait()
        return super().eventFilter(watched, event)

    def exporting(self) -> bool:
        return self.mentions_runner is not None and self.mentions_runner.running

    def confirm_stop(self) -> bool:
        return message_box.ask(self.top, "Export Mentions",
                               "Mentions are being exported. Stop the export and close? Nothing is written.")

    def _ask_path(self, title: str, name: str, filters: str) -> tuple[Path | None, str]:
        kind = "chart" if title == CHART_TITLE else "export"
        return file_dialogs.save_file(self.top, self.ctx.session.settings, kind, title, name, filters,
                                      self.dialog_options())

    def _choose(self, title: str, name: str, filters: list[str]) -> tuple[Path, str] | None:
        """Ask for a file: (path, format from its suffix or the chosen filter), or None."""
        if self.ctx.session.db is None:
            return None
        path, selected = self.ask_path(title, name, ";;".join(filters))
        if path is None:
            return None
        fmt = path.suffix.lstrip(".").lower()
        known = [f.split("*.")[1].rstrip(")") for f in filters]
        if fmt not in known:
            fmt = selected.split("*.")[1].rstrip(")") if "*." in selected else known[0]
            path = path.with_suffix(f".{fmt}")
        return path, fmt

    def _run(self, title: str, name: str, filters: list[str], write: Callable[[Path, str], int],
             unit: str) -> int | None:
        """Ask for a file, write it, say how it went (how many ``unit`` it holds)."""
        chosen = self._choose(title, name, filters)
        if chosen is None:
            return None
        path, fmt = chosen
        try:
            count = write(path, fmt)
        except WriteError as exc:
            message_box.warn(self.top, title, f"Cannot write {path}: {exc}.")
            return None
        self.ctx.say(f"Exported {count:,} {unit} to {path}", 8000)
        return count

    def export_entities(self) -> int | None:
        panel = self.panes.entities
        return self._run("Export Entities", "entities.csv", [CSV, JSON], lambda path, fmt: exporting.write_entities(
            self.ctx.session.db, path, fmt, types=panel.chosen_types(),
            search=panel.search_field.text().strip() or None),
            "entities")

    def export_mentions(self) -> Path | None:
        """Start writing the mentions of the selected entities (all when none is) in the background."""
        if self.exporting():
            return None
        chosen = self._choose("Export Mentions", "mentions.csv", [CSV])
        db_path = self.ctx.session.path
        if chosen is None or db_path is None:
            return None
        path = chosen[0]
        try:
            check_target(path, db_path)  # said at once, not after a start in the background
        except WriteError as exc:
            message_box.warn(self.top, "Export Mentions", f"Cannot write {path}: {exc}.")
            return None
        state = self.ctx.state
        job = _mentions_job(db_path, path, list(state.selected) or None, state.document_filter())
        runner = Task(job, self)
        progress = QProgressDialog("Exporting mentions…", "Cancel", 0, 0, self.top)
        progress.setWindowTitle("Export Mentions")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_AFTER_MS)
        progress.setAutoReset(False)
        progress.canceled.connect(runner.cancel)
        runner.progress.connect(self._show_progress)
        runner.finished.connect(lambda last, error: self._mentions_done(path, last, error))
        self.mentions_runner, self._progress = runner, progress
        runner.start()
        return path

    def _show_progress(self, event: exporting.ExportProgress) -> None:
        # setValue runs the event loop of a modal dialog, where the export may finish and drop it
        progress = self._progress
        if progress is not None and not event.finished:
            progress.setLabelText(f"{event.rows:,} mentions from {event.done:,} of {event.total:,} articles…")
            progress.setMaximum(max(1, event.total))
            progress.setValue(event.done)

    def _mentions_done(self, path: Path, last: exporting.ExportProgress | None, error: str) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        if error:
            message_box.warn(self.top, "Export Mentions", f"Cannot write {path}: {error.rstrip('.')}.")
        elif last is None or not last.finished:
            self.ctx.say("Export of mentions cancelled; nothing was written", 8000)
        else:
            self.ctx.say(f"Exported {last.rows:,} mentions to {path}", 8000)

    def export_network(self) -> int | None:
        def write(path: Path, fmt: str) -> int:
            view = self.panes.network
            network = view.network
            if network is None or view.stale:
                network = build_network(self.ctx.session.db, self.ctx.state.document_filter(), types=view.types(),
                                        top=view.top_box.value(), min_count=view.min_box.value())
            return exporting.write_network(network, path, fmt, self.ctx.session.path)

        return self._run("Export Network", "network.gexf", [GEXF, GRAPHML], write, "nodes")

    def export_timeline(self) -> int | None:
        data = self.panes.timeline.data()
        if data is None:
            return None
        names = {CORPUS: ALL_ARTICLES, **self.ctx.state.selected}
        return self._run("Export Timeline", "timeline.csv", [CSV],
                         lambda path, _fmt: exporting.write_timeline(data, names, path, self.ctx.session.path), "bins")

    def export_chart(self) -> int | None:
        def write(path: Path, fmt: str) -> int:
            timeline = self.panes.timeline
            data = _svg_bytes(timeline.plot_widget) if fmt == "svg" else _png_bytes(timeline.plot_widget.ci)
            with atomic_output(path, self.ctx.session.path, "wb") as out:
                out.write(data)
            return 1

        return self._run(CHART_TITLE, "timeline.png", [PNG, SVG], write, "chart")

    def export_documents(self) -> int | None:
        return self._run("Export Document List", "documents.csv", [CSV], lambda path, _fmt: exporting.write_documents(
            self.ctx.session.db, path, self.ctx.state.document_filter()), "articles")
