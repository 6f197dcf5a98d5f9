"""Entity detail and network timings on a built database (the full Reuters-21578 one in the note).

    .venv/bin/python -m benchmarks.entity_views DB [--runs 5]

Prints the median of ``--runs`` runs of: opening the entity detail dialog for the most
mentioned entities (its reads and tables), then the related entities it fills right after, and
building, laying out and drawing the network of the top 100 entities in the Network tab.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from explorer.core.store import open_store
    from explorer.core.store.queries import entity_page
    from explorer.ui.panes.network_view import NetworkView
    from explorer.ui.widgets.entity_detail import EntityDetailDialog

    app = QApplication.instance() or QApplication([])
    db = open_store(args.db, readonly=True)
    dialog = EntityDetailDialog(db)
    for row in entity_page(db, limit=3):
        opened, filled, related = [], [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            dialog.show_entity(row.id)
            opened.append(time.perf_counter() - start)
            start = time.perf_counter()
            while not dialog.is_loaded():  # timeline, names, first page of mentions
                app.processEvents()
            filled.append(time.perf_counter() - start)
            start = time.perf_counter()
            dialog._fill_related(row.id)
            related.append(time.perf_counter() - start)
            app.processEvents()
        print(
            f"entity detail {row.name!r} ({row.mentions:,} mentions): opens in median"
            f" {statistics.median(opened) * 1000:.0f} ms, its sections follow in"
            f" {statistics.median(filled) * 1000:.0f} ms, related entities in"
            f" {statistics.median(related) * 1000:.0f} ms"
        )
    view = NetworkView()
    view.top_box.setValue(100)
    view.resize(1200, 500)
    view.set_database(db)
    view.show()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        view.refresh()
        while not view.layout_ready():
            app.processEvents()
        view.view.viewport().repaint()
        times.append(time.perf_counter() - start)
    print(
        f"network of the top 100: median {statistics.median(times) * 1000:.0f} ms"
        f" ({len(view.network.nodes)} nodes, {len(view.network.edges)} edges)"
    )


if __name__ == "__main__":
    main()
