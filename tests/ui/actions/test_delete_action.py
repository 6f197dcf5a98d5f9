"""Article ▸ Delete Article… and the Delete key in the list: asked first, then everything follows."""

from __future__ import annotations

from PySide6.QtCore import Qt

from explorer.core.store.queries import find_entity
from tests.ui.conftest import settle


def choose(qtbot, window, title: str) -> int:
    settle(window)
    model = window.documents.model
    row = next(i for i, r in enumerate(model.rows) if r.title == title)
    window.documents.view.setCurrentIndex(model.index(row, 0))
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.title == title)
    return window.reader.article.id


def test_delete_asks_and_declining_keeps_the_article(qtbot, window, monkeypatch) -> None:
    article_id = choose(qtbot, window, "Floods in Pakistan")
    asked = []
    monkeypatch.setattr(window.deletion, "confirm", lambda title: asked.append(title) or False)
    assert not window.deletion.delete_current()
    assert asked == ["Floods in Pakistan"]
    assert window.documents.model.row_of(article_id) is not None


def test_delete_key_in_the_list_removes_the_article_everywhere(qtbot, window, monkeypatch) -> None:
    monkeypatch.setattr(window.deletion, "confirm", lambda title: True)
    assert window.deletion.action in window.notes.menu.actions()
    before = window.total_articles
    islamabad = find_entity(window.db, "Islamabad")
    pakistan_articles = find_entity(window.db, "Pakistan").articles
    article_id = choose(qtbot, window, "Floods in Pakistan")
    window.select_entity(find_entity(window.db, "Pakistan").id, "Pakistan")
    choose(qtbot, window, "Floods in Pakistan")
    window.documents.view.setFocus()
    qtbot.keyClick(window.documents.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.total_articles == before - 1)
    settle(window)
    model = window.documents.model
    assert model.row_of(article_id) is None
    assert find_entity(window.db, "Islamabad") is None and islamabad is not None  # only mentioned there
    assert find_entity(window.db, "Pakistan").articles == pakistan_articles - 1
    entity_rows = {row.name: row.articles for row in window.entities.model.rows}
    assert "Islamabad" not in entity_rows and entity_rows["Pakistan"] == pakistan_articles - 1
    qtbot.waitUntil(lambda: not window.count_label.counting(), timeout=5000)
    assert window.count_label.text() == f"{pakistan_articles - 1} of {before - 1:,} articles match"
    assert window.reader.article is not None and window.reader.article.id != article_id  # the next one opens
    assert "Deleted" in window.statusBar().currentMessage()


def test_delete_key_in_the_search_field_edits_text(qtbot, window, monkeypatch) -> None:
    monkeypatch.setattr(window.deletion, "confirm", lambda title: True)
    before = window.total_articles
    choose(qtbot, window, "Floods in Pakistan")
    field = window.documents.search_field
    field.setText("abc")
    field.setFocus()
    field.setCursorPosition(0)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.text() == "bc" and window.total_articles == before
