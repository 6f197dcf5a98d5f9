"""Names, titles and paths that look like markup are shown as typed: in message boxes, labels,
dialog labels, window titles, menus, filter chips and the timeline."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMessageBox

from explorer.core.store.queries import find_entity
from tests.message_boxes import record_message_boxes, shown
from tests.store_builder import build_store, draft
from tests.ui.actions.test_curation_actions import select
from tests.ui.actions.test_delete_action import choose

MARKUP = "<b>bold</b> &amp; [*]"
NAME = f"Lahore {MARKUP}"


def markup_path(tmp_path, name: str):
    """A path whose text holds MARKUP whole (its "/" makes "<b>bold<" a folder)."""
    path = tmp_path / f"{MARKUP} {name}"
    path.parent.mkdir(parents=True)
    return path


@pytest.fixture
def marked_up_db(tmp_path):
    """An entity named with markup, in dated articles and in an undated one."""
    path = tmp_path / "names.db"
    stories = [draft(f"Talks {i}", f"{NAME} met Pakistan, day {i}.", date(2023, 5, i) if i else None) for i in range(3)]
    build_store(path, stories, {NAME: (NAME, "place"), "Pakistan": ("Pakistan", "place")}).close()
    return path


def test_a_refused_database_path_is_quoted_as_plain_text(make_window, tmp_path, monkeypatch):
    junk = markup_path(tmp_path, "notes.db")
    junk.write_text("not a database")
    window = make_window()
    boxes = record_message_boxes(monkeypatch)
    assert not window.open_database(junk)
    [box] = boxes
    assert box.icon == QMessageBox.Icon.Warning and box.text_format == Qt.TextFormat.PlainText
    assert str(junk) in box.text and "not a Knowledge Explorer database" in box.text


def test_an_open_database_path_shows_literally(make_window, news_db, tmp_path):
    path = markup_path(tmp_path, "news.db")
    shutil.copy(news_db, path)
    window = make_window(path)
    assert window.windowHandle().title() == f"{path.name} — Knowledge Explorer"
    label = window.welcome.database_label
    assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == f"Database: {path}"
    window.files.fill_recent_menu()
    recent = window.recent_menu.actions()[0]
    assert recent.iconText() == str(path) and QKeySequence.mnemonic(recent.text()).isEmpty()


def test_the_delete_question_quotes_the_title_as_plain_text(qtbot, window, monkeypatch):
    title = "Markup in a wire story <b>x</b>"
    choose(qtbot, window, title)
    boxes = record_message_boxes(monkeypatch, answer=QMessageBox.StandardButton.No)
    assert not window.deletion.delete_current()
    [box] = boxes
    assert box.icon == QMessageBox.Icon.Question and box.text_format == Qt.TextFormat.PlainText
    assert box.text.startswith(f"“{title}” will be deleted")
    assert window.documents.model.row_of(window.reader.article.id) is not None


def test_an_entity_named_with_markup_shows_literally(qtbot, make_window, marked_up_db, monkeypatch):
    window = make_window(marked_up_db)
    select(window, NAME)
    boxes = record_message_boxes(monkeypatch)
    window.curation.split()
    assert [(box.text_format, box.text) for box in boxes] == [
        (Qt.TextFormat.PlainText, f"{NAME} has no other name to split off: it is always written the same way.")
    ]
    labels = []
    monkeypatch.setattr(
        QInputDialog, "getText", lambda parent, title, label, text="": labels.append(label) or ("", False)
    )
    window.curation.rename()
    assert [shown(label) for label in labels] == [f"New name for {NAME}:"]
    chip = window.documents.filter_bar.chips[("entity", find_entity(window.db, NAME).id)]
    assert QKeySequence.mnemonic(chip.text()).isEmpty()
    qtbot.waitUntil(lambda: not window.timeline.reading(), timeout=5000)
    assert [label.item.toPlainText() for _, label in window.timeline.legend.items] == [NAME]
    assert shown(window.timeline.undated_label.toolTip()).endswith(f"\n{NAME}: 1")
    dialog = window.reading.open_entity_detail(find_entity(window.db, NAME).id)
    assert dialog.windowHandle().title() == f"{NAME} — Entity"
