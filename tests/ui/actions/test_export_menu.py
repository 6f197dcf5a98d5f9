"""File ▸ Export from the window: each entry writes what the window shows."""

from __future__ import annotations

import csv
import json
import threading
from datetime import date

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.ops import export as exporting
from explorer.core.store.queries import count_entities, find_entity
from explorer.ui.tasks import Task
from tests.message_boxes import record_message_boxes, texts


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def export(qtbot, start):
    """Start an export and wait for its task to end: the path it writes."""
    path = start()
    menu = start.__self__
    qtbot.waitUntil(lambda: not menu.exporting(), timeout=10000)
    return path


def test_every_export_entry_writes_its_file(qtbot, window, tmp_path) -> None:
    menu = window.export_menu
    chosen = {}
    menu.ask_path = lambda title, name, filters: (tmp_path / chosen.get(title, name), "")
    pakistan = find_entity(window.db, "Pakistan")
    window.select_entity(pakistan.id, "Pakistan")

    assert menu.export_mentions() == tmp_path / "mentions.csv"
    qtbot.waitUntil(lambda: not menu.runner.running, timeout=10000)
    assert len(read_csv(tmp_path / "mentions.csv")) == pakistan.mentions
    assert {r["text"] for r in read_csv(tmp_path / "mentions.csv")} == {"Pakistan"}
    assert f"Exported {pakistan.mentions} mentions" in window.statusBar().currentMessage()

    window.state.set_date_range(date(2023, 6, 1), date(2023, 6, 30))
    assert export(qtbot, menu.export_documents) == tmp_path / "documents.csv"
    assert [r["title"] for r in read_csv(tmp_path / "documents.csv")] == ["Pakistan and China agree a security plan"]
    assert "Exported 1 articles" in window.statusBar().currentMessage()

    chosen["Export Network"] = "net.graphml"
    assert export(qtbot, menu.export_network) == tmp_path / "net.graphml"
    graph = nx.read_graphml(tmp_path / "net.graphml")
    assert "Pakistan" in {d["label"] for _, d in graph.nodes(data=True)}

    assert export(qtbot, menu.export_timeline) == tmp_path / "timeline.csv"
    rows = read_csv(tmp_path / "timeline.csv")
    assert sum(float(r["Pakistan"]) for r in rows) + window.timeline.undated()["Pakistan"] == pakistan.mentions

    chosen["Export Entities"] = "entities.json"
    window.entities.type_buttons["place"].setChecked(False)
    assert export(qtbot, menu.export_entities) == tmp_path / "entities.json"
    exported = json.loads((tmp_path / "entities.json").read_text(encoding="utf-8"))
    assert len(exported) == count_entities(window.db, types=window.entities.chosen_types()) > 0
    assert "place" not in {e["type"] for e in exported}

    for name in ("chart.png", "chart.svg"):
        chosen["Export Chart"] = name
        assert export(qtbot, menu.export_chart) == tmp_path / name
        assert (tmp_path / name).stat().st_size > 1000
    assert (tmp_path / "chart.svg").read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))


def test_mentions_of_every_entity_in_the_background_and_a_cancel_keeps_the_old_file(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    menu = window.export_menu
    menu.ask_path = lambda title, name, filters: (tmp_path / "all", "")
    assert menu.export_mentions() == tmp_path / "all.csv"
    qtbot.waitUntil(lambda: not menu.runner.running, timeout=10000)
    rows = read_csv(tmp_path / "all.csv")
    visible = window.db.execute("SELECT sum(mentions) FROM entities WHERE hidden = 0").fetchone()[0]
    assert len(rows) == visible and len({r["entity"] for r in rows}) > 5
    assert [r["published"] or "9999" for r in rows] == sorted(r["published"] or "9999" for r in rows)

    (tmp_path / "all.csv").write_text("kept", encoding="utf-8")
    start = Task.start
    monkeypatch.setattr(Task, "start", lambda runner: (runner.cancel(), start(runner)))  # cancel at once
    menu.export_mentions()
    qtbot.waitUntil(lambda: not menu.runner.running, timeout=10000)
    assert (tmp_path / "all.csv").read_text(encoding="utf-8") == "kept"
    assert not list(tmp_path.glob(".all.csv.*"))
    assert "cancelled" in window.statusBar().currentMessage()


def test_closing_the_window_during_a_mention_export_asks_then_stops_it(qtbot, window, tmp_path, monkeypatch) -> None:
    def slow_export(db, path, entity_ids, cancel, flt):
        yield exporting.ExportProgress(0, 1, 0)
        cancel.wait(10)

    monkeypatch.setattr(exporting, "export_mentions", slow_export)
    menu = window.export_menu
    menu.ask_path = lambda title, name, filters: (tmp_path / "m.csv", "")
    menu.export_mentions()
    asked = []
    monkeypatch.setattr(menu, "confirm_stop", lambda: asked.append(1) or len(asked) > 1)
    assert not window.close() and window.isVisible() and menu.runner.running
    assert window.close() and asked == [1, 1]
    assert menu.runner.cancelling and not (tmp_path / "m.csv").exists()


def test_mentions_are_those_of_the_listed_articles(qtbot, window, tmp_path) -> None:
    menu = window.export_menu
    menu.ask_path = lambda title, name, filters: (tmp_path / "june.csv", "")
    pakistan = find_entity(window.db, "Pakistan")
    window.select_entity(pakistan.id, "Pakistan")
    window.state.set_date_range(date(2023, 6, 1), date(2023, 6, 30))
    menu.export_mentions()
    qtbot.waitUntil(lambda: not menu.runner.running, timeout=10000)
    rows = read_csv(tmp_path / "june.csv")
    assert len(rows) == 2 and {r["published"][:7] for r in rows} == {"2023-06"}


def test_a_mention_export_that_cannot_write_says_so_before_it_starts(qtbot, window, tmp_path, monkeypatch) -> None:
    shown = record_message_boxes(monkeypatch)
    menu = window.export_menu
    menu.ask_path = lambda title, name, filters: (tmp_path / "missing" / "m.csv", "")
    assert menu.export_mentions() is None and menu.runner is None
    warned = texts(shown)
    assert len(warned) == 1 and warned[0].startswith(f"Cannot write {tmp_path / 'missing' / 'm.csv'}")
    assert "does not exist" in warned[0] and not (tmp_path / "missing").exists()


def test_a_mention_export_failing_half_way_says_why_and_keeps_the_old_file(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    import errno

    written = []

    def full_disk(db, batch, entity_ids):
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(batch)
        return []

    monkeypatch.setattr(exporting, "_ARTICLE_BATCH", 1)
    monkeypatch.setattr(exporting, "article_kwic", full_disk)
    shown = record_message_boxes(monkeypatch)
    (tmp_path / "m.csv").write_bytes(b"earlier work")
    menu = window.export_menu
    menu.ask_path = lambda title, name, filters: (tmp_path / "m.csv", "")
    menu.export_mentions()
    qtbot.waitUntil(lambda: not menu.runner.running, timeout=10000)
    assert texts(shown) == [f"Cannot write {tmp_path / 'm.csv'}: the disk is full."]
    assert (tmp_path / "m.csv").read_bytes() == b"earlier work" and not list(tmp_path.glob(".m.csv*"))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    hidden=st.sets(st.sampled_from(["person", "place", "organisation"])),
    search=st.sampled_from(["", "a", "Pak"]),
    fmt=st.sampled_from(["csv", "json"]),
    june=st.booleans(),
)
def test_exports_in_the_background_equal_the_core_writing_on_the_window_connection(
    qtbot, window, tmp_path, hidden, search, fmt, june
) -> None:
    menu = window.export_menu
    menu.ask_path = lambda title, name, filters: (tmp_path / f"bg-{name.split('.')[0]}.{fmt}", "")
    for kind, button in window.entities.type_buttons.items():
        button.setChecked(kind not in hidden)
    window.entities.search_field.setText(search)
    window.entities.search_field.returnPressed.emit()  # applied now, not by a timer after the test
    window.state.set_date_range(*((date(2023, 6, 1), date(2023, 6, 30)) if june else (None, None)))
    panel, db = window.entities, window.db
    exporting.write_entities(db, tmp_path / f"direct.{fmt}", fmt, types=panel.chosen_types(), search=search or None)
    assert export(qtbot, menu.export_entities) == tmp_path / f"bg-entities.{fmt}"
    assert (tmp_path / f"bg-entities.{fmt}").read_bytes() == (tmp_path / f"direct.{fmt}").read_bytes()
    menu.ask_path = lambda title, name, filters: (tmp_path / "bg-documents.csv", "")
    exporting.write_documents(db, tmp_path / "direct.csv", window.state.document_filter())
    assert export(qtbot, menu.export_documents) == tmp_path / "bg-documents.csv"
    assert (tmp_path / "bg-documents.csv").read_bytes() == (tmp_path / "direct.csv").read_bytes()


def test_a_cancelled_export_keeps_the_old_file_and_says_so(qtbot, window, tmp_path, monkeypatch) -> None:
    menu = window.export_menu
    menu.ask_path = lambda title, name, filters: (tmp_path / "entities.csv", "")
    (tmp_path / "entities.csv").write_text("kept", encoding="utf-8")
    start = Task.start
    monkeypatch.setattr(Task, "start", lambda runner: (runner.cancel(), start(runner)))  # cancel at once
    export(qtbot, menu.export_entities)
    assert (tmp_path / "entities.csv").read_text(encoding="utf-8") == "kept"
    assert not list(tmp_path.glob(".entities.csv.*"))
    assert window.statusBar().currentMessage() == "Export of entities cancelled; nothing was written"


def test_an_export_that_fails_in_the_background_says_why_once(qtbot, window, tmp_path, monkeypatch) -> None:
    from explorer.core.store import StoreError

    def busy(*_args, **_kwargs):
        raise StoreError("The library is busy.")

    monkeypatch.setattr(exporting, "write_documents", busy)
    shown = record_message_boxes(monkeypatch)
    menu = window.export_menu
    menu.ask_path = lambda title, name, filters: (tmp_path / "d.csv", "")
    export(qtbot, menu.export_documents)
    assert texts(shown) == [f"Cannot write {tmp_path / 'd.csv'}: The library is busy."]
    assert not (tmp_path / "d.csv").exists()


def test_one_export_at_a_time(qtbot, window, tmp_path, monkeypatch) -> None:
    release = threading.Event()

    def slow(db, path, *args, **kwargs):
        release.wait(10)
        return 0

    monkeypatch.setattr(exporting, "write_entities", slow)
    shown = record_message_boxes(monkeypatch)
    menu = window.export_menu
    menu.ask_path = lambda title, name, filters: (tmp_path / name, "")
    assert menu.export_entities() == tmp_path / "entities.csv"
    assert menu.export_documents() is None and menu.exporting()
    assert texts(shown) == ["Another export is being written; wait for it to finish first."]
    release.set()
    qtbot.waitUntil(lambda: not menu.exporting(), timeout=10000)
