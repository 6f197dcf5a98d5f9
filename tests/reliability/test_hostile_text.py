"""Markup, scripts, bidi and zero-width text, 10,000 mentions: shown literally, highlights aligned."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor

from explorer.core.store.curation_sql import visible_names
from explorer.core.store.queries import document_page
from explorer.ui.entity_style import mention_format
from explorer.ui.panes.reader import utf16_positions
from tests.message_boxes import shown
from tests.store_builder import build_store, draft

NAMES = {"Pakistan": ("Pakistan", "place"), "Lahore": ("Lahore", "place"), "Reuters": ("Reuters", "organisation")}
HOSTILE = {
    "html": "<b>Pakistan</b> <img src=x onerror=alert(1)> &amp; &lt;i&gt; Lahore <a href='http://x'>link</a>",
    "script": "<script>document.write('Pakistan')</script> Reuters <style>*{display:none}</style>",
    "qt rich text": "<qt><font color=red>Lahore</font><table><tr><td>Pakistan</td></tr></table></qt>",
    "bidi": "\u202eLahore\u202c \u0644\u0627\u0647\u0648\u0631 Pakistan "
    "\u200f\u05e4\u05e7\u05d9\u05e1\u05d8\u05df\u200e",
    "zero width": "Pak\u200bistan Pakistan\u200d Lahore\ufe0f \u2060Reuters\u00ad \U0001f1f5\U0001f1f0 Pakistan",
}
CROWD = 10_000


@pytest.fixture
def hostile_db(tmp_path):
    path = tmp_path / "hostile.db"
    stories = [draft(f"<h1>{kind}</h1>", text) for kind, text in HOSTILE.items()]
    stories.append(draft("Crowded", " ".join(("Pakistan", "Lahore", "Reuters")[i % 3] for i in range(CROWD))))
    build_store(path, stories, NAMES).close()
    return path


def _formatted(document, position: int):
    cursor = QTextCursor(document)
    cursor.setPosition(position + 1)  # a cursor reports the format of the character before it
    return cursor.charFormat()


def _assert_shown_literally_and_aligned(window) -> None:
    view = window.reader.article
    text = window.reader.text
    assert text.toPlainText() == view.body
    assert window.reader.title_label.text() == view.title
    positions = utf16_positions(view.body) or list(range(len(view.body) + 1))
    document = text.document()
    covered = set()
    for mention in view.mentions:
        assert view.body[mention.start : mention.end] == mention.entity.name or mention.entity.name in NAMES
        expected = mention_format(mention.entity.type).background().color().rgb()
        for offset in (mention.start, mention.end - 1):
            assert _formatted(document, positions[offset]).background().color().rgb() == expected
        covered.update(range(mention.start, mention.end))
    for offset, char in enumerate(view.body):
        if offset not in covered and not char.isspace():
            assert _formatted(document, positions[offset]).background().style().name == "NoBrush", offset
            break


def test_hostile_articles_are_shown_as_text(make_window, hostile_db):
    window = make_window(hostile_db)
    ids = [row.id for row in document_page(window.db, limit=10)]
    assert len(ids) == len(HOSTILE) + 1
    for article_id in ids:
        window.reading.show_article(article_id)
        assert window.reader.article.id == article_id
        _assert_shown_literally_and_aligned(window)
        assert not re.search(
            r"<(b|script|img|qt)\b", window.reader.text.document().toHtml().split("<body", 1)[1].replace("&lt;", "")
        ), "markup was interpreted"


def test_ten_thousand_mentions_open_and_the_window_keeps_responding(make_window, hostile_db, qtbot):
    window = make_window(hostile_db)
    crowded = next(row.id for row in document_page(window.db, limit=10) if row.title == "Crowded")
    ticks = []
    timer = QTimer(window, interval=0)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    window.reading.show_article(crowded)
    assert len(window.reader.article.mentions) == CROWD
    _assert_shown_literally_and_aligned(window)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=5000)  # the event loop still turns
    window.reading.set_search("Lahore")
    window.reading.show_article(crowded, force=True)
    assert window.reader.article.id == crowded
    timer.stop()


MARKED_UP = "<img src=x> Lahore <b>&amp;</b>"  # an entity name that looks like HTML


def test_markup_in_names_and_sentences_stays_literal_in_detail_and_network(make_window, tmp_path, qtbot):
    path = tmp_path / "names.db"
    sentence = "<script>alert(1)</script> Lahore met Pakistan. "
    stories = [draft(f"Talks {i}", sentence * 3 + f"Item {i}.") for i in range(4)]
    stories += [draft(f"Weather {i}", f"Rain in Tokyo, day {i}.") for i in range(6)]  # so that the pair stands out
    names = {"Lahore": (MARKED_UP, "place"), "Pakistan": ("Pakistan", "place"), "Tokyo": ("Tokyo", "place")}
    build_store(path, stories, names).close()
    window = make_window(path)
    model = window.entities.model
    assert MARKED_UP in [model.index(row, 0).data() for row in range(model.rowCount())]
    entity_id = next(i for i, name in visible_names(window.db, range(1, 10)).items() if name == MARKED_UP)
    dialog = window.reading.open_entity_detail(entity_id)
    qtbot.waitUntil(dialog.is_loaded, timeout=5000)
    assert dialog.title_label.text() == MARKED_UP
    assert dialog.title_label.textFormat() == Qt.TextFormat.PlainText
    assert shown(dialog.kwic_table.item(0, 2).toolTip()).startswith(sentence.strip())
    dialog.close()
    window.bottom_tabs.setCurrentWidget(window.network_view)
    view = window.network_view
    qtbot.waitUntil(view.layout_ready, timeout=5000)
    assert shown(view.nodes[entity_id].toolTip()).startswith(f"{MARKED_UP}\nplace\n")
    assert view.edge_items and all(MARKED_UP in shown(edge.toolTip()) for edge in view.edge_items)


def test_ten_thousand_distinct_entities_in_one_article(make_window, tmp_path, qtbot):
    """Each mention a different entity: the reader, the entity list and the detail keep up."""
    from explorer.core.model import Mention
    from explorer.core.store import open_store
    from explorer.core.store.writer import add_batch

    words, mentions, position = [], [], 0
    types = ("person", "organisation", "place", "group")
    for i in range(CROWD):
        word = f"Kor{i:05d}"
        mentions.append(Mention(position, position + len(word), word, types[i % 4], sentence=i // 20))
        words.append(word)
        position += len(word) + 1
    path = tmp_path / "crowd.db"
    db = open_store(path)
    add_batch(db, [(draft("Ten thousand names", " ".join(words)), mentions)])
    db.close()
    window = make_window(path)
    ticks = []
    timer = QTimer(window, interval=0)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    window.reading.show_article(document_page(window.db, limit=1)[0].id)
    assert len({m.entity.id for m in window.reader.article.mentions}) == CROWD
    _assert_shown_literally_and_aligned(window)
    assert window.entities.model.rowCount() > 0 and window.entities.count_label.text()
    last = window.reader.article.mentions[-1].entity
    dialog = window.reading.open_entity_detail(last.id)
    assert dialog.title_label.text() == last.name == f"Kor{CROWD - 1:05d}"
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=5000)
    timer.stop()
