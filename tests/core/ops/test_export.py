"""Every export format read back with the values it should hold."""

from __future__ import annotations

import csv
import json
import threading
from datetime import date

import networkx as nx
import pytest

from explorer.core.analysis.network import build_network
from explorer.core.ops import export as exporting
from explorer.core.ops.export import write_documents, write_entities, write_mentions, write_network, write_timeline
from explorer.core.store import open_store
from explorer.core.store.detail import kwic
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.notes import add_tag, set_starred
from explorer.core.store.queries import find_entity
from explorer.core.store.timeline import series
from explorer.core.store.writer import add_batch
from tests.core.store.test_detail import ARTICLES, with_sentences
from tests.store_builder import draft


@pytest.fixture
def db(tmp_path):
    db = open_store(tmp_path / "export.db")
    add_batch(db, [(draft(t, body, day, source="Wire"), with_sentences(body)) for t, body, day in ARTICLES])
    yield db
    db.close()


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_entities_csv_and_json(db, tmp_path) -> None:
    assert write_entities(db, tmp_path / "e.csv") == 4
    rows = read_csv(tmp_path / "e.csv")
    assert [(r["name"], r["type"], int(r["mentions"]), int(r["articles"])) for r in rows][:2] == [
        ("Gamma", "place", 30, 3),
        ("Alpha", "person", 9, 4),
    ]
    write_entities(db, tmp_path / "e.json", "json", types=["person"])
    records = json.loads((tmp_path / "e.json").read_text(encoding="utf-8"))
    assert [(r["name"], r["mentions"]) for r in records] == [("Alpha", 9), ("Delta", 2)]


def test_mentions_csv_has_the_sentence(db, tmp_path) -> None:
    delta = find_entity(db, "Delta").id
    assert write_mentions(db, tmp_path / "m.csv", [delta]) == 2
    rows = read_csv(tmp_path / "m.csv")
    assert [(r["entity"], r["title"], r["text"], r["sentence"]) for r in rows] == [
        ("Delta", "Two", "Delta", "Delta met Alpha."),
        ("Delta", "Four", "Delta", "Delta stayed."),
    ]
    assert rows[1]["published"] == ""
    assert write_mentions(db, tmp_path / "all.csv") == 30 + 9 + 3 + 2


@pytest.mark.parametrize(("fmt", "reader"), [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_network_files(db, tmp_path, fmt, reader) -> None:
    network = build_network(db, top=10)
    path = tmp_path / f"n.{fmt}"
    assert write_network(network, path, fmt) == 4
    graph = reader(path)
    labels = {data["label"]: node for node, data in graph.nodes(data=True)}
    assert set(labels) == {"Alpha", "Beta Corp", "Gamma", "Delta"}
    assert graph.nodes[labels["Gamma"]]["mentions"] == 30
    assert graph.nodes[labels["Alpha"]]["type"] == "person"
    edge = graph.edges[labels["Alpha"], labels["Beta Corp"]]
    assert edge["sentences"] == 3 and 0 < edge["weight"] <= 1
    assert not graph.has_edge(labels["Alpha"], labels["Gamma"])  # fewer together than chance


def test_timeline_csv(db, tmp_path) -> None:
    alpha, beta = find_entity(db, "Alpha").id, find_entity(db, "Beta Corp").id
    data = series(db, [alpha, beta], bin="month")
    assert write_timeline(data, {alpha: "Alpha", beta: "Beta Corp"}, tmp_path / "t.csv") == 3
    rows = read_csv(tmp_path / "t.csv")
    assert [(r["bin_start"], r["bin_end"], float(r["Alpha"]), float(r["Beta Corp"])) for r in rows] == [
        ("2024-01-01", "2024-01-31", 2, 2),
        ("2024-02-01", "2024-02-29", 3, 1),
        ("2024-03-01", "2024-03-31", 2, 0),
    ]


def test_document_list_csv_follows_the_filter(db, tmp_path) -> None:
    assert write_documents(db, tmp_path / "d.csv") == 4
    flt = DocumentFilter(date_from=date(2024, 2, 1), date_to=date(2024, 3, 31))
    assert write_documents(db, tmp_path / "d2.csv", flt) == 2
    rows = read_csv(tmp_path / "d2.csv")
    assert [(r["title"], r["published"], r["source"]) for r in rows] == [
        ("Three", "2024-03-01", "Wire"),
        ("Two", "2024-02-01", "Wire"),
    ]


def test_document_list_csv_carries_stars_and_tags(db, tmp_path) -> None:
    two, three = (db.execute("SELECT id FROM articles WHERE title = ?", [t]).fetchone()[0] for t in ("Two", "Three"))
    set_starred(db, two, True)
    add_tag(db, two, "trade")
    add_tag(db, two, "asia")
    add_tag(db, three, "trade")
    assert write_documents(db, tmp_path / "d.csv") == 4
    marks = {r["title"]: (r["starred"], r["tags"]) for r in read_csv(tmp_path / "d.csv")}
    assert marks["Two"] == ("1", "asia; trade") and marks["Three"] == ("0", "trade") and marks["One"] == ("0", "")
    assert write_documents(db, tmp_path / "s.csv", DocumentFilter(starred=True)) == 1


def test_cli_export(db, tmp_path) -> None:
    from click.testing import CliRunner

    from explorer.cli import main

    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    runner = CliRunner()
    out = tmp_path / "n.graphml"
    result = runner.invoke(main, ["export", "network", "--format", "graphml", "-o", str(out), "--db", path])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_nodes() == 4
    result = runner.invoke(
        main, ["export", "mentions", "--entity", "Delta", "-o", str(tmp_path / "m.csv"), "--db", path]
    )
    assert result.exit_code == 0 and "Wrote 2 rows" in result.output
    result = runner.invoke(
        main, ["export", "mentions", "--format", "json", "-o", str(tmp_path / "m.json"), "--db", path]
    )
    assert result.exit_code == 2 and "mentions exports as csv" in result.output


def test_cli_network_leaves_dates_out_unless_asked(tmp_path) -> None:
    from click.testing import CliRunner

    from explorer.cli import main
    from tests.store_builder import mentions_in

    body = "In 2020 Alpha met Beta. In 2020 Alpha met Beta again."
    names = {"2020": ("2020", "date"), "Alpha": ("Alpha", "person"), "Beta": ("Beta", "organisation")}
    path = tmp_path / "dates.db"
    db = open_store(path)
    add_batch(db, [(draft("Dates", body, date(2024, 1, 1)), mentions_in(body, names))])
    db.close()
    runner = CliRunner()
    for extra, expected in (((), {"Alpha", "Beta"}), (("--dates",), {"2020", "Alpha", "Beta"})):
        out = tmp_path / "n.gexf"
        result = runner.invoke(main, ["export", "network", "-o", str(out), "--db", str(path), *extra])
        assert result.exit_code == 0, result.output
        assert {data["label"] for _, data in nx.read_gexf(out).nodes(data=True)} == expected


def test_streamed_mentions_match_the_detail_view_and_report_progress(db, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(exporting, "_ARTICLE_BATCH", 3)
    events = list(exporting.export_mentions(db, tmp_path / "all.csv"))
    assert [(e.done, e.total, e.finished) for e in events] == [(3, 4, False), (4, 4, False), (4, 4, True)]
    rows = read_csv(tmp_path / "all.csv")
    assert events[-1].rows == len(rows) == 30 + 9 + 3 + 2
    for name in ("Alpha", "Gamma"):
        row = find_entity(db, name)
        expected = [(line.article_id, line.start, line.text) for line in kwic(db, row.id, limit=1000)]
        exported = [(int(r["article_id"]), int(r["start"]), r["sentence"]) for r in rows if r["entity"] == name]
        assert sorted(exported) == sorted(expected)
    assert [r["published"] or "9999" for r in rows] == sorted(r["published"] or "9999" for r in rows)


def test_a_cancelled_or_closed_mention_export_leaves_the_old_file(db, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(exporting, "_ARTICLE_BATCH", 1)
    target = tmp_path / "m.csv"
    target.write_text("kept", encoding="utf-8")
    cancel = threading.Event()
    events = exporting.export_mentions(db, target, None, cancel)
    assert next(events).done == 1 and len(list(tmp_path.glob(".m.csv.*.tmp"))) == 1
    cancel.set()
    assert list(events) == []
    events = exporting.export_mentions(db, target)
    next(events)
    events.close()
    assert target.read_text(encoding="utf-8") == "kept" and sorted(p.name for p in tmp_path.iterdir()) == [
        "export.db",
        "export.db-shm",
        "export.db-wal",
        "m.csv",
    ]


def test_cli_timeline_without_an_entity_counts_articles(db, tmp_path) -> None:
    from click.testing import CliRunner

    from explorer.cli import main

    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    out = tmp_path / "t.csv"
    result = CliRunner().invoke(main, ["export", "timeline", "-o", str(out), "--db", path])
    assert result.exit_code == 0, result.output
    rows = read_csv(out)
    dated = db.execute("SELECT count(*) FROM articles WHERE published IS NOT NULL").fetchone()[0]
    assert list(rows[0]) == ["bin_start", "bin_end", "articles"] and sum(int(r["articles"]) for r in rows) == dated


def test_mentions_follow_the_document_filter(db, tmp_path) -> None:
    from click.testing import CliRunner

    from explorer.cli import main

    gamma = find_entity(db, "Gamma").id
    flt = DocumentFilter(date_from=date(2024, 2, 1), date_to=date(2024, 3, 31))
    count = write_mentions(db, tmp_path / "m.csv", [gamma], flt)
    rows = read_csv(tmp_path / "m.csv")
    assert count == len(rows) > 0 and {r["published"][:7] for r in rows} <= {"2024-02", "2024-03"}
    assert count < write_mentions(db, tmp_path / "all.csv", [gamma])
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(
        main,
        [
            "export",
            "mentions",
            "--entity",
            "Gamma",
            "--from",
            "2024-02-01",
            "--to",
            "2024-03-31",
            "-o",
            str(tmp_path / "cli.csv"),
            "--db",
            path,
        ],
    )
    assert result.exit_code == 0 and f"Wrote {count} rows" in result.output
    bad = CliRunner().invoke(
        main, ["export", "mentions", "--search", '"open', "-o", str(tmp_path / "x.csv"), "--db", path]
    )
    assert bad.exit_code == 1 and "Search syntax" in bad.output and not (tmp_path / "x.csv").exists()
