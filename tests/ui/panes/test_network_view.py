"""The Network tab: nodes, edges and layout under the window's filters."""

from __future__ import annotations

import shutil
import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QGraphicsItem

from explorer.core.analysis.network import build_network
from explorer.core.model import Mention
from explorer.core.store import open_store
from explorer.core.store.queries import find_entity
from explorer.core.store.writer import add_batch
from explorer.ui.entity_style import type_colour
from explorer.ui.panes.network_view import NetworkView
from tests.store_builder import draft, mentions_in


def show_network(qtbot, window) -> NetworkView:
    window.bottom_tabs.setCurrentWidget(window.network_view)
    view = window.network_view
    qtbot.waitUntil(view.layout_ready, timeout=5000)
    return view


def test_network_tab_draws_the_top_entities(qtbot, window) -> None:
    view = show_network(qtbot, window)
    nodes = view.network.nodes
    assert len(view.nodes) == len(nodes) > 5
    assert [n.mentions for n in nodes] == sorted((n.mentions for n in nodes), reverse=True)
    biggest, smallest = view.nodes[nodes[0].id], view.nodes[nodes[-1].id]
    assert biggest.radius > smallest.radius
    assert biggest.brush().color() == type_colour(nodes[0].type)
    assert "mentions in" in biggest.toolTip()


def test_date_range_redraws_with_the_counts_inside_it(qtbot, window) -> None:
    view = show_network(qtbot, window)
    window.state.set_date_range(date(2023, 6, 1), date(2023, 6, 30))
    qtbot.waitUntil(view.layout_ready, timeout=5000)
    counts = {n.name: n.mentions for n in view.network.nodes}
    # June 2023: the security-plan story (Pakistan twice) and the Beijing talks.
    assert counts["Pakistan"] == 2 and counts["Beijing"] == 2 and "Islamabad" not in counts


def one_article_window(make_window, path, body: str, names: dict):
    """A window on a database of one article whose sentences (ended by ". ") are numbered."""
    ends = [i + 2 for i in range(len(body)) if body.startswith(". ", i)]
    mentions = [
        Mention(m.start, m.end, m.name, m.type, sum(1 for e in ends if e <= m.start)) for m in mentions_in(body, names)
    ]
    db = open_store(path)
    add_batch(db, [(draft("Talks", body, date(2024, 1, 1)), mentions)])
    db.close()
    return make_window(path)


def test_click_selects_the_entity_and_edge_click_lists_sentences(qtbot, tmp_path, make_window) -> None:
    body = "Alpha met Beta. Alpha met Beta again. Alpha and Beta agreed. Gamma was elsewhere. Gamma stayed."
    names = {"Alpha": ("Alpha", "person"), "Beta": ("Beta", "organisation"), "Gamma": ("Gamma", "place")}
    window = one_article_window(make_window, tmp_path / "net.db", body, names)
    view = show_network(qtbot, window)
    assert [(e.together) for e in view.network.edges] == [3]
    edge = view.edge_items[0]
    view.edge_clicked(edge)
    qtbot.waitUntil(lambda: not view.sentences_reading(), timeout=5000)
    lines = [view.sentences.item(i).text() for i in range(view.sentences.count())]
    assert lines[0].endswith("3 sentences") and len(lines) == 4
    assert lines[1].endswith("Alpha met Beta.")
    node = view.nodes[find_entity(window.db, "Alpha").id]
    point = view.view.mapFromScene(node.scenePos())
    qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert list(window.state.selected) == [node.row.id]


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    from tests.conftest import require_shared

    seed = require_shared("seed", "000_a20fff4a07aab385.txt")
    from explorer.core.ops.pipeline import ImportOptions, import_paths

    path = tmp_path_factory.mktemp("seed") / "seed.db"
    list(import_paths(path, [seed], ImportOptions()))
    return path


def test_network_on_the_seed(qtbot, make_window, seed_db) -> None:
    window = make_window(seed_db)
    view = show_network(qtbot, window)
    names = {n.name for n in view.network.nodes}
    assert {"Pakistan", "China"} <= names
    assert view.network.edges and all(e.together >= 2 and e.llr > 0 for e in view.network.edges)
    assert len(view.edge_items) == len(view.network.edges)


@pytest.fixture
def reuters_db(reuters_library, tmp_path):
    """A copy: the window may write to its library."""
    return Path(shutil.copy(reuters_library.path, tmp_path / "r.db"))


@pytest.mark.corpus
def test_network_on_500_reuters_articles(qtbot, make_window, reuters_db) -> None:
    window = make_window(reuters_db)
    view = show_network(qtbot, window)
    view.top_box.setValue(100)
    view.refresh()
    qtbot.waitUntil(view.layout_ready, timeout=10000)
    assert len(view.nodes) == 100 and len(view.edge_items) == len(view.network.edges) > 50
    npmi = [e.npmi for e in view.network.edges]
    assert all(0 < w <= 1 for w in npmi)
    xs = [node.pos().x() for node in view.nodes.values()]
    assert max(xs) - min(xs) > 200  # spread out, not piled on one spot
    window.bottom_tabs.setCurrentWidget(window.timeline)
    extent = window.timeline.data().starts
    window.state.set_date_range(extent[0], extent[len(extent) // 2])
    before = view.network
    window.bottom_tabs.setCurrentWidget(view)
    qtbot.waitUntil(view.layout_ready, timeout=10000)
    assert view.network is not before and view.network.flt.date_to == extent[len(extent) // 2]


def test_type_toggles_in_the_entity_panel_filter_the_network(qtbot, window) -> None:
    view = show_network(qtbot, window)
    assert "place" in {n.type for n in view.network.nodes}
    window.entities.type_buttons["place"].setChecked(False)
    qtbot.waitUntil(view.layout_ready, timeout=5000)
    assert view.network.nodes and "place" not in {n.type for n in view.network.nodes}


def test_dates_are_left_out_until_the_dates_box_is_checked(qtbot, tmp_path, make_window) -> None:
    body = "In 2020 Alpha met Beta. In 2020 Alpha met Beta again. In 2020 Gamma left. In 2020 Gamma stayed."
    names = {
        "2020": ("2020", "date"),
        "Alpha": ("Alpha", "person"),
        "Beta": ("Beta", "organisation"),
        "Gamma": ("Gamma", "place"),
    }
    window = one_article_window(make_window, tmp_path / "dates.db", body, names)
    view = show_network(qtbot, window)
    assert not view.dates_box.isChecked() and "date" not in view.types()
    assert {n.name for n in view.network.nodes} == {"Alpha", "Beta", "Gamma"}
    view.dates_box.setChecked(True)
    qtbot.waitUntil(view.layout_ready, timeout=5000)
    assert view.network.nodes[0].name == "2020"  # the most mentioned, as dates are in news
    window.entities.type_buttons["date"].setChecked(False)  # the panel's toggle still rules
    qtbot.waitUntil(view.layout_ready, timeout=5000)
    assert "date" not in {n.type for n in view.network.nodes}


def test_labels_stay_legible_top_nodes_first_more_when_zoomed_in(qtbot, tmp_path, make_window) -> None:
    names = [f"Name{i:02d}" for i in range(1, 21)]
    body = " ".join(" ".join(names[:k]) + "." for k in range(1, 21))  # Name01 in 20 sentences, Name20 in 1
    window = one_article_window(make_window, tmp_path / "many.db", body, {n: (n, "person") for n in names})
    view = show_network(qtbot, window)
    labelled = [n for n in view.nodes.values() if n.label.isVisible()]
    assert view.nodes[view.network.nodes[0].id] in labelled
    assert "Name20" not in {n.row.name for n in labelled}
    on_screen = view.view.viewportTransform()
    boxes = [n.label.deviceTransform(on_screen).mapRect(n.label.boundingRect()) for n in labelled]
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])  # none covers another
    label = labelled[0].label
    assert label.flags() & QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations  # font size at any zoom
    centre = view.view.viewport().rect().center()
    for _ in range(30):
        view.view.wheelEvent(
            QWheelEvent(
                QPointF(centre),
                QPointF(centre),
                QPoint(),
                QPoint(0, 120),
                Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
                Qt.ScrollPhase.NoScrollPhase,
                False,
            )
        )
    assert all(n.label.isVisible() for n in view.nodes.values())  # zoomed in, every node is named
    view.view.fit()
    assert not view.nodes[find_entity(window.db, "Name20").id].label.isVisible()
    edge = next(e for e in view.edge_items if not e.b.label.isVisible())
    view.edge_clicked(edge)
    assert edge.a.label.isVisible() and edge.b.label.isVisible()  # the ends of a clicked edge are named


def test_a_layout_that_fails_says_so_in_the_tab(qtbot, window, monkeypatch) -> None:
    import explorer.ui.panes.network_view as network_view

    def fail(network):
        raise MemoryError("too many")

    monkeypatch.setattr(network_view, "spring_positions", fail)
    view = window.network_view
    window.bottom_tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: "could not be drawn" in view.status_label.text(), timeout=5000)
    assert "MemoryError: too many" in view.status_label.text() and not view.nodes
    assert view.top_box.maximum() < 500  # networkx needs scipy from 500 nodes on


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(top=st.integers(5, 40), min_count=st.integers(1, 4), dates=st.booleans())
def test_the_network_read_in_the_background_equals_the_one_read_directly(qtbot, window, top, min_count, dates) -> None:
    view = show_network(qtbot, window)
    view.top_box.setValue(top)
    view.min_box.setValue(min_count)
    view.dates_box.setChecked(dates)
    view.refresh()
    assert view.status_label.text() == "reading…" and view.network is None
    qtbot.waitUntil(view.layout_ready, timeout=5000)
    assert view.network == build_network(
        window.db, window.state.document_filter(), types=view.types(), top=top, min_count=min_count
    )
    assert set(view.nodes) == {n.id for n in view.network.nodes}


def test_a_newer_filter_supersedes_a_read_still_running(qtbot, window, monkeypatch) -> None:
    import explorer.ui.panes.network_view as network_view

    view = show_network(qtbot, window)
    release, held = threading.Event(), threading.Event()

    def slow_first(db, flt, **kwargs):
        if flt.date_from is None and not held.is_set():
            held.set()
            release.wait(10)
        return build_network(db, flt, **kwargs)

    monkeypatch.setattr(network_view, "build_network", slow_first)
    window.state.set_date_range(None, None)
    view.refresh()
    assert held.wait(5)  # the first read is running
    window.state.set_date_range(date(2023, 6, 1), date(2023, 6, 30))
    release.set()
    qtbot.waitUntil(lambda: view.layout_ready() and window.tasks.idle(), timeout=5000)
    assert view.network.flt.date_from == date(2023, 6, 1)  # the older result was dropped
    counts = {n.name: n.mentions for n in view.network.nodes}
    assert counts["Pakistan"] == 2 and "Islamabad" not in counts


def test_a_read_that_fails_says_so_in_the_tab_and_draws_nothing(qtbot, window, monkeypatch) -> None:
    import explorer.ui.panes.network_view as network_view
    from explorer.core.store import StoreError

    def fail(*_args, **_kwargs):
        raise StoreError("The library is busy.")

    monkeypatch.setattr(network_view, "build_network", fail)
    view = window.network_view
    window.bottom_tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: "could not be drawn" in view.status_label.text(), timeout=5000)
    assert view.status_label.text() == "The network could not be drawn (The library is busy); try fewer entities."
    assert view.network is None and not view.nodes
