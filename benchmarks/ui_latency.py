"""How fast the window answers on a real database.

    .venv/bin/python benchmarks/ui_latency.py --db FILE [--runs 7] [--screenshot window.png]

Measures, each several times (the median and the worst are printed):
- window shown: a fresh interpreter from start until the window is on screen over FILE
  (target 1.5 s);
- first page: the document list reset to no filter (first page, count, repaint);
- search: a full-text search typed in the box (list, count, repaint);
- select entity: one entity selected, as a click on a mention does (list, count, entity
  table, timeline);
- open article: an article opened in the reader with its highlights.
The last line is ``worst median: N ms``, the slowest median of the four interactions
(target: under 100 ms). Run with ``QT_QPA_PLATFORM=offscreen`` where there is no screen.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[1]
SEARCHES = ("oil", "trade deficit", '"interest rates"', "bank*", "wheat OR corn", "opec NOT saudi", "title:gold")
SHOWN_MARK = "window shown"


def child_window(db: Path) -> None:
    """Child process: show the window over ``db`` and say when it is on screen."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from explorer.ui.app import application
    from explorer.ui.main_window import MainWindow

    app = application()
    settings = QSettings(str(Path(os.environ["UI_LATENCY_SETTINGS"])), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.show()
    window.open_database(db)
    QApplication.processEvents()
    print(SHOWN_MARK, "spacy" in sys.modules, flush=True)
    window.close()
    app.quit()


def window_times(db: Path, runs: int, settings_file: Path) -> list[float]:
    """Wall time from starting a Python process to the window being on screen."""
    times = []
    env = {**os.environ, "UI_LATENCY_SETTINGS": str(settings_file), "PYTHONPATH": str(REPO_DIR)}
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, __file__, "--child-window", "--db", str(db)],
                                 stdout=subprocess.PIPE, text=True, env=env, cwd=REPO_DIR)
        line = child.stdout.readline()
        times.append(time.perf_counter() - start)
        child.wait(timeout=60)
        if not line.startswith(SHOWN_MARK):
            raise SystemExit(f"the window did not start: {line!r}")
        if line.split()[-1] != "False":
            print("warning: spaCy was imported before the window showed", file=sys.stderr)
    return times


def timed(action: Callable[[], object], settle: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    settle()
    return time.perf_counter() - start


def interaction_times(db: Path, runs: int, settings_file: Path, screenshot: Path | None) -> dict[str, list[float]]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from explorer.core.store import open_store
    from explorer.core.store.queries import document_page, entity_page
    from explorer.ui.app import application
    from explorer.ui.main_window import MainWindow

    app = application()
    window = MainWindow(QSettings(str(settings_file), QSettings.Format.IniFormat))
    window.resize(1440, 900)
    window.show()
    window.open_database(db)
    app.processEvents()
    settle = QApplication.processEvents
    probe = open_store(db, readonly=True)
    rng = random.Random(42)
    top = entity_page(probe, limit=2000)
    entities = [top[i] for i in (0, 1, 4, 19, 99, 499, 1999) if i < len(top)]
    articles = [row.id for row in document_page(probe, limit=5000)]
    probe.close()
    times: dict[str, list[float]] = {"first page": [], "search": [], "select entity": [], "open article": []}
    for run in range(runs):
        window.clear_filters()
        times["first page"].append(timed(window.apply_filter, settle))
        query = SEARCHES[run % len(SEARCHES)]
        times["search"].append(timed(lambda: window.set_search(query), settle))
        window.set_search("")
        entity = entities[run % len(entities)]
        times["select entity"].append(timed(lambda: window.select_entity(entity.id, entity.name), settle))
        window.clear_filters()
        article_id = rng.choice(articles)
        times["open article"].append(timed(lambda: window.show_article(article_id), settle))
    if screenshot is not None:
        window.select_entity(entities[0].id, entities[0].name)
        window.show_article(articles[0])
        settle()
        window.grab().save(str(screenshot))
    window.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--window-runs", type=int, default=3)
    parser.add_argument("--screenshot", type=Path)
    parser.add_argument("--child-window", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not args.db.exists():
        raise SystemExit(f"no database at {args.db}")
    if args.child_window:
        child_window(args.db)
        return
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        settings_file = Path(tmp) / "settings.ini"
        shown = window_times(args.db, args.window_runs, settings_file)
        interactions = interaction_times(args.db, args.runs, settings_file, args.screenshot)
    print(f"{'':<16}{'median ms':>10}{'worst ms':>10}")
    print(f"{'window shown':<16}{statistics.median(shown) * 1000:>10.0f}{max(shown) * 1000:>10.0f}   (target 1500)")
    for name, values in interactions.items():
        print(f"{name:<16}{statistics.median(values) * 1000:>10.1f}{max(values) * 1000:>10.1f}")
    worst = max(statistics.median(values) for values in interactions.values())
    print(f"worst median: {worst * 1000:.0f} ms")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO_DIR))
    main()
