"""How fast the window answers on a real database, and how much memory it takes.

    .venv/bin/python benchmarks/ui_latency.py --db FILE [--runs 7] [--json OUT] [--screenshot window.png]

Measures, each several times (the median and the worst are printed):
- window shown: a fresh interpreter from start until the window is on screen over FILE
  (target 2 s);
- first page: the document list reset to no filter (first page, counts, timeline, repaint);
- deep page: the next page after 10,000 rows scrolled through;
- sort by date: the list sorted by title, then by date (a header click);
- search: a full-text search typed in the box (list, count, repaint);
- select entity: one of the five most mentioned entities selected, as a click on a mention
  does (list, count, entity table, timeline);
- two entities: two of them selected together in the entity table;
- open article: an article opened in the reader with its highlights;
- top 100 entities: the entity table sorted by name, then by mentions (its first 100 rows);
- 3-year range: a range of three years chosen on the timeline (list, count, chart);
- entity detail opens: the detail dialog of one of the five most mentioned entities, from the
  call until it has painted its name and counts (its sections are read after; target 200 ms).
The interactions run in a child process whose peak resident memory is reported as the app's.
The last line is ``worst median: N ms``, the slowest median of the interactions (window shown
apart; target: under 100 ms). Run with ``QT_QPA_PLATFORM=offscreen`` where there is no screen.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[1]
SEARCHES = ("oil", "trade deficit", '"interest rates"', "bank*", "wheat OR corn", "opec NOT saudi", "title:gold")
SHOWN_MARK = "window shown"
DEEP_ROWS = 10_000
TOP_ENTITIES = 5
INTERACTIONS = (
    "first page",
    "deep page",
    "sort by date",
    "search",
    "select entity",
    "two entities",
    "open article",
    "top 100 entities",
    "3-year range",
    "entity detail opens",
)


def _child_env(settings_file: Path) -> dict[str, str]:
    return {**os.environ, "UI_LATENCY_SETTINGS": str(settings_file), "PYTHONPATH": str(REPO_DIR)}


def _settings():
    from PySide6.QtCore import QSettings

    return QSettings(os.environ["UI_LATENCY_SETTINGS"], QSettings.Format.IniFormat)


def child_window(db: Path) -> None:
    """Child process: show the window over ``db`` and say when it is on screen."""
    from PySide6.QtWidgets import QApplication

    from explorer.ui.app import application
    from explorer.ui.main_window import MainWindow

    app = application()
    window = MainWindow(_settings())
    window.show()
    window.open_database(db)
    QApplication.processEvents()
    print(SHOWN_MARK, "spacy" in sys.modules, flush=True)
    window.close()
    app.quit()


def window_times(db: Path, runs: int, settings_file: Path) -> list[float]:
    """Wall time from starting a Python process to the window being on screen."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, __file__, "--child-window", "--db", str(db)],
            stdout=subprocess.PIPE,
            text=True,
            env=_child_env(settings_file),
            cwd=REPO_DIR,
        )
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


def interaction_times(db: Path, runs: int, screenshot: Path | None) -> dict[str, list[float]]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from explorer.core.store import open_store
    from explorer.core.store.queries import document_page, entity_page
    from explorer.core.store.timeline import date_extent
    from explorer.ui.app import application
    from explorer.ui.main_window import MainWindow

    app = application()
    window = MainWindow(_settings())
    window.resize(1440, 900)
    window.show()
    window.open_database(db)
    app.processEvents()
    settle = QApplication.processEvents
    probe = open_store(db, readonly=True)
    rng = random.Random(42)
    entities = entity_page(probe, limit=TOP_ENTITIES)
    articles = [row.id for row in document_page(probe, limit=5000)]
    extent = date_extent(probe)
    probe.close()
    documents, entity_model = window.documents, window.entities.model
    times: dict[str, list[float]] = {name: [] for name in INTERACTIONS}

    def measure(name: str, action: Callable[[], object]) -> None:
        times[name].append(timed(action, settle))

    def scroll_deep() -> None:
        while documents.model.rowCount() < DEEP_ROWS and documents.model.canFetchMore():
            documents.model.fetchMore()

    for run in range(runs):
        window.state.clear()
        measure("first page", window.sync.apply_filter)
        scroll_deep()
        settle()
        measure("deep page", documents.model.fetchMore)
        documents.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        settle()
        order = Qt.SortOrder.DescendingOrder if run % 2 else Qt.SortOrder.AscendingOrder
        measure("sort by date", partial(documents.view.sortByColumn, documents.model.DATE_COLUMN, order))
        documents.view.sortByColumn(documents.model.DATE_COLUMN, Qt.SortOrder.DescendingOrder)
        query = SEARCHES[run % len(SEARCHES)]
        measure("search", partial(window.reading.set_search, query))
        window.reading.set_search("")
        entity = entities[run % len(entities)]
        measure("select entity", partial(window.select_entity, entity.id, entity.name))
        window.state.clear()
        pair = [entities[run % len(entities)], entities[(run + 1) % len(entities)]]
        measure("two entities", partial(window.entities.selection_edited.emit, [(e.id, e.name) for e in pair], []))
        window.state.clear()
        article_id = rng.choice(articles)
        measure("open article", partial(window.reading.show_article, article_id))
        entity_model.sort(0, Qt.SortOrder.AscendingOrder)
        settle()
        by_mentions = partial(entity_model.sort, entity_model.MENTIONS_COLUMN, Qt.SortOrder.DescendingOrder)
        measure("top 100 entities", by_mentions)
        if extent is not None:
            first, last = extent
            start = first + timedelta(days=rng.randrange(max(1, (last - first).days - 3 * 365)))
            end = date(start.year + 3, start.month, 1) - timedelta(days=1)
            measure("3-year range", partial(window.state.set_date_range, start, end))
        detailed = entities[run % len(entities)]
        # Painted at once (repaint); not settled, which would read the sections queued after it.
        opening = partial(window.reading.open_entity_detail, detailed.id)
        times["entity detail opens"].append(timed(lambda: opening().repaint(), lambda: None))  # noqa: B023 (called now)
        dialog = window.reading.entity_detail
        while not dialog.is_loaded():  # its sections, read after it showed
            app.processEvents()
        dialog.close()
    if screenshot is not None:
        window.state.clear()
        window.select_entity(entities[0].id, entities[0].name)
        window.reading.show_article(articles[0])
        settle()
        window.grab().save(str(screenshot))
    window.close()
    return times


def peak_memory_mb() -> float:
    """This process's resident peak. ``VmHWM`` belongs to the running program alone, whereas
    Linux's ``ru_maxrss`` keeps the peak of the parent that forked it (before ``exec``)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) / 1024


def child_interactions(db: Path, runs: int, screenshot: Path | None) -> None:
    """Child process: run the interactions, then print them and the peak memory as JSON."""
    times = interaction_times(db, runs, screenshot)
    peak_mb = peak_memory_mb()
    print(json.dumps({"interactions": times, "peak_mb": peak_mb}), flush=True)


def measure_all(db: Path, runs: int, window_runs: int, screenshot: Path | None = None) -> dict:
    """Every figure of one database: times in seconds per interaction, window times, peak MB."""
    with tempfile.TemporaryDirectory() as tmp:
        settings_file = Path(tmp) / "settings.ini"
        shown = window_times(db, window_runs, settings_file)
        command = [sys.executable, __file__, "--child-interactions", "--db", str(db), "--runs", str(runs)]
        if screenshot is not None:
            command += ["--screenshot", str(screenshot)]
        done = subprocess.run(
            command, stdout=subprocess.PIPE, text=True, env=_child_env(settings_file), cwd=REPO_DIR, check=True
        )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {"window shown": shown, **result}


def summary_lines(result: dict) -> list[str]:
    shown = result["window shown"]
    lines = [
        f"{'':<18}{'median ms':>10}{'worst ms':>10}",
        f"{'window shown':<18}{statistics.median(shown) * 1000:>10.0f}{max(shown) * 1000:>10.0f}   (target 2000)",
    ]
    for name, values in result["interactions"].items():
        if values:
            lines.append(f"{name:<18}{statistics.median(values) * 1000:>10.1f}{max(values) * 1000:>10.1f}")
    lines.append(f"peak memory: {result['peak_mb']:.0f} MB")
    worst = max(statistics.median(values) for values in result["interactions"].values() if values)
    lines.append(f"worst median: {worst * 1000:.0f} ms")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--window-runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write every measured time here")
    parser.add_argument("--screenshot", type=Path)
    parser.add_argument("--child-window", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-interactions", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not args.db.exists():
        raise SystemExit(f"no database at {args.db}")
    if args.child_window:
        child_window(args.db)
        return
    if args.child_interactions:
        child_interactions(args.db, args.runs, args.screenshot)
        return
    result = measure_all(args.db, args.runs, args.window_runs, args.screenshot)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print("\n".join(summary_lines(result)))


if __name__ == "__main__":
    sys.path.insert(0, str(REPO_DIR))
    main()
