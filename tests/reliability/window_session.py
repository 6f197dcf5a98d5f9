"""A whole window session, run as its own process (under strace by ``test_no_network.py``).

``python -m tests.reliability.window_session FOLDER DB SETTINGS``: imports FOLDER from the
window (the real spaCy model, in the import worker), then reads the article, searches, draws
the timeline and the network, opens an entity's detail and backs the database up. Prints the
number of articles at the end.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from explorer.core.store.queries import document_page, entity_page
from explorer.ui.app import close_for_good
from explorer.ui.main_window import MainWindow


def _wait(app: QApplication, done, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not finish in time")
        app.processEvents()
        time.sleep(0.01)


def main(folder: Path, db_path: Path, settings: Path) -> int:
    app = QApplication.instance() or QApplication([])
    window = MainWindow(QSettings(str(settings), QSettings.Format.IniFormat))
    window.show()
    assert window.open_database(db_path)
    window.imports.import_paths([folder]).start()
    _wait(app, lambda: not window.imports.runner.running)
    window.refresh()
    window.reading.show_article(document_page(window.db, limit=1)[0].id)
    window.reading.set_search("Norway OR Kenya")
    window.timeline.refresh()
    window.bottom_tabs.setCurrentWidget(window.network_view)
    _wait(app, window.network_view.layout_ready)
    window.reading.open_entity_detail(entity_page(window.db, limit=1)[0].id)
    window.files.ask_backup_path = lambda database: database.with_name("backup.db")
    assert window.files.back_up_database()
    _wait(app, window.tasks.idle)
    print(window.total_articles)
    window.close()
    close_for_good(window)
    return 0


if __name__ == "__main__":
    sys.exit(main(*map(Path, sys.argv[1:4])))
