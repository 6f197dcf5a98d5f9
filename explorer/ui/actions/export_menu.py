"""File ▸ Export: what the window shows, written to files (core.export does the writing).

Entities follow the entity panel's name filter and types; mentions are those of the selected
entities (all when none is selected) in the listed articles; the network is the one in the Network tab (or built for
the current filters); the timeline series and the chart are what the Timeline tab draws; the
document list is the filtered list.

Every export is written in a background task (``ui/tasks.py``), one at a time: what reads the
library (entities, mentions, the document list, a network not drawn yet) on a read-only
connection of its own, behind a progress dialog that can cancel (it shows after
``PROGRESS_AFTER_MS``); the timeline and the chart, already in memory (the chart is drawn on
the GUI thread, only its bytes are written in the task), without one. The status bar says how
it went; closing the window during an export asks first.

Every file goes through ``core.safe_write``: a target that is the open database (or one of its
companions) or read-only is refused with a message before anything is written, and a failed or
cancelled export leaves the old file as it was. The chart is drawn in memory and written the
same way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyqtgraph.exporters as pg_exporters
import sqlite_utils
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
from explorer.ui.tasks import Job, Task, call_job, reading_job
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


def _mentions_job(db_path: Path, path: Path, entity_ids: Sequence[int] | None, flt: DocumentFilter) -> Job:
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
        self.top = ctx.parent  # dialogs belong to it; its closing waits for a running export
        self.ask_path: Callable[[str, str, str], tuple[Path | None, str]] = self._ask_path
        self.runner: Task | None = None  # the last export's task (running or done)
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
        """Closing the window during an export asks first, then stops it (no partial file)."""
        if watched is self.top and event.type() == QEvent.Type.Close and self.exporting():
            if not self.confirm_stop():
                event.ignore()
                return True
            self.runner.cancel()
            self.runner.wait()
        return super().eventFilter(watched, event)

    def exporting(self) -> bool:
        return self.runner is not None and self.runner.running

    def confirm_stop(self) -> bool:
        return message_box.ask(self.top, "Export", "An export is being written. Stop it and close? Nothing is written.")

    def _ask_path(self, title: str, name: str, filters: str) -> tuple[Path | None, str]:
        kind = "chart" if title == CHART_TITLE else "export"
        return file_dialogs.save_file(
            self.top, self.ctx.session.settings, kind, title, name, filters, self.dialog_options()
        )

    def _choose(self, title: str, name: str, filters: list[str]) -> tuple[Path, str] | None:
        """Ask for a file: (path, format from its suffix or the chosen filter), or None; a target
        that cannot be written is said at once, not after a start in the background."""
        db_path = self.ctx.session.path
        if self.ctx.session.db is None or db_path is None:
            return None
        if self.exporting():
            message_box.inform(self.top, title, "Another export is being written; wait for it to finish first.")
            return None
        path, selected = self.ask_path(title, name, ";;".join(filters))
        if path is None:
            return None
        fmt = path.suffix.lstrip(".").lower()
        known = [f.split("*.")[1].rstrip(")") for f in filters]
        if fmt not in known:
            fmt = selected.split("*.")[1].rstrip(")") if "*." in selected else known[0]
            path = path.with_suffix(f".{fmt}")
        try:
            check_target(path, db_path)
        except WriteError as exc:
            message_box.warn(self.top, title, f"Cannot write {path}: {exc}.")
            return None
        return path, fmt

    def _start(
        self,
        title: str,
        path: Path,
        job: Job,
        unit: str,
        *,
        counted: Callable[[Any], int | None],
        label: str = "",
        on_progress: Callable[[Any], None] | None = None,
    ) -> Path:
        """Run the export ``job`` writing ``path``; with a ``label``, behind a progress dialog that
        cancels. ``counted`` turns its last event into how many ``unit`` it wrote (None: stopped)."""
        if self.runner is not None:
            self.runner.deleteLater()
        runner = Task(job, self)
        if label:
            progress = QProgressDialog(label, "Cancel", 0, 0, self.top)
            progress.setWindowTitle(title)
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(PROGRESS_AFTER_MS)
            progress.setAutoReset(False)
            progress.canceled.connect(runner.cancel)
            self._progress = progress
        if on_progress is not None:
            runner.progress.connect(on_progress)
        runner.finished.connect(lambda last, error: self._done(title, path, unit, counted(last), error))
        self.runner = runner
        runner.start()
        return path

    def _done(self, title: str, path: Path, unit: str, count: int | None, error: str) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        if error:
            message_box.warn(self.top, title, f"Cannot write {path}: {error.rstrip('.')}.")
        elif count is None:
            self.ctx.say(f"Export of {unit} cancelled; nothing was written", 8000)
        else:
            self.ctx.say(f"Exported {count:,} {unit} to {path}", 8000)

    def _start_reading(
        self, title: str, path: Path, write: Callable[[sqlite_utils.Database], int], unit: str
    ) -> Path | None:
        """An export that reads the library: on its own connection, cancellable."""
        db_path = self.ctx.session.path
        if db_path is None:
            return None
        return self._start(
            title, path, reading_job(db_path, write), unit, counted=lambda count: count, label=f"Exporting {unit}…"
        )

    def export_entities(self) -> Path | None:
        """Write the entities the entity panel lists (its name filter and types) in the background."""
        chosen = self._choose("Export Entities", "entities.csv", [CSV, JSON])
        if chosen is None:
            return None
        path, fmt = chosen
        panel = self.panes.entities
        types, search = panel.chosen_types(), panel.search_field.text().strip() or None
        return self._start_reading(
            "Export Entities",
            path,
            lambda db: exporting.write_entities(db, path, fmt, types=types, search=search),
            "entities",
        )

    def export_mentions(self) -> Path | None:
        """Write the mentions of the selected entities (all when none is) in the background."""
        chosen = self._choose("Export Mentions", "mentions.csv", [CSV])
        db_path = self.ctx.session.path
        if chosen is None or db_path is None:
            return None
        path = chosen[0]
        state = self.ctx.state
        job = _mentions_job(db_path, path, list(state.selected) or None, state.document_filter())
        return self._start(
            "Export Mentions",
            path,
            job,
            "mentions",
            counted=lambda last: last.rows if last is not None and last.finished else None,
            label="Exporting mentions…",
            on_progress=self._show_progress,
        )

    def _show_progress(self, event: exporting.ExportProgress) -> None:
        # setValue runs the event loop of a modal dialog, where the export may finish and drop it
        progress = self._progress
        if progress is not None and not event.finished:
            progress.setLabelText(f"{event.rows:,} mentions from {event.done:,} of {event.total:,} articles…")
            progress.setMaximum(max(1, event.total))
            progress.setValue(event.done)

    def export_network(self) -> Path | None:
        """Write the network the Network tab draws (read again for the current filters when it is
        not drawn yet) in the background."""
        chosen = self._choose("Export Network", "network.gexf", [GEXF, GRAPHML])
        if chosen is None:
            return None
        path, fmt = chosen
        view, db_path = self.panes.network, self.ctx.session.path
        drawn = view.network if view.layout_ready() and not view.stale else None
        flt, types, top, min_count = (
            self.ctx.state.document_filter(),
            view.types(),
            view.top_box.value(),
            view.min_box.value(),
        )

        def write(db: sqlite_utils.Database) -> int:
            network = drawn or build_network(db, flt, types=types, top=top, min_count=min_count)
            return exporting.write_network(network, path, fmt, db_path)

        return self._start_reading("Export Network", path, write, "nodes")

    def export_timeline(self) -> Path | None:
        """Write the series the Timeline tab draws (in memory: a quick task, no dialog)."""
        data = self.panes.timeline.data()
        if data is None:
            return None
        chosen = self._choose("Export Timeline", "timeline.csv", [CSV])
        if chosen is None:
            return None
        path, db_path = chosen[0], self.ctx.session.path
        names = {CORPUS: ALL_ARTICLES, **self.ctx.state.selected}
        return self._start(
            "Export Timeline",
            path,
            call_job(lambda: exporting.write_timeline(data, names, path, db_path)),
            "bins",
            counted=lambda count: count,
        )

    def export_chart(self) -> Path | None:
        """Draw the chart on the GUI thread (widgets live there) and write its bytes in the background.

        While its series are still being read the chart would be written half drawn, so it waits.
        """
        if self.panes.timeline.reading():
            self.ctx.say("The chart is still being drawn; export it once it is shown", 8000)
            return None
        chosen = self._choose(CHART_TITLE, "timeline.png", [PNG, SVG])
        if chosen is None:
            return None
        path, fmt = chosen
        timeline, db_path = self.panes.timeline, self.ctx.session.path
        data = _svg_bytes(timeline.plot_widget) if fmt == "svg" else _png_bytes(timeline.plot_widget.ci)

        def write() -> int:
            with atomic_output(path, db_path, "wb") as out:
                out.write(data)
            return 1

        return self._start(CHART_TITLE, path, call_job(write), "chart", counted=lambda count: count)

    def export_documents(self) -> Path | None:
        """Write the filtered document list in the background."""
        chosen = self._choose("Export Document List", "documents.csv", [CSV])
        if chosen is None:
            return None
        flt = self.ctx.state.document_filter()
        return self._start_reading(
            "Export Document List", chosen[0], lambda db: exporting.write_documents(db, chosen[0], flt), "articles"
        )
