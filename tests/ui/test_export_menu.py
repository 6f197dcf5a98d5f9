"""File ▸ Export from the window: each entry writes what the window shows."""

from __future__ import annotations

import csv
import json
from datetime import date

import networkx as nx

from explorer.core.store.queries import count_entities, find_entity


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_export_entry_writes_its_file(qtbot, window, tmp_path) -> None:
    menu = window.export_menu
    chosen = {}
    menu.ask_path = lambda title, name, filters: (tmp_path / chosen.get(title, name), "")
    pakistan = find_entity(window.db, "Pakistan")
    window.select_entity(pakistan.id, "Pakistan")

    assert menu.export_mentions() == pakistan.mentions
    assert {r["text"] for r in read_csv(tmp_path / "mentions.csv")} == {"Pakistan"}

    window.set_date_range(date(2023, 6, 1), date(2023, 6, 30))
    assert menu.export_documents() == 1
    assert [r["title"] for r in read_csv(tmp_path / "documents.csv")] == ["Pakistan and China agree a security plan"]

    chosen["Export Network"] = "net.graphml"
    assert menu.export_network() > 0
    graph = nx.read_graphml(tmp_path / "net.graphml")
    assert "Pakistan" in {d["label"] for _, d in graph.nodes(data=True)}

    assert menu.export_timeline() > 0
    rows = read_csv(tmp_path / "timeline.csv")
    assert sum(float(r["Pakistan"]) for r in rows) + window.timeline.undated()["Pakistan"] == pakistan.mentions

    chosen["Export Entities"] = "entities.json"
    window.entities.type_buttons["place"].setChecked(False)
    exported = json.loads((tmp_path / "entities.json").read_text(encoding="utf-8")) if menu.export_entities() else []
    assert len(exported) == count_entities(window.db, types=window.entities.chosen_types()) > 0
    assert "place" not in {e["type"] for e in exported}

    for name in ("chart.png", "chart.svg"):
        chosen["Export Chart"] = name
        assert menu.export_chart() == 1
        assert (tmp_path / name).stat().st_size > 1000
    assert (tmp_path / "chart.svg").read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
