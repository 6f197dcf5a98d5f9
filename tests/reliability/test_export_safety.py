"""Exports are safe to open: no CSV cell a spreadsheet would run as a formula, and GEXF and
GraphML files every XML parser reads, whatever the names, titles and tags hold."""

from __future__ import annotations

import csv
import tempfile
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import networkx as nx
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.analysis.network import Edge, Network, build_network
from explorer.core.model import Mention
from explorer.core.ops import export as exporting
from explorer.core.safety.safe_text import FORMULA_STARTS, spreadsheet_cell, xml_text
from explorer.core.store import open_store
from explorer.core.store.notes import add_tag, notes_of, set_starred
from explorer.core.store.queries import EntityRow
from explorer.core.store.timeline import series
from explorer.core.store.writer import add_batch
from tests.store_builder import draft

FORMULAS = [
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x")',
    "@SUM(1)",
    "-2+3",
    '"',
    "'",
    "\n",
    "\r\n=1",
]
# any text but lone surrogates (SQLite cannot store them), often opening like a formula
STORED_TEXT = st.one_of(
    st.text(min_size=1, max_size=25),
    st.builds(str.__add__, st.sampled_from(FORMULAS), st.text(max_size=15)),
).filter(lambda text: text.strip())
# anything at all for a network built in memory: control characters and lone surrogates too
ANY_TEXT = st.one_of(
    st.text(st.characters(codec=None), max_size=25),
    st.builds(
        str.__add__,
        st.sampled_from(FORMULAS + ["\x00", "\x1b[31m", "\ud800", "\udfff", "\ufffe"]),
        st.text(st.characters(codec=None), max_size=15),
    ),
)
HYPOTHESIS = settings(max_examples=40, deadline=None)


def read_csv(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def build(folder: Path, names: list[str], titles: list[str], tags: list[str]):
    """A database whose articles are ``titles``, each mentioning every one of ``names`` (one
    word each, all in one sentence), the first starred and tagged with every tag."""
    db = open_store(folder / "hostile.db")
    body = " ".join(f"w{i}" for i in range(len(names))) + "."
    mentions = [Mention(3 * i, 3 * i + 2, name, "person") for i, name in enumerate(names)]
    add_batch(
        db,
        [
            (draft(title, f"{body} {n}", date(2024, 1, 1) + timedelta(days=n), path=f"/c/{n}.txt"), mentions)
            for n, title in enumerate(titles)
        ],
    )
    set_starred(db, 1, True)
    for tag in tags:
        add_tag(db, 1, tag)
    return db


def assert_safe_cells(rows: list[list[str]], numeric: set[int]) -> None:
    """No text cell opens like a formula; the numeric columns hold plain numbers."""
    for row in rows:
        for i, cell in enumerate(row):
            if i in numeric:
                float(cell)
            else:
                assert not cell.startswith(FORMULA_STARTS), row


@HYPOTHESIS
@given(
    names=st.lists(STORED_TEXT, min_size=1, max_size=4),
    titles=st.lists(STORED_TEXT, min_size=1, max_size=3),
    tags=st.lists(STORED_TEXT, max_size=3),
)
def test_every_csv_export_reads_back_with_neutralised_cells(names, titles, tags) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        db = build(folder, names, titles, tags)
        try:
            entities = db.execute(
                "SELECT id, name, type, articles, mentions FROM entities WHERE hidden = 0 AND mentions > 0"
            ).fetchall()
            articles = db.execute("SELECT id, title, published FROM articles").fetchall()
            marks = notes_of(db, [a[0] for a in articles])

            assert exporting.write_entities(db, folder / "e.csv") == len(entities)
            rows = read_csv(folder / "e.csv")
            assert rows[0] == ["id", "name", "type", "articles", "mentions"]
            assert sorted(rows[1:]) == sorted(
                [str(i), spreadsheet_cell(n), t, str(a), str(m)] for i, n, t, a, m in entities
            )
            assert_safe_cells(rows[1:], {0, 3, 4})

            exporting.write_documents(db, folder / "d.csv")
            rows = read_csv(folder / "d.csv")
            expected = []
            for article_id, title, published in articles:
                mark = marks.get(article_id)
                joined = "; ".join(mark.tags) if mark else ""
                expected.append(
                    [
                        str(article_id),
                        spreadsheet_cell(title),
                        published,
                        "",
                        str(len(entities)),
                        str(int(bool(mark and mark.starred))),
                        spreadsheet_cell(joined),
                    ]
                )
            assert sorted(rows[1:]) == sorted(expected)
            assert_safe_cells(rows[1:], {0, 4, 5})

            exporting.write_mentions(db, folder / "m.csv")
            rows = read_csv(folder / "m.csv")
            by_id = {i: n for i, n, *_ in entities}
            titled = {a[0]: a[1] for a in articles}
            assert len(rows) - 1 == sum(e[4] for e in entities)
            for row in rows[1:]:
                assert row[1] == spreadsheet_cell(by_id[int(row[0])])
                assert row[4] == spreadsheet_cell(titled[int(row[3])])
            assert_safe_cells(rows[1:], {0, 3, 6, 7})

            ids = [e[0] for e in entities]
            exporting.write_timeline(series(db, ids, bin="day"), {i: n for i, n, *_ in entities}, folder / "t.csv")
            rows = read_csv(folder / "t.csv")
            assert rows[0] == ["bin_start", "bin_end", *(spreadsheet_cell(by_id[i]) for i in ids)]
            assert_safe_cells(rows[:1], set())
            assert_safe_cells(rows[1:], set(range(2, 2 + len(ids))))
        finally:
            db.close()


def network_of(names: list[str], types: list[str]) -> Network:
    nodes = [EntityRow(i + 1, name, types[i % len(types)], i + 1, 2 * i + 1) for i, name in enumerate(names)]
    edges = [Edge(a.id, b.id, 2, 1.5, 0.25) for a, b in pairwise(nodes)]
    return Network(nodes, edges, sentences=10)


@HYPOTHESIS
@given(names=st.lists(ANY_TEXT, min_size=1, max_size=5), types=st.lists(ANY_TEXT, min_size=1, max_size=2))
def test_network_files_are_valid_xml_with_the_names_intact(names, types) -> None:
    network = network_of(names, types)
    with tempfile.TemporaryDirectory() as folder:
        for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
            path = Path(folder) / f"n.{fmt}"
            assert exporting.write_network(network, path, fmt) == len(names)
            ET.parse(path)  # a strict XML 1.0 parser
            graph = reader(path)
            labels = {str(node.id): (xml_text(node.name), xml_text(node.type)) for node in network.nodes}
            assert {node: (data["label"], data["type"]) for node, data in graph.nodes(data=True)} == labels
            assert graph.number_of_edges() == len(network.edges)


def test_network_from_a_database_with_hostile_names_reads_back(tmp_path) -> None:
    names = ["=cmd|' /C calc'!A0", "bell\x07and\x1b[31mescape", "tab\there", "<b>&amp;</b>", "line\r\nend"]
    db = build(tmp_path, names, ["One", "Two"], [])
    try:
        path = tmp_path / "n.graphml"
        exporting.write_network(build_network(db, top=10), path, "graphml")
        labels = {data["label"] for _, data in nx.read_graphml(path).nodes(data=True)}
        assert labels == {"=cmd|' /C calc'!A0", "belland[31mescape", "tab\there", "<b>&amp;</b>", "line\nend"}
    finally:
        db.close()


@given(ANY_TEXT)
def test_spreadsheet_cell_prefixes_exactly_the_formula_openings(text) -> None:
    cell = spreadsheet_cell(text)
    assert cell == ("'" + text if text[:1] in set(FORMULA_STARTS) else text)
    assert spreadsheet_cell(cell) == cell


@given(st.one_of(st.integers(), st.floats(allow_nan=False)))
def test_numbers_stay_numbers(number) -> None:
    assert spreadsheet_cell(number) is number


@given(ANY_TEXT)
def test_xml_text_is_what_a_parser_reads_back(text) -> None:
    clean = xml_text(text)
    element = ET.fromstring(ET.tostring(ET.Element("n", label=clean)))
    assert element.get("label") == clean and xml_text(clean) == clean
    kept = iter(text.replace("\r\n", "\n").replace("\r", "\n"))
    assert all(char in kept for char in clean)  # a subsequence: nothing added, nothing reordered


def test_cli_documents_export_is_neutralised(tmp_path) -> None:
    build(tmp_path, ["Pakistan"], ["=2+5", "@SUM(A1)", "-3", "Plain"], ["+tag"]).close()
    result = CliRunner().invoke(
        main, ["export", "documents", "-o", str(tmp_path / "d.csv"), "--db", str(tmp_path / "hostile.db")]
    )
    assert result.exit_code == 0, result.output
    rows = read_csv(tmp_path / "d.csv")
    assert sorted(r[1] for r in rows[1:]) == ["'-3", "'=2+5", "'@SUM(A1)", "Plain"]
    assert [r[6] for r in rows[1:] if r[6]] == ["'+tag"]


def test_the_chart_as_svg_is_valid_xml_whatever_the_legend_shows(qtbot, make_window, tmp_path, monkeypatch) -> None:
    name = "bell\x07=cmd\x1b[0m <b>&</b>"
    build(tmp_path, [name, "Plain"], ["One", "Two"], []).close()
    window = make_window(tmp_path / "hostile.db")
    entity_id = window.db.execute("SELECT id FROM entities WHERE name = ?", [name]).fetchone()[0]
    window.select_entity(entity_id, name)
    window.export_menu.ask_path = lambda title, default, filters: (tmp_path / "chart.svg", "")
    if window.timeline.reading():
        assert window.export_menu.export_chart() is None  # not half drawn
        assert window.statusBar().currentMessage() == "The chart is still being drawn; export it once it is shown"
    qtbot.waitUntil(lambda: not window.timeline.reading(), timeout=10000)
    assert window.export_menu.export_chart() == tmp_path / "chart.svg"
    qtbot.waitUntil(lambda: not window.export_menu.exporting(), timeout=10000)
    texts = "".join(ET.parse(tmp_path / "chart.svg").getroot().itertext())
    assert xml_text(name) in texts
