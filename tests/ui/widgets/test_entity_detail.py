"""The entity detail dialog: opened from the entity panel, its numbers, and its way to the reader."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from explorer.core.store.detail import Kwic
from explorer.core.store.queries import find_entity
from explorer.ui.widgets.entity_detail import kwic_columns
from tests.ui.conftest import settle


def open_detail(qtbot, window, name: str):
    settle(window)
    entity = find_entity(window.db, name)
    model = window.entities.model
    row = model.row_of(entity.id)
    window.entities.view.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(window.entities.view, Qt.Key.Key_Return)
    dialog = window.reading.entity_detail
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.is_loaded, timeout=5000)  # the sections are read after the dialog shows
    return entity, dialog


def test_enter_in_the_entity_panel_opens_the_detail(qtbot, window) -> None:
    entity, dialog = open_detail(qtbot, window, "Pakistan")
    assert dialog.title_label.text() == "Pakistan"
    assert f"{entity.mentions} mentions in {entity.articles} articles" in dialog.facts_label.text()
    assert dialog.facts_label.text().endswith("first seen 7 Jun 2023, last seen 2 Sep 2023")
    assert dialog.aliases_label.text().startswith("Written as: Pakistan (")
    rows = dialog.kwic_rows()
    assert len(rows) == entity.mentions and {mention for _, mention, _ in rows} == {"Pakistan"}
    assert dialog.articles_table.rowCount() == 0  # read when its tab is first shown
    dialog.tabs.setCurrentIndex(1)
    qtbot.waitUntil(dialog.is_loaded, timeout=5000)  # read in the background
    assert dialog.articles_table.rowCount() == entity.articles
    plotted = dialog.timeline.plotted()
    assert list(plotted) == ["Pakistan"]
    assert sum(plotted["Pakistan"][1]) + dialog.timeline.undated()["Pakistan"] == entity.mentions


def test_a_mention_opens_the_article_at_that_spot(qtbot, window) -> None:
    entity, dialog = open_detail(qtbot, window, "Islamabad")
    table = dialog.kwic_table
    rect = table.visualItemRect(table.item(0, 3))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.reader.article.title == "Floods in Pakistan"
    assert window.reader.text.textCursor().selectedText() == "Islamabad"


def test_related_entities_are_listed_after_opening(qtbot, window) -> None:
    _, dialog = open_detail(qtbot, window, "Xi Jinping")
    assert dialog.tabs.tabText(2) == "Related"  # read when the tab is first shown
    dialog.tabs.setCurrentIndex(2)
    qtbot.waitUntil(
        lambda: dialog.related_table.rowCount() > 0 or dialog.tabs.tabText(2) == "Related (0)", timeout=3000
    )
    # Each hand-built article is one sentence; Xi Jinping shares one with the others: below the minimum.
    assert dialog.related_names() == []


def test_kwic_columns_cut_long_contexts() -> None:
    text = "a" * 200 + "NAME" + "b" * 200
    line = Kwic(1, "t", None, 0, 4, text, ((200, 204),))
    left, mention, right = kwic_columns(line, width=10)
    assert (left, mention, right) == ("…" + "a" * 9, "NAME", "b" * 9 + "…")


def test_ctrl_i_opens_the_detail_of_an_entity_clicked_in_the_reader(qtbot, window) -> None:
    xinhua = find_entity(window.db, "Xinhua")
    window.reader.entity_activated.emit(xinhua.id, "Xinhua")  # what a click on a mention sends
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert window.reading.entity_detail.isVisible() and window.reading.entity_detail.title_label.text() == "Xinhua"


def test_the_detail_says_which_country_a_nationality_is_a_group_of(qtbot, tmp_path) -> None:
    import hashlib

    from explorer.core.model import ArticleDraft, Mention
    from explorer.core.store import open_store
    from explorer.core.store.writer import add_batch
    from explorer.ui.widgets.entity_detail import EntityDetailDialog

    text = "Chinese envoys reached China."
    db = open_store(tmp_path / "groups.db")
    add_batch(
        db,
        [
            (
                ArticleDraft(title="Envoys", body=text, sha256=hashlib.sha256(text.encode()).hexdigest(), words=4),
                [Mention(0, 7, "Chinese", "group"), Mention(22, 27, "China", "place")],
            )
        ],
    )
    dialog = EntityDetailDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.show_entity(find_entity(db, "Chinese").id)
    assert dialog.facts_label.text().startswith("group · group of China · 1 mention in 1 article")
    assert dialog.show_entity(find_entity(db, "China").id)
    assert dialog.facts_label.text().startswith("place · has group Chinese · 1 mention")


def test_the_left_context_is_cut_at_its_start_to_keep_the_words_next_to_the_mention(qtbot, window) -> None:
    _entity, dialog = open_detail(qtbot, window, "Pakistan")
    table = dialog.kwic_table
    option = QStyleOptionViewItem()
    table.itemDelegateForColumn(2).initStyleOption(option, table.model().index(0, 2))
    assert option.textElideMode == Qt.TextElideMode.ElideLeft
    assert table.itemDelegateForColumn(4) is None  # the right context keeps the view's cut at its end


def test_the_dialog_shows_before_its_sections_and_pages_to_the_last_mention(qtbot, tmp_path, monkeypatch) -> None:
    from explorer.ui.widgets import entity_detail
    from explorer.ui.widgets.entity_detail import EntityDetailDialog
    from tests.store_builder import build_store, draft

    monkeypatch.setattr(entity_detail, "KWIC_PAGE", 7)
    stories = [draft(f"Report {i}", "Oslo spoke. " * (1 + i % 3) + "Rain.") for i in range(25)]
    db = build_store(tmp_path / "many.db", stories, {"Oslo": ("Oslo", "place")})
    oslo = find_entity(db, "Oslo")
    dialog = EntityDetailDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.show_entity(oslo.id)
    assert dialog.title_label.text() == "Oslo" and not dialog.is_loaded()
    assert dialog.kwic_table.rowCount() == 0  # nothing read yet: the dialog can paint at once
    dialog.show()
    qtbot.waitUntil(dialog.is_loaded, timeout=5000)
    assert 7 <= dialog.kwic_table.rowCount() < oslo.mentions
    assert dialog.tabs.tabText(0) == f"Mentions ({dialog.kwic_table.rowCount()} of {oslo.mentions})"
    pages = 1
    while dialog.can_fetch_more_mentions():
        dialog.fetch_more_mentions()
        pages += 1
    assert dialog.kwic_table.rowCount() == oslo.mentions and pages > 2
    assert dialog.tabs.tabText(0) == f"Mentions ({oslo.mentions})"
    titles = [dialog.kwic_table.item(r, 1).text() for r in range(dialog.kwic_table.rowCount())]
    assert sorted(set(titles), key=lambda t: int(t.split()[1])) == [f"Report {i}" for i in range(25)]


def test_scrolling_to_the_end_reads_the_next_page(qtbot, tmp_path, monkeypatch) -> None:
    from explorer.ui.widgets import entity_detail
    from explorer.ui.widgets.entity_detail import EntityDetailDialog
    from tests.store_builder import build_store, draft

    monkeypatch.setattr(entity_detail, "KWIC_PAGE", 30)
    db = build_store(
        tmp_path / "scroll.db", [draft(f"R{i}", "Oslo spoke.") for i in range(90)], {"Oslo": ("Oslo", "place")}
    )
    dialog = EntityDetailDialog(db)
    qtbot.addWidget(dialog)
    dialog.show_entity(find_entity(db, "Oslo").id)
    dialog.show()
    qtbot.waitUntil(dialog.is_loaded, timeout=5000)
    assert dialog.kwic_table.rowCount() == 30
    dialog.tabs.setCurrentIndex(0)
    bar = dialog.kwic_table.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert dialog.kwic_table.rowCount() == 60


def test_the_detail_says_why_names_were_linked(qtbot, window) -> None:
    reason = "linked because “PK” spells the initials of “Pakistan” and 3 articles name both"
    window.db.conn.execute(
        "INSERT INTO rules (kind, payload, created_at) VALUES ('merge', ?, '2026-12-03')",
        (f'{{"into": "pakistan", "keys": ["pk"], "name": "Pakistan", "reason": "{reason}"}}',),
    )
    window.db.conn.commit()
    _, dialog = open_detail(qtbot, window, "Pakistan")
    assert dialog.aliases_label.text().endswith(
        "\nLinked because “PK” spells the initials of “Pakistan” and 3 articles name both."
    )
