"""The longest stall of the window's event loop during each menu action and pane interaction.

    QT_QPA_PLATFORM=offscreen python benchmarks/ui_stalls.py --db FILE [--only NAME ...] [--list]

Opens the real window on a copy-free library FILE (it is written to: curation, deletion, notes,
each undone where the app can undo), then runs every action of the table below in turn while a
heartbeat timer ticks every 10 ms; an action's stall is the longest time between two ticks
from its start until the window is idle again (no dialog open, no background job running).
Work in the background does not count; work on the GUI thread does.

Menu actions are found by the text of their menu path (``&`` and ``…`` ignored, "Undo" finds
"Undo Rename …"), never by
attribute, so that the benchmark follows the window as it is restructured; dialogs they open
are answered as a user would (a temporary file or folder, a name, Yes, OK). Pane interactions
use the window's public methods (those ``ui_latency.py`` uses). Prints one line per action and
last ``worst stall: N ms`` (the goal: under 100 ms at 1M articles). Re-extract All (hours of
NER at 1M) and Open Demo are not run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_DIR))

HEARTBEAT_MS = 10
IDLE_POLL_MS = 20
ACCEPT_WORDS = ("Import", "OK", "Yes", "Save", "Open")  # a non-modal dialog's button that goes ahead
ACTION_TIMEOUT_S = 600


@dataclass
class Step:
    name: str
    run: Callable[[], object]
    answer: str = ""  # what a dialog it opens is given: a file name in the temp folder or a text
    writes: bool = False  # the answer names a file the action must write


def _plain(text: str) -> str:
    return text.replace("&", "").replace("…", "").strip()


class Driver:
    """The window, its heartbeat, and the answers to the dialogs an action opens."""

    def __init__(self, window, folder: Path) -> None:
        from PySide6.QtCore import QTimer

        self.window, self.folder = window, folder
        self.answer = ""
        self.dialogs_before: set = set()
        self.ticks: list[float] = []
        self.heartbeat = QTimer(interval=HEARTBEAT_MS)
        self.heartbeat.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self.answerer = QTimer(interval=IDLE_POLL_MS)
        self.answerer.timeout.connect(self._answer_dialog)

    # -- finding things by what the user sees

    def action(self, *path: str):
        menus = [a for a in self.window.menuBar().actions()]
        found = None
        for text in path:
            found = next((a for a in menus if _plain(a.text()) == text), None) or next(
                (a for a in menus if _plain(a.text()).startswith(text + " ")), None
            )  # "Undo Rename …"
            if found is None:
                raise SystemExit(f"no menu item {' ▸ '.join(path)!r} (stopped at {text!r})")
            menus = found.menu().actions() if found.menu() else []
        return found

    def trigger(self, *path: str) -> Callable[[], object]:
        return lambda: self.action(*path).trigger()

    def tabs(self, label: str):
        from PySide6.QtWidgets import QTabWidget

        for tabs in self.window.findChildren(QTabWidget):
            for index in range(tabs.count()):
                if _plain(tabs.tabText(index)).startswith(label):
                    return tabs, index
        raise SystemExit(f"no tab {label!r}")

    # -- dialogs

    def _answer_dialog(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox, QProgressDialog

        dialog = QApplication.activeModalWidget()
        if dialog is None:
            self._go_ahead_in_new_dialogs()
            return
        if isinstance(dialog, QFileDialog):
            target = self.folder / (self.answer or "answer")
            if dialog.fileMode() == QFileDialog.FileMode.Directory:
                dialog.setDirectory(str(target))
            else:
                dialog.selectFile(str(target))
            dialog.accept()
        elif isinstance(dialog, QInputDialog):
            if self.answer and dialog.comboBoxItems() == []:
                dialog.setTextValue(self.answer)
            dialog.accept()
        elif isinstance(dialog, QMessageBox):
            yes = dialog.button(QMessageBox.StandardButton.Yes) or dialog.button(QMessageBox.StandardButton.Ok)
            (yes or dialog.defaultButton() or dialog.buttons()[0]).click()
        elif isinstance(dialog, QProgressDialog):
            pass  # a user waits for the job (accepting would cancel it)
        elif isinstance(dialog, QDialog):
            dialog.accept()

    def _visible_dialogs(self) -> set:
        from PySide6.QtWidgets import QApplication, QDialog

        return {w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()}

    def _go_ahead_in_new_dialogs(self) -> None:
        """Click "Import" (or OK…) once in a non-modal dialog the step opened (the import's options)."""
        from PySide6.QtWidgets import QPushButton

        for dialog in self._visible_dialogs() - self.dialogs_before:
            self.dialogs_before.add(dialog)  # once
            for button in dialog.findChildren(QPushButton):
                if button.isVisible() and button.isEnabled() and _plain(button.text()) in ACCEPT_WORDS:
                    button.click()
                    break

    # -- measuring

    def _busy(self) -> bool:
        from PySide6.QtCore import QThread, QThreadPool
        from PySide6.QtWidgets import QApplication

        pools = [QThreadPool.globalInstance(), *self.window.findChildren(QThreadPool)]
        return (
            QApplication.activeModalWidget() is not None
            or any(pool.activeThreadCount() for pool in pools)
            or any(thread.isRunning() for thread in self.window.findChildren(QThread))
        )

    def stall_of(self, step: Step) -> float:
        """The longest gap between heartbeats (seconds) from the step's start until idle."""
        from PySide6.QtWidgets import QApplication

        self.answer = step.answer
        self.dialogs_before = self._visible_dialogs()
        app = QApplication.instance()
        self.ticks = [time.perf_counter()]
        step.run()
        deadline = time.perf_counter() + ACTION_TIMEOUT_S
        settled_since = None
        while time.perf_counter() < deadline:
            app.processEvents()
            now = time.perf_counter()
            if self._busy():
                settled_since = None
            elif settled_since is None:
                settled_since = now
            elif now - settled_since > 0.2:  # idle for a moment: queued follow-ups have run
                break
            time.sleep(0.002)
        self.ticks.append(time.perf_counter())
        gaps = [b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False)]
        return max(gaps) if gaps else 0.0


def steps(driver: Driver, db: Path) -> list[Step]:
    """Every action, in an order where each finds what it needs (a selection, an open article)."""
    from PySide6.QtCore import Qt

    from explorer.core.store import open_store
    from explorer.core.store.queries import document_page, entity_page

    probe = open_store(db, readonly=True)
    top = entity_page(probe, limit=2)
    article = document_page(probe, limit=1)[0].id
    probe.close()
    window, t = driver.window, driver.trigger
    documents = window.documents
    (driver.folder / "names.csv").write_text("Knowledge Explorer Bench,organisation\n", encoding="utf-8")
    (driver.folder / "new.txt").write_text("Oslo welcomed the envoys of Kenya on Monday.\n", encoding="utf-8")
    timeline_tabs, timeline_index = driver.tabs("Timeline")
    network_tabs, network_index = driver.tabs("Network")

    def deep_page() -> None:
        while documents.model.rowCount() < 10_000 and documents.model.canFetchMore():
            documents.model.fetchMore()

    def timeline_modes() -> None:
        from PySide6.QtWidgets import QComboBox

        timeline_tabs.setCurrentIndex(timeline_index)
        for box in timeline_tabs.widget(timeline_index).findChildren(QComboBox):
            start = box.currentIndex()
            for index in range(box.count()):
                box.setCurrentIndex(index)
            box.setCurrentIndex(start)

    both = [(e.id, e.name) for e in top]
    return [
        Step("select entity", lambda: window.select_entity(top[0].id, top[0].name)),
        Step("two entities", lambda: window.entities.selection_edited.emit(both, [])),
        Step("clear filters", t("Edit", "Clear Filters")),
        Step("search", lambda: window.reading.set_search("oil")),
        Step("clear search", lambda: window.reading.set_search("")),
        Step("sort by title", lambda: documents.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)),
        Step(
            "sort by date",
            lambda: documents.view.sortByColumn(documents.model.DATE_COLUMN, Qt.SortOrder.DescendingOrder),
        ),
        Step("deep page (10,000 rows)", deep_page),
        Step("open article", lambda: window.reading.show_article(article)),
        Step("timeline modes", timeline_modes),
        Step("network tab", lambda: network_tabs.setCurrentIndex(network_index)),
        Step("timeline tab", lambda: timeline_tabs.setCurrentIndex(timeline_index)),
        Step("select entity again", lambda: window.select_entity(top[0].id, top[0].name)),
        Step("entity details", t("Edit", "Entity Details")),
        Step("rename entity", t("Edit", "Curate Entity", "Rename"), answer=f"{top[0].name} Bench"),
        Step("undo rename", t("Edit", "Undo")),
        Step("change type", t("Edit", "Curate Entity", "Change Type", "organisation")),
        Step("undo change type", t("Edit", "Undo")),
        Step("hide entity", t("Edit", "Curate Entity", "Hide")),
        Step("undo hide", t("Edit", "Undo")),
        Step("select two entities", lambda: window.entities.selection_edited.emit(both, [])),
        Step("merge entities", t("Edit", "Curate Entity", "Merge"), answer=top[0].name),
        Step("undo merge", t("Edit", "Undo")),
        Step("clear filters again", t("Edit", "Clear Filters")),
        Step("open article again", lambda: window.reading.show_article(article)),
        Step("star article", t("Article", "Star Article")),
        Step("unstar article", t("Article", "Star Article")),
        Step("add tag", t("Article", "Add Tag"), answer="bench"),
        Step("filter by tag", t("Article", "Filter by Tag"), answer="bench"),
        Step("clear tag filter", t("Edit", "Clear Filters")),
        Step("show starred only", t("Article", "Show Starred Only")),
        Step("show all", t("Article", "Show Starred Only")),
        Step("note", t("Article", "Note"), answer="a note from the benchmark"),
        Step("open article for date", lambda: window.reading.show_article(article)),
        Step("set date", t("Article", "Set Date")),
        Step("open article to delete", lambda: window.reading.show_article(article)),
        Step("delete article", t("Article", "Delete Article")),
        Step("undo delete", t("Edit", "Undo")),
        *[
            Step(f"export {what.lower()}", t("File", "Export", what), answer=f"export-{i}.{ext}", writes=True)
            for i, (what, ext) in enumerate(
                (
                    ("Entities", "csv"),
                    ("Mentions", "csv"),
                    ("Network", "graphml"),
                    ("Timeline", "csv"),
                    ("Chart as PNG/SVG", "png"),
                    ("Document List", "csv"),
                )
            )
        ],
        Step("back up database", t("File", "Back Up Database"), answer="backup.db", writes=True),
        Step("import gazetteer", t("File", "Import Gazetteer"), answer="names.csv"),
        Step("import a file", t("File", "Import Files"), answer="new.txt"),
        Step("about", t("Help", "About Knowledge Explorer")),
    ]


def run(db: Path, only: list[str], say: Callable[[str], None]) -> float:
    from PySide6.QtCore import QSettings

    from explorer.ui.app import application
    from explorer.ui.main_window import MainWindow

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
        window.resize(1440, 900)
        window.show()
        if not window.open_database(db):
            raise SystemExit(f"the window did not open {db}")
        app.processEvents()
        driver = Driver(window, folder)
        driver.heartbeat.start()
        driver.answerer.start()
        worst = 0.0
        for step in steps(driver, db):
            if only and step.name not in only:
                continue
            started = time.perf_counter()
            stall = driver.stall_of(step)
            worst = max(worst, stall)
            missing = "  NOTHING WRITTEN" if step.writes and not (folder / step.answer).exists() else ""
            say(f"{step.name:<28}{stall * 1000:>8.0f} ms   ({time.perf_counter() - started:.1f} s in all){missing}")
        driver.heartbeat.stop()
        driver.answerer.stop()
        window.close()
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the library (it is written to)")
    parser.add_argument("--only", nargs="*", default=[], help="run only these actions (names as printed)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not args.db.exists():
        raise SystemExit(f"no database at {args.db}")
    worst = run(args.db, args.only, lambda line: print(line, flush=True))
    print(f"worst stall: {worst * 1000:.0f} ms")


if __name__ == "__main__":
    main()
