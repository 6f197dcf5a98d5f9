"""The timeline widget: plotted counts, controls, clicks, drags, reset, limits and undated counts."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from explorer.core.store import open_store
from explorer.core.store.timeline import bin_start, next_bin_start
from explorer.core.store.timeline_modes import file_date_series, period_series
from explorer.core.store.writer import add_batch
from explorer.ui.panes.timeline import (
    ALL_ARTICLES,
    MAX_ENTITIES,
    MIN_VIEW_DAYS,
    READING,
    X_PADDING,
    TimelineWidget,
)
from explorer.ui.panes.timeline_plot import to_seconds
from tests.core.store.test_timeline_queries import article, entity_ids, news_items, story_item
from tests.store_builder import build_store, draft

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
    assert dict(zip(starts, counts, strict=True))[date(2024, 1, 8)] == 2
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
    assert {day: n for day, n in zip(starts, alpha, strict=True) if n} == {
        date(2024, 1, 1): 2,
        date(2024, 1, 7): 1,
        date(2024, 1, 8): 3,
        date(2024, 2, 29): 1,
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


# ----------------------------------------------------------------- undated collections, other dates


def undated_story(i: int, **names: int) -> dict:
    """A story with no publication date, a file date and one named month (March of 1990 + i % 3)."""
    return {
        "published": None,
        "file_day": date(2026, 11, 2) + timedelta(days=i % 2),
        "names": {"Alpha": 0, "Beta": 0, "Gamma": 0, **names},
        "periods": [(date(1990 + i % 3, 3, 1), date(1990 + i % 3, 3, 31))],
    }


@pytest.fixture
def timeline(qtbot):
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def axes_shown(widget: TimelineWidget) -> bool:
    return any(widget.plot_item.getAxis(name).isVisible() for name in ("bottom", "left"))


def x_range_fits(widget: TimelineWidget, first: date, last_end: date) -> None:
    """The view shows ``first`` to the end of the last bin, padded by at most X_PADDING each side
    (or centred on at least MIN_VIEW_DAYS)."""
    x0, x1 = widget.view_box.viewRange()[0]
    low, high = to_seconds(first), to_seconds(last_end)
    width = max((high - low) * (1 + 3 * X_PADDING), MIN_VIEW_DAYS * 86_400 * (1 + 3 * X_PADDING))
    assert x0 <= low and high <= x1 and x1 - x0 <= width
    assert abs((low - x0) - (x1 - high)) <= 0.01 * (x1 - x0)  # centred


def test_an_all_undated_library_says_so_and_offers_other_dates(timeline):
    db = open_store(":memory:")
    add_batch(db, [story_item(undated_story(i, Alpha=1)) for i in range(12)])
    timeline.set_database(db)
    assert timeline.basis() == "published"
    assert timeline.notice_text() == "None of the 12 articles has a publication date."
    assert timeline.periods_button.isVisible() and timeline.file_dates_button.isVisible()
    assert timeline.empty_text.isVisible() and timeline.empty_text.toPlainText() == "No dated articles"
    assert not axes_shown(timeline)
    assert timeline.undated_label.text() == "Undated: 12 articles"


def test_the_periods_button_plots_the_periods_named_in_the_text(qtbot, timeline):
    db = open_store(":memory:")
    add_batch(db, [story_item(undated_story(i, Alpha=1)) for i in range(12)])
    timeline.set_database(db)
    qtbot.mouseClick(timeline.periods_button, Qt.MouseButton.LeftButton)
    assert timeline.basis() == "mentioned"
    starts, counts = timeline.plotted()[ALL_ARTICLES]
    assert {start: n for start, n in zip(starts, counts, strict=True) if n} == {
        date(1990, 3, 1): 4,
        date(1991, 3, 1): 4,
        date(1992, 3, 1): 4,
    }
    assert timeline.plot_item.titleLabel.text == "Periods named in the text"
    assert timeline.plot_item.getAxis("bottom").labelText == "period mentioned in the text"
    assert axes_shown(timeline) and not timeline.notice_text()
    x_range_fits(timeline, date(1990, 3, 1), date(1992, 4, 1))


def test_file_dates_are_a_labelled_mode_and_never_the_default(qtbot, timeline):
    db = open_store(":memory:")
    add_batch(db, [story_item(undated_story(i, Alpha=1)) for i in range(12)])
    timeline.set_database(db)
    assert timeline.basis_box.itemText(timeline.basis_box.findData("file")) == "By file date (not publication date)"
    qtbot.mouseClick(timeline.file_dates_button, Qt.MouseButton.LeftButton)
    assert timeline.basis() == "file"
    assert timeline.plot_item.titleLabel.text == "Articles by file date (not publication date)"
    assert timeline.plot_item.getAxis("bottom").isVisible()
    assert timeline.plot_item.getAxis("bottom").labelText == "file date (not publication date)"
    assert timeline.plotted()[ALL_ARTICLES] == ([date(2026, 11, 2), date(2026, 11, 3)], [6, 6])
    with qtbot.assertNotEmitted(timeline.bin_clicked):
        QTest.mouseClick(
            timeline.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=pixel(timeline, date(2026, 11, 2))
        )
    fresh = TimelineWidget()
    qtbot.addWidget(fresh)
    fresh.set_database(db)
    assert fresh.basis() == "published"


def test_a_mostly_undated_library_shows_its_dated_few_and_says_how_few(timeline):
    db = open_store(":memory:")
    dated = [article(date(2024, 1, 1) + timedelta(days=5 * i), Beta=1) for i in range(10)]
    add_batch(db, [article(None, Alpha=2) for _ in range(31)] + dated)
    timeline.set_database(db)
    assert timeline.notice_text() == (
        "Most of the 41 articles have no publication date (31 undated). The chart shows the 10 dated ones."
    )
    assert timeline.plot_item.titleLabel.text == "The 10 dated articles of 41"
    starts, counts = timeline.plotted()[ALL_ARTICLES]
    assert sum(counts) == 10 and (starts[0], starts[-1]) == (date(2024, 1, 1), date(2024, 2, 15))
    x_range_fits(timeline, date(2024, 1, 1), date(2024, 2, 16))


def test_an_entity_only_in_undated_articles_is_a_legend_note_not_a_flat_line(widget, db, alpha_beta):
    add_batch(db, [article(None, Delta=2), article(None, Delta=1)])
    delta = entity_ids(db)["Delta"]
    widget.set_entities([*alpha_beta, (delta, "Delta")])
    assert list(widget.plotted()) == ["Alpha", "Beta"]
    assert widget.not_drawn() == ["Delta"]
    assert [label.text for _, label in widget.legend.items][-1] == "Delta: <i>no dated mentions</i>"
    assert len(widget.plot_item.listDataItems()) == 2
    assert widget.notice_text() == "None of the 2 articles mentioning Delta has a publication date."
    widget.set_entities([(delta, "Delta")])
    assert widget.empty_text.isVisible() and widget.empty_text.toPlainText() == "No dated mentions of Delta"
    assert not axes_shown(widget)


def test_a_mixed_library_has_no_notice_and_the_axis_spans_its_dates(widget, alpha_beta):
    assert widget.notice_text() == ""
    assert axes_shown(widget) and not widget.empty_text.isVisible()
    x_range_fits(widget, JAN_1, date(2024, 3, 1))
    widget.set_entities(alpha_beta[1:])
    x_range_fits(widget, JAN_1, date(2024, 3, 1))


def test_a_wrongly_dated_article_does_not_stretch_an_entitys_axis(widget, db, alpha_beta):
    add_batch(db, [article(date(1400, 6, 1), Other=1), article(date(2024, 1, 20), Gamma=1)])
    gamma = entity_ids(db)["Gamma"]
    widget.set_entities([(gamma, "Gamma")])
    x_range_fits(widget, date(2024, 1, 20), date(2024, 1, 21))
    widget.set_entities(alpha_beta)
    x_range_fits(widget, JAN_1, date(2024, 3, 1))


def test_an_entitys_line_leaves_out_bins_without_any_article(widget, alpha_beta):
    widget.set_entities(alpha_beta)
    data = widget.data()
    alpha_curve = widget.plot_item.listDataItems()[0]
    _, ys = alpha_curve.getData()
    assert [y == y for y in ys] == data.covered  # NaN (a gap) exactly where the collection is empty
    assert data.covered[1] is False and data.covered[0] is True


def test_the_empty_library_shows_words_not_ticks(timeline):
    timeline.set_database(open_store(":memory:"))
    assert timeline.empty_text.toPlainText() == "No articles yet: import files or a folder to see them over time."
    assert not axes_shown(timeline) and timeline.notice_text() == ""


def test_ranges_are_shown_only_by_publication_date(widget):
    widget.set_range(date(2024, 1, 3), date(2024, 1, 9))
    widget.set_basis("mentioned")
    assert not widget.region.isVisible()
    widget.set_basis("published")
    assert widget.region.isVisible()
    assert widget.region.getRegion() == (to_seconds(date(2024, 1, 3)), to_seconds(date(2024, 1, 10)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.none() | st.integers(0, 3_000).map(lambda n: date(1990, 1, 1) + timedelta(days=n)), min_size=1, max_size=30
    )
)
def test_notice_and_x_range_follow_the_dated_share(timeline, days):
    db = open_store(":memory:")
    add_batch(db, [article(day, Alpha=1) for day in days])
    timeline.set_database(db)
    dated = sorted(day for day in days if day)
    undated = len(days) - len(dated)
    assert bool(timeline.notice_text()) == (undated > len(days) / 2)
    if timeline.notice_text() and dated:
        assert (
            f"Most of the {len(days):,} articles have no publication date ({undated:,} undated)."
            in timeline.notice_text()
        )
    if not dated:
        assert not axes_shown(timeline) and timeline.empty_text.isVisible()
        return
    data = timeline.data()
    assert axes_shown(timeline) and data.starts[0] == bin_start(dated[0], data.bin)
    x_range_fits(timeline, data.starts[0], next_bin_start(bin_start(dated[-1], data.bin), data.bin))


def test_hover_over_a_bin_without_articles_says_so_rather_than_zero(qtbot, widget, alpha_beta):
    widget.set_entities(alpha_beta)
    QTest.mouseMove(widget.plot_widget.viewport(), pixel(widget, date(2024, 1, 3)))
    qtbot.waitUntil(lambda: widget.hover_html() != "", timeout=2000)
    assert "Alpha: no dated article" in widget.hover_html()


def test_opening_a_database_goes_back_to_publication_dates(widget, db):
    widget.set_basis("file")
    widget.set_database(db)
    assert widget.basis() == "published" and widget.data().basis == "published"


def test_files_all_of_one_day_say_so_in_the_title(timeline):
    db = open_store(":memory:")
    add_batch(db, [story_item({**undated_story(0), "file_day": date(2026, 12, 3)}) for _ in range(5)])
    timeline.set_database(db)
    timeline.set_basis("file")
    assert timeline.plot_item.titleLabel.text == (
        "Articles by file date (not publication date): all 5 on Thu 3 Dec 2026"
    )
    x_range_fits(timeline, date(2026, 12, 3), date(2026, 12, 4))


def test_a_placeholder_date_at_the_calendars_end_is_drawn(timeline):
    db = open_store(":memory:")
    add_batch(db, [article(date(9999, 12, 31), Alpha=1), article(date(9999, 12, 20), Alpha=1)])
    timeline.set_database(db)
    assert sum(timeline.plotted()[ALL_ARTICLES][1]) == 2 and axes_shown(timeline)


def test_in_the_window_an_undated_library_offers_other_dates_and_they_never_filter_the_list(
    qtbot, make_window, tmp_path
):
    stories = [draft(f"Wire {i}", f"Pakistan and China met in March 2009, report {i}.") for i in range(6)]
    stories.append(draft("Dated", "Pakistan again.", date(2024, 5, 1)))
    path = tmp_path / "undated.db"
    build_store(path, stories, {"Pakistan": ("Pakistan", "place"), "China": ("China", "place")}).close()
    window = make_window(path)
    timeline = window.timeline
    qtbot.waitUntil(lambda: not timeline.reading(), timeout=5000)
    assert timeline.notice_text() == (
        "Most of the 7 articles have no publication date (6 undated). The chart shows the one dated article."
    )
    qtbot.mouseClick(timeline.file_dates_button, Qt.MouseButton.LeftButton)
    assert timeline.basis() == "file"
    qtbot.waitUntil(lambda: not timeline.reading(), timeout=5000)
    assert timeline.empty_text.toPlainText() == "No file date was recorded for these articles."
    timeline.set_basis("mentioned")
    qtbot.waitUntil(lambda: not timeline.reading(), timeout=5000)
    assert timeline.empty_text.toPlainText() == "No period (a year, a month, a day) is named in these articles."
    window.bottom_tabs.setCurrentWidget(timeline)
    qtbot.waitExposed(timeline)
    qtbot.waitUntil(lambda: not timeline.reading(), timeout=5000)
    viewport = timeline.plot_widget.viewport()
    box = timeline.view_box.sceneBoundingRect()
    start, end = (
        timeline.plot_widget.mapFromScene(QPointF(box.left() + box.width() * share, box.center().y()))
        for share in (0.25, 0.75)
    )
    with qtbot.assertNotEmitted(timeline.range_selected), qtbot.assertNotEmitted(timeline.bin_clicked):
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        for step in range(1, 6):
            QTest.mouseMove(viewport, start + (end - start) * step / 5)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=start)
    assert window.state.date_range is None and not timeline.region.isVisible()


@pytest.fixture(scope="module")
def undated_file(tmp_path_factory):
    """A library in a file (so read on a connection of its own): undated stories with file dates
    and named months, and a few dated ones."""
    path = tmp_path_factory.mktemp("modes") / "modes.db"
    db = open_store(path)
    add_batch(db, [story_item(undated_story(i, Alpha=1 + i % 2, Beta=i % 3)) for i in range(15)])
    add_batch(db, [article(date(2024, 1, 1) + timedelta(days=9 * i), Alpha=1) for i in range(4)])
    db.close()
    return path


@pytest.fixture
def file_timeline(qtbot, undated_file):
    db = open_store(undated_file)
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.set_database(db)
    yield widget
    widget.tasks.wait()
    db.close()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    basis=st.sampled_from(["mentioned", "file"]),
    bin=st.sampled_from(["auto", "day", "month", "year"]),
    measure=st.sampled_from(["mentions", "articles"]),
    chosen=st.sets(st.sampled_from(["Alpha", "Beta"])),
)
def test_periods_and_file_dates_read_in_the_background_equal_a_direct_read(
    qtbot, file_timeline, basis, bin, measure, chosen
):
    db = file_timeline._db
    ids = entity_ids(db)
    shown = [(ids[name], name) for name in sorted(chosen)]
    choose(file_timeline.bin_box, bin)
    choose(file_timeline.measure_box, measure)
    file_timeline.set_basis(basis)
    file_timeline.set_entities(shown)
    assert file_timeline.reading() and file_timeline.empty_text.toPlainText() == READING
    assert file_timeline.data() is None
    qtbot.waitUntil(lambda: not file_timeline.reading(), timeout=5000)
    keys = [entity_id for entity_id, _ in shown]
    direct = (
        period_series(db, keys, bin=bin)
        if basis == "mentioned"
        else file_date_series(db, keys, bin=bin, measure=measure)
    )
    assert file_timeline.data() == direct


def test_the_newest_timeline_request_wins(qtbot, file_timeline, monkeypatch):
    import explorer.ui.panes.timeline as timeline_module

    release, held = threading.Event(), threading.Event()

    def slow_periods(db, ids, **kwargs):
        held.set()
        release.wait(10)
        return period_series(db, ids, **kwargs)

    monkeypatch.setattr(timeline_module, "period_series", slow_periods)
    file_timeline.set_basis("mentioned")
    assert held.wait(5)  # the read of the periods is running
    file_timeline.set_basis("file")
    release.set()
    qtbot.waitUntil(lambda: file_timeline.tasks.idle(), timeout=5000)
    assert file_timeline.basis() == "file"
    assert file_timeline.data() == file_date_series(file_timeline._db, [])  # the older periods dropped
    assert sum(file_timeline.plotted()[ALL_ARTICLES][1]) == 15  # the dated four have no file date


def test_a_timeline_read_that_fails_says_so_on_the_chart(qtbot, file_timeline, monkeypatch):
    import explorer.ui.panes.timeline as timeline_module
    from explorer.core.store import StoreError

    def fail(*_args, **_kwargs):
        raise StoreError("The library is busy.")

    monkeypatch.setattr(timeline_module, "file_date_series", fail)
    file_timeline.set_basis("file")
    qtbot.waitUntil(lambda: not file_timeline.reading(), timeout=5000)
    assert file_timeline.empty_text.toPlainText() == "The timeline could not be read: The library is busy."
    assert file_timeline.data() is None and file_timeline.plotted() == {}
