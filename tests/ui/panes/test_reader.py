"""The reader on hand-made articles: offsets beyond the BMP, tooltips, literal text, find."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QToolTip

from explorer.core.store.queries import ArticleView, EntityRow, MentionView
from explorer.ui.entity_style import type_colour
from explorer.ui.panes.reader import ReaderWidget, describe_date, utf16_positions


def view_of(body: str, names: dict[str, tuple[int, str]], **fields) -> ArticleView:
    mentions = []
    for surface, (entity_id, entity_type) in names.items():
        start = body.index(surface)
        entity = EntityRow(entity_id, surface, entity_type, 3, 9)
        mentions.append(MentionView(start, start + len(surface), entity_id, entity_type, entity))
    values = dict(
        id=1,
        title="T",
        body=body,
        published="2024-02-29",
        date_source="file name",
        source=None,
        source_origin=None,
        path="/a/b.txt",
        words=len(body.split()),
        imported_at="now",
    )
    values.update(fields)
    return ArticleView(**values, mentions=tuple(mentions), in_article={m.entity_id: 1 for m in mentions})


def test_offsets_after_characters_beyond_the_bmp(qtbot):
    reader = ReaderWidget()
    qtbot.addWidget(reader)
    body = "Flags 🇵🇰 and 🎉 then Pakistan & <b>Lahore</b>."
    reader.show_article(
        view_of(body, {"Pakistan": (1, "place"), "Lahore": (2, "place")}),
        hits=[(body.index("then"), body.index("then") + 4)],
    )
    document_text = reader.text.toPlainText()
    assert document_text == body
    positions = utf16_positions(body)
    for name in ("Pakistan", "Lahore"):
        start = positions[body.index(name)]
        cursor = QTextCursor(reader.text.document())
        cursor.setPosition(start + 1)  # a cursor reports the format of the character before it
        assert cursor.charFormat().background().color().rgb() == type_colour("place").rgb()
        cursor.setPosition(start)
        assert cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush
    cursor = QTextCursor(reader.text.document())
    cursor.setPosition(positions[body.index("then")] + 1)
    assert cursor.charFormat().background().color().name() == "#ffd54f"  # the search hit
    assert utf16_positions("plain ascii") is None


def test_tooltip_names_entity_type_and_counts_literally(qtbot):
    reader = ReaderWidget()
    qtbot.addWidget(reader)
    reader.resize(600, 300)
    reader.show()
    qtbot.waitExposed(reader)
    body = "Talks with <i>Acme</i> Corp went well."
    reader.show_article(view_of(body, {"<i>Acme</i> Corp": (7, "organisation")}))
    text = reader.text
    cursor = QTextCursor(text.document())
    cursor.setPosition(body.index("Acme") + 1)
    point = text.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, text.viewport().mapToGlobal(point))
    text.viewportEvent(event)
    tip = QToolTip.text()
    assert "<b>&lt;i&gt;Acme&lt;/i&gt; Corp</b> — organisation" in tip
    assert "1 mention in this article" in tip and "9 mentions in 3 articles" in tip
    assert text.mention_at(QPoint(text.viewport().width() - 2, text.viewport().height() - 2)) is None
    QToolTip.hideText()


def test_header_says_where_the_date_came_from():
    assert describe_date(view_of("x", {})) == "Thursday 29 February 2024 (from the file name)"
    assert describe_date(view_of("x", {}, published=None, date_source="none")).startswith("Undated")


def test_empty_reader_shows_a_hint(qtbot):
    reader = ReaderWidget()
    qtbot.addWidget(reader)
    assert reader.text.toPlainText() == ""
    assert "Select an article" in reader.text.placeholderText()
    assert reader.legend.shown() == {}
