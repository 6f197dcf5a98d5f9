"""The application in a real X window (Xvfb), through Qt's xcb platform as on a Linux desktop.

Runs the installed command in a subprocess: the test process itself uses the offscreen platform.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import date

import pytest

from tests.store_builder import build_store, draft

SCRIPT = """
import sys
from PySide6.QtCore import QSettings, QTimer
from explorer.ui.app import application
from explorer.ui.main_window import MainWindow

app = application()
window = MainWindow(QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show()
window.open_database(sys.argv[1])

def finish():
    assert app.platformName() == "xcb", app.platformName()
    window.grab().save(sys.argv[3])
    print("status:", window.count_label.text())
    app.quit()

QTimer.singleShot(1500, finish)
sys.exit(app.exec())
"""


@pytest.fixture
def display():
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (.ci/run installs it)")
    number = 90 + os.getpid() % 100
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = f"/tmp/.X11-unix/X{number}"
    for _ in range(100):
        if os.path.exists(socket):
            break
        time.sleep(0.05)
    yield f":{number}"
    server.terminate()
    server.wait()


def test_main_window_opens_in_a_real_x_window(display, tmp_path):
    db_path = tmp_path / "news.db"
    articles = [draft(f"Harbour news {i}", f"Ships reached Lisbon on day {i}.", date(2024, 5, i)) for i in (1, 2, 3)]
    build_store(db_path, articles, {"Lisbon": ("Lisbon", "place")}).close()
    shot = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(db_path), str(tmp_path / "settings.ini"), str(shot)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "3 articles" in result.stdout
    assert shot.stat().st_size > 10_000
