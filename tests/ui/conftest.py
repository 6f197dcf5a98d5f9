"""A small news database built by hand (no spaCy), settings in a temporary file, the window."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from explorer.core.model import Span
from explorer.ui.main_window import MainWindow
from tests.store_builder import build_store, draft

NAMES = {
    "Pakistan": ("Pakistan", "place"),
    "China": ("China", "place"),
    "Beijing": ("Beijing", "place"),
    "Islamabad": ("Islamabad", "place"),
    "India": ("India", "place"),
    "Tokyo": ("Tokyo", "place"),
    "Xi Jinping": ("Xi Jinping", "person"),
    "Shehbaz Sharif": ("Shehbaz Sharif", "person"),
    "Xinhua": ("Xinhua", "organisation"),
    "Reuters": ("Reuters", "organisation"),
}

STORIES = [
    draft(
        "Pakistan and China agree a security plan",
        "Pakistan and China agreed a joint plan. Shehbaz Sharif met Xi Jinping in Beijing, Xinhua said. "
        "Pakistan welcomed it.",
        date(2023, 6, 7),
        source="Reuters",
    ),
    draft(
        "Floods in Pakistan",
        "Floods hit Pakistan; Islamabad asked for help. Pakistan needs aid. Pakistan’s army helped.",
        date(2023, 8, 20),
        source="Reuters",
    ),
    draft("Trade talks in Beijing", "China hosted talks in Beijing with India.", date(2023, 6, 9), source="Xinhua"),
    draft("Cricket: Pakistan beat India", "Pakistan beat India in Colombo.", date(2023, 9, 2)),
    draft("An undated note on Pakistan", "Pakistan and India, no date here.", None),
    draft(
        "Markup in a wire story <b>x</b>",
        "The file says <b>x</b> <script>alert(1)</script> &amp; mentions China once.",
        date(2023, 7, 1),
    ),
]
FILLER = 430  # more than two pages of the list (page size 200)


def filler() -> Iterator:
    for i in range(FILLER):
        yield draft(
            f"Market report {i:03d}",
            f"Shares rose in Tokyo on day {i}.",
            date(2023, 1, 1) + timedelta(days=i % 365),
            source="Wire",
        )


def settle(window: MainWindow, timeout_s: float = 10.0) -> None:
    """Wait until the window's background reads (the list's first page, counts, charts) ended."""
    deadline = time.monotonic() + timeout_s
    while not window.tasks.idle():
        assert time.monotonic() < deadline, "the window's background tasks did not end"
        QApplication.processEvents()
        time.sleep(0.002)


@pytest.fixture(autouse=True)
def no_unexpected_message_box(monkeypatch):
    """Offscreen, a message box waits for a click that never comes and the run hangs (a timeout
    cannot interrupt Qt's modal loop): one that no test expected fails the test instead. Tests
    that expect one record them (``tests.message_boxes.record_message_boxes``)."""

    def refuse(kind: str):
        def refused(parent, title, text, *args, **kwargs):
            raise AssertionError(f"unexpected {kind} message box: {title}: {text}")

        return refused

    def refuse_built(box: QMessageBox) -> int:
        raise AssertionError(f"unexpected message box: {box.windowTitle()}: {box.text()}")

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, refuse(kind))
    monkeypatch.setattr(QMessageBox, "exec", refuse_built)


@pytest.fixture(scope="session")
def news_db_file(tmp_path_factory) -> Path:
    """Built once; tests that write to it copy it first (see ``news_db``)."""
    path = tmp_path_factory.mktemp("news") / "news.db"
    build_store(path, [*STORIES, *filler()], NAMES).close()
    return path


@pytest.fixture
def news_db(news_db_file, tmp_path) -> Path:
    path = tmp_path / "news.db"
    path.write_bytes(news_db_file.read_bytes())
    return path


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings):
    """Windows on a given database; each is shown and closed at the end of the test."""
    windows = []

    def make(db_path: Path | None = None) -> MainWindow:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        if db_path is not None:
            assert window.open_database(db_path)
            settle(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.imports.runner is not None:
            window.imports.runner.cancel()
            window.imports.wait()


@pytest.fixture
def window(make_window, news_db) -> MainWindow:
    return make_window(news_db)


class FakeExtractor:
    """Stands in for spaCy: every capitalised word of a known place is a GPE span."""

    places = {"Pakistan", "China", "India", "Tokyo"}

    def __init__(self, model: str = "") -> None:
        pass

    def use_gazetteer(self, entries) -> None:
        """The user's gazetteer is the real extractor's business; the fake ignores it."""

    def pipe(self, items, *, n_process: int = 1, batch_size: int = 64):
        for text, context in items:
            spans = [
                Span(m.start(), m.end(), "GPE") for m in re.finditer(r"\b[A-Z]\w+", text) if m.group() in self.places
            ]
            yield spans, context


@pytest.fixture
def fake_extractor(monkeypatch):
    """Imports without loading a model (fast, deterministic); the real path is tested with the seed."""
    import explorer.core.ops.pipeline as pipeline

    monkeypatch.setattr(pipeline, "Extractor", FakeExtractor)
    return FakeExtractor
