"""The timeline widget: plotted counts, controls, clicks, drags, reset, limits and undated counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from explorer.core.store import open_store
from explorer.core.store.writer import add_batch
from explorer.ui.timeline import ALL_ARTICLES, MAX_ENTITIES, TimelineWidget
from explorer.ui.timeline_plot import to_seconds
from tests.core.test_timeline_queries import article, entity_ids, news_items

JAN_1 = date(2024, 1, 1)  # a Monday


@pytest.fixture
def db():
    """Alpha and Beta over January and February 2024, with three undated articles."""
    db = open_store(":memory:")
    add_batch(db, news_items())
    return db


@pytest.fixture
def widget(qtbot, db):
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    timeline.resize(900, 360)
    timeline.set_database(db)
    timeline.show()
    qtbot.waitExposed(timeline)
    return timeline


@pytest.fixture
def alpha_beta(db):
    ids = entity_ids(db)
    return [(ids["Alpha"], "Alpha"), (ids["Beta"], "Beta")]


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def pixel(widget: TimelineWidget, day: date) -> QPoint:
    """The viewport pixel at noon of ``day``, half-way up the plot."""
    (_, _), (y0, y1) = widget.view_box.viewRange()
    scene = widget.view_box.mapViewToScene(QPointF(to_seconds(day) + 43_200, (y0 + y1) / 2))
    return widget.plot_widget.mapFromScene(scene)


def test_without_entities_it_plots_all_articles(widget):
    plotted = widget.plotted()
    assert list(plotted) == [ALL_ARTICLES]
    starts, counts = plotted[ALL_ARTICLES]
    assert starts[0] == JAN_1 and starts[-1] == date(2024, 2, 29)
    assert dict(zip(starts, counts))[date(2024, 1, 8)] == 2
    assert sum(counts) == 6
    assert widget.undated_label.isVisible()
    assert widget.undated_label.text() == "Undated: 3 articles"
    assert not widget.measure_box.isEnabled()


def test_entities_plot_their_mentions_per_day(widget, alpha_beta):
    widget.set_entities(alpha_beta)
    assert widget.bin_box.currentText() == "Auto (day)"  # 60 days
    plotted = widget.plotted()
    assert list(plotted) == ["Alpha", "Beta"]
    starts, alpha = plotted["Alpha"]
    assert starts == [JAN_1 + timedelta(days=i) for i in range(60)]
    assert {day: n for day, n in zip(starts, alpha) if n} == {
        date(2024, 1, 1): 2, date(2024, 1, 7): 1, date(2024, 1, 8): 3, date(2024, 2, 29): 1,
    }
    assert sum(plotted["Beta"][1]) == 4
    assert [label.text for _, label in widget.legend.items] == ["Alpha", "Beta"]


def test_bin_measure_and_normalisation_controls(widget, alpha_beta):
    widget.set_entities(alpha_beta)
    choose(widget.bin_box, "week")
    starts, alpha = widget.plotted()["Alpha"]
    assert all(start.weekday() == 0 for start in starts)
    assert alpha[:2] == [3, 3]
    choose(widget.bin_box, "month")
    assert widget.plotted()["Alpha"] == ([JAN_1, date(2024, 2, 1)], [6, 1])
    choose(widget.measure_box, "articles")
    assert widget.plotted()["Alpha"][1] == [3, 1]
    widget.normalise_box.setChecked(True)
    assert widget.plotted()["Alpha"][1] == pytest.approx([60.0, 100.0])
    assert widget.plot_item.getAxis("left").labelText == "articles per 100 articles"


def test_clicking_a_bin_emits_its_first_and_last_day(qtbot, widget, alpha_beta):
    widget.set_entities(alpha_beta)
    choose(widget.bin_box, "week")
    with qtbot.waitSignal(widget.bin_clicked, timeout=2000) as signal:
        QTest.mouseClick(widget.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=pixel(widget, date(2024, 1, 10)))
    assert signal.args == [date(2024, 1, 8), date(2024, 1, 14)]
    assert widget.region.isVisible()
    assert widget.region.getRegion() == (to_seconds(date(2024, 1, 8)), to_seconds(date(2024, 1, 15)))


def test_dragging_selects_a_range_of_whole_days(qtbot, widget):
    viewport = widget.plot_widget.viewport()
    start, end = pixel(widget, date(2024, 1, 5)), pixel(widget, date(2024, 1, 20))
    with qtbot.waitSignal(widget.range_selected, timeout=2000) as signal:
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        for step in range(1, 6):
            QTest.mouseMove(viewport, start + (end - start) * step / 5)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    assert signal.args == [date(2024, 1, 5), date(2024, 1, 20)]
    assert widget.region.isVisible()


def test_reset_clears_the_range(qtbot, widget):
    widget.set_range(date(2024, 1, 3), date(2024, 1, 9))
    assert widget.region.isVisible()
    with qtbot.waitSignal(widget.range_selected, timeout=2000) as signal:
        qtbot.mouseClick(widget.reset_button, Qt.MouseButton.LeftButton)
    assert signal.args == [None, None]
    assert not widget.region.isVisible()


def test_set_range_shows_without_emitting(qtbot, widget):
    with qtbot.assertNotEmitted(widget.range_selected):
        widget.set_range(date(2024, 1, 3), date(2024, 1, 9))
    assert widget.region.getRegion() == (to_seconds(date(2024, 1, 3)), to_seconds(date(2024, 1, 10)))


def test_more_than_eight_entities_are_cut_with_a_message(widget, db):
    add_batch(db, [article(date(2024, 1, 15), **{f"Extra{i}": 1 for i in range(10)})])
    ids = entity_ids(db)
    many = [(ids[f"Extra{i}"], f"Extra{i}") for i in range(10)]
    widget.set_entities(many)
    assert list(widget.plotted()) == [name for _, name in many[:MAX_ENTITIES]]
    assert widget.message_label.isVisible()
    assert widget.message_label.text() == "Showing the first 8 of 10 selected entities"
    widget.set_entities(many[:3])
    assert not widget.message_label.isVisible()


def test_undated_mentions_are_a_label_not_a_point(widget, alpha_beta):
    widget.set_entities(alpha_beta)
    assert widget.undated() == {"Alpha": 4, "Beta": 3}
    assert widget.undated_label.text() == "Undated: 7 mentions"
    assert "Alpha: 4" in widget.undated_label.toolTip()
    widget.set_entities(alpha_beta[:1])
    choose(widget.measure_box, "articles")
    assert widget.undated_label.text() == "Undated: 1 article"
    choose(widget.measure_box, "mentions")
    widget.set_entities(alpha_beta)
    for starts, _ in widget.plotted().values():
        assert min(starts) == JAN_1
    x_min = min(curve.getData()[0].min() for curve in widget._curves)
    assert x_min >= to_seconds(JAN_1)


def test_no_undated_label_when_everything_is_dated(qtbot):
    db = open_store(":memory:")
    add_batch(db, [article(date(2020, 5, 1), Alpha=1)])
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    timeline.set_database(db)
    timeline.set_entities([(entity_ids(db)["Alpha"], "Alpha")])
    assert timeline.undated() == {"Alpha": 0}
    assert not timeline.undated_label.isVisibleTo(timeline)


def test_hover_names_the_bin_entity_and_count(qtbot, widget, alpha_beta):
    widget.set_entities(alpha_beta)
    choose(widget.bin_box, "week")
    QTest.mouseMove(widget.plot_widget.viewport(), pixel(widget, date(2024, 1, 9)))
    qtbot.waitUntil(lambda: widget.hover_html() != "", timeout=2000)
    html = widget.hover_html()
    assert "Week of Mon 8 Jan 2024" in html
    assert "Alpha: 3" in html and "Beta: 2" in html


def test_empty_database_shows_a_message(qtbot):
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    timeline.set_database(open_store(":memory:"))
    assert timeline.plotted() == {ALL_ARTICLES: ([], [])}
    assert timeline.empty_text.isVisible()
    timeline.set_database(None)
    assert timeline.plotted() == {}


def test_refresh_picks_up_new_articles(widget, db, alpha_beta):
    widget.set_entities(alpha_beta)
    add_batch(db, [article(date(2024, 1, 2), Alpha=5)])
    widget.refresh()
    starts, alpha = widget.plotted()["Alpha"]
    assert alpha[starts.index(date(2024, 1, 2))] == 5


def test_moving_the_range_edges_emits_the_new_days(qtbot, widget):
    widget.set_range(date(2024, 1, 3), date(2024, 1, 9))
    with qtbot.waitSignal(widget.range_selected, timeout=2000) as signal:
        widget.region.setRegion((to_seconds(date(2024, 1, 4)) + 3_600, to_seconds(date(2024, 1, 12)) + 7_200))
    assert signal.args == [date(2024, 1, 4), date(2024, 1, 12)]
    assert widget.region.getRegion() == (to_seconds(date(2024, 1, 4)), to_seconds(date(2024, 1, 13)))
