"""How long the window takes to be on screen, against a bare PySide6 + pyqtgraph window.

    QT_QPA_PLATFORM=offscreen python benchmarks/startup.py [--db FILE] [--runs 7]
    xvfb-run -a python benchmarks/startup.py --platform xcb --db FILE

Each run starts a fresh interpreter and times it from start until its window's first paint,
both the same way (``explorer.ui.widgets.first_paint.after_first_paint``): the bare window (a
table, a text view and a pyqtgraph plot) and ``knowledge-explorer --db FILE`` with
``KNOWLEDGE_EXPLORER_STARTUP_PROBE`` set, which prints at its first paint which heavy modules
were imported by then and quits. The two alternate, so that both meet the same load; a first
run of each is not counted (it warms the page cache), and the children may write bytecode
(``PYTHONDONTWRITEBYTECODE`` is dropped for them), as an installed program has it. Prints
both medians, the modules loaded at the app's first paint and last ``ratio: X.XX`` (the app's
median over the bare window's; the goal is 1.3 at most).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_DIR))

from explorer.ui.widgets.first_paint import PROBE_ENV, PROBE_MARK  # noqa: E402


def bare_window() -> None:
    """Child process: the bare window, reporting its first paint as the app does."""
    import pyqtgraph as pg
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QSplitter, QTableView

    from explorer.ui.widgets.first_paint import after_first_paint, report_first_paint

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    model = QStandardItemModel(50, 3)
    for row in range(50):
        for column in range(3):
            model.setItem(row, column, QStandardItem(f"cell {row}, {column}"))
    table = QTableView()
    table.setModel(model)
    text = QPlainTextEdit("A bare window: a table, a text view and a plot.")
    plot = pg.PlotWidget()
    plot.plot(list(range(100)), [i * i for i in range(100)])
    splitter = QSplitter()
    for widget in (table, text, plot):
        splitter.addWidget(widget)
    window.setCentralWidget(splitter)
    window.resize(1200, 800)
    after_first_paint(window, report_first_paint)
    window.show()
    app.exec()


def _time_to_first_paint(command: list[str], env: dict[str, str]) -> tuple[float, list[str]]:
    """Seconds from starting ``command`` to its first-paint line, and the modules it names."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=REPO_DIR
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    seconds = time.perf_counter() - start
    child.wait(timeout=60)
    if not line.startswith(PROBE_MARK):
        raise SystemExit(f"{command[1:]} painted no window: {line!r}")
    return seconds, json.loads(line[len(PROBE_MARK) :])


def measure(db: Path | None, runs: int, platform: str) -> tuple[list[float], list[float], list[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": platform, "PYTHONPATH": str(REPO_DIR), PROBE_ENV: "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    bare_command = [sys.executable, __file__, "--child-bare"]
    app_command = [sys.executable, "-m", "explorer"] + (["--db", str(db)] if db else [])
    bare, app, modules = [], [], []
    _time_to_first_paint(bare_command, env)  # warm-up: page cache and bytecode
    _time_to_first_paint(app_command, env)
    for _ in range(runs):
        bare.append(_time_to_first_paint(bare_command, env)[0])
        seconds, modules = _time_to_first_paint(app_command, env)
        app.append(seconds)
    return bare, app, modules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="the library the app opens (default: the user's last one)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--platform",
        default=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        help="Qt platform plugin for both windows (default: QT_QPA_PLATFORM, else offscreen)",
    )
    parser.add_argument("--child-bare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_bare:
        bare_window()
        return
    if args.db is not None and not args.db.exists():
        raise SystemExit(f"no database at {args.db}")
    bare, app, modules = measure(args.db, args.runs, args.platform)
    print(f"platform {args.platform}, {args.runs} runs each, load average {os.getloadavg()[0]:.1f}")
    print(
        f"bare PySide6 + pyqtgraph window: median {statistics.median(bare) * 1000:.0f} ms"
        f" (fastest {min(bare) * 1000:.0f})"
    )
    print(
        f"knowledge-explorer:              median {statistics.median(app) * 1000:.0f} ms"
        f" (fastest {min(app) * 1000:.0f})"
    )
    print(f"imported at the app's first paint: {', '.join(modules) or 'none of the heavy modules'}")
    print(f"ratio: {statistics.median(app) / statistics.median(bare):.2f}")


if __name__ == "__main__":
    main()
