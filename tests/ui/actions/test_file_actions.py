"""File ▸ Import Gazetteer…: the CSV is stored in the open database, a bad one is refused."""

from __future__ import annotations

from explorer.core.extraction.user_gazetteer import GazetteerEntry
from explorer.core.store import open_store
from explorer.core.store.saved_gazetteer import load_gazetteer
from tests.message_boxes import record_message_boxes, texts


def test_the_gazetteer_is_stored_in_the_open_database(qtbot, window, news_db, tmp_path, monkeypatch):
    csv = tmp_path / "names.csv"
    csv.write_text("name,type\nOrsk Holdings,organisation\n", encoding="utf-8")
    monkeypatch.setattr(window.files, "ask_gazetteer_path", lambda: csv)
    assert "Import &Gazetteer…" in [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert window.files.import_gazetteer()
    qtbot.waitUntil(window.tasks.idle)  # stored in the background
    assert window.statusBar().currentMessage() == "Stored 1 gazetteer names; later imports use them"
    db = open_store(news_db, readonly=True)
    assert load_gazetteer(db) == [GazetteerEntry("Orsk Holdings", "organisation")]
    db.close()


def test_a_bad_gazetteer_is_refused_with_its_line(qtbot, window, tmp_path, monkeypatch):
    csv = tmp_path / "names.csv"
    csv.write_text("Orsk Holdings,mineral\n", encoding="utf-8")
    monkeypatch.setattr(window.files, "ask_gazetteer_path", lambda: csv)
    shown = record_message_boxes(monkeypatch)
    assert window.files.import_gazetteer()
    qtbot.waitUntil(window.tasks.idle)
    warnings = texts(shown)
    assert warnings == [
        "names.csv: line 1: unknown type 'mineral' "
        "(use one of: person, organisation, place, group, event, law, product, work)"
    ]
