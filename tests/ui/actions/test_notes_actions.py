"""The Article menu: star, tag and note the open article; the list filtered by tag and star."""

from __future__ import annotations

from PySide6.QtCore import Qt

from explorer.core.store.notes import article_notes
from tests.ui.actions.test_curation_actions import written
from tests.ui.conftest import settle


def listed(window) -> int:
    settle(window)
    return window.documents.model.rowCount()


def open_first_article(qtbot, window) -> int:
    window.documents.view.setCurrentIndex(window.documents.model.index(0, 0))
    qtbot.waitUntil(lambda: window.reader.article is not None)
    return window.reader.article.id


def test_star_tag_note_and_filter(qtbot, window, monkeypatch) -> None:
    notes = window.notes
    article_id = open_first_article(qtbot, window)
    notes.star_action.trigger()
    monkeypatch.setattr(notes, "ask_item", lambda *args: "Follow up")
    notes.add_tag_action.trigger()
    monkeypatch.setattr(notes, "ask_text", lambda *args, **kwargs: "Call the ministry")
    notes.note_action.trigger()
    written(qtbot, window)
    settle(window)
    marks = article_notes(window.db, article_id)
    assert (marks.starred, marks.tags, marks.note) == (True, ("Follow up",), "Call the ministry")
    assert "★" in window.statusBar().currentMessage() and "Follow up" in window.statusBar().currentMessage()
    model = window.documents.model
    row = model.row_of(article_id)
    assert model.index(row, model.TAGS_COLUMN).data() == "✎ Follow up"
    assert "★" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)

    monkeypatch.setattr(notes, "ask_item", lambda *args: "follow up")
    notes.filter_tag_action.trigger()
    assert listed(window) == 1
    assert [text for _, text, _ in window.state.chips()] == ["#follow up"]
    window.state.remove(("tag", "follow up"))
    assert listed(window) > 1
    notes.starred_only_action.trigger()
    assert listed(window) == 1 and window.state.document_filter().starred
    window.state.clear()
    assert not notes.starred_only_action.isChecked() and listed(window) > 1
