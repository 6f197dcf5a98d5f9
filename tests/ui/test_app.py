"""The window paints before anything slow: no database opened, and none of the heavy modules
the first paint does not need (pandas through sqlite-utils, spaCy, networkx) imported by then."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from explorer.ui.widgets.first_paint import PROBE_ENV, PROBE_MARK

REPO_DIR = Path(__file__).resolve().parents[2]


def _first_paint(args: list[str]) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO_DIR), PROBE_ENV: "1"}
    done = subprocess.run(
        [sys.executable, "-m", "explorer", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_DIR,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(PROBE_MARK)]
    assert done.returncode == 0 and len(lines) == 1, (done.stdout, done.stderr)
    return json.loads(lines[0][len(PROBE_MARK) :])


def test_nothing_heavy_is_imported_and_no_database_opened_before_the_first_paint(tmp_path) -> None:
    db = tmp_path / "not-yet.db"
    loaded = _first_paint(["--db", str(db)])
    assert not {"pandas", "spacy", "networkx"} & set(loaded), loaded
    assert list(tmp_path.iterdir()) == []  # the library is opened (and created) only after the paint


def test_pandas_stays_importable_after_sqlite_utils_was_imported_without_it() -> None:
    code = (
        "import sys, explorer.core; assert 'pandas' not in sys.modules and 'sqlite_utils' in sys.modules;"
        " import pandas; print(pandas.DataFrame({'a': [1]}).shape)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO_DIR)},
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip() == "(1, 1)", done.stderr


def test_after_first_paint_runs_once_after_the_window_is_painted(qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    from explorer.ui.widgets.first_paint import after_first_paint

    label = QLabel("hello")
    qtbot.addWidget(label)
    calls = []
    after_first_paint(label, lambda: calls.append(label.isVisible()))
    assert calls == []
    label.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=3000)
    label.repaint()
    label.update()
    qtbot.wait(50)
    assert calls == [True]


def test_a_closed_window_is_deleted_with_its_chart_before_python_exits(qtbot, tmp_path) -> None:
    """Left to the interpreter's exit, pyqtgraph's items were freed after Python began to go (a crash)."""
    import shiboken6
    from PySide6.QtCore import QSettings

    from explorer.ui.app import close_for_good
    from explorer.ui.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.show()
    chart = window.timeline.plot_widget
    window.close()
    close_for_good(window)
    assert not shiboken6.isValid(window) and not shiboken6.isValid(chart)
    close_for_good(window)  # twice is harmless


def test_the_demo_flag_opens_the_demo_after_the_first_paint(qtbot, monkeypatch) -> None:
    """`knowledge-explorer --demo`, the README's quick start, raised AttributeError at its first paint."""
    from PySide6.QtWidgets import QApplication

    from explorer.ui import app as app_module
    from explorer.ui.actions.import_actions import ImportActions

    opened, after = [], []
    monkeypatch.setattr(app_module, "after_first_paint", lambda window, then: after.append(then))
    monkeypatch.setattr(ImportActions, "open_demo", lambda self: opened.append(self))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    assert app_module.run(demo=True) == 0
    assert len(after) == 1
    after[0]()
    assert len(opened) == 1
