"""The timeline by publication date read in the background: equal to the core's read, the drawn
chart kept until the new one arrives, the newest request winning."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.store import open_store
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.timeline import series, series_for_all, series_for_filter
from explorer.core.store.writer import add_batch
from explorer.ui.panes.timeline import ALL_ARTICLES, MATCHING_ARTICLES, READING, TimelineWidget
from tests.core.store.test_timeline_queries import entity_ids, news_items


@pytest.fixture(scope="module")
def news_file(tmp_path_factory):
    """Alpha and Beta over January and February 2024 in a file: read on a connection of its own."""
    path = tmp_path_factory.mktemp("published") / "news.db"
    db = open_store(path)
    add_batch(db, news_items())
    db.close()
    return path


@pytest.fixture
def timeline(qtbot, news_file):
    db = open_store(news_file)
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.set_database(db)
    qtbot.waitUntil(lambda: not widget.reading(), timeout=5000)
    yield widget
    widget.tasks.wait()
    db.close()


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    bin=st.sampled_from(["auto", "day", "week", "month", "year"]),
    measure=st.sampled_from(["mentions", "articles"]),
    normalise=st.booleans(),
    chosen=st.lists(st.sampled_from(["Alpha", "Beta"]), unique=True),
    search=st.sampled_from([None, "Alpha", "Beta", "published"]),
)
def test_a_chart_by_publication_date_read_in_the_background_equals_the_core_read(
    qtbot, timeline, bin, measure, normalise, chosen, search
):
    db = timeline._db
    ids = entity_ids(db)
    shown = [(ids[name], name) for name in chosen]
    choose(timeline.bin_box, bin)
    choose(timeline.measure_box, measure)
    timeline.normalise_box.setChecked(normalise)
    timeline.set_matching(DocumentFilter(search=search))
    timeline.set_entities(shown)
    assert timeline.reading()
    qtbot.waitUntil(lambda: not timeline.reading(), timeout=5000)
    keys = [entity_id for entity_id, _ in shown]
    if keys:
        direct = series(db, keys, bin=bin, measure=measure, normalise=normalise)
        names = chosen
    elif search:
        direct, names = series_for_filter(db, DocumentFilter(search=search), bin), [MATCHING_ARTICLES]
    else:
        direct, names = series_for_all(db, bin), [ALL_ARTICLES]
    assert timeline.data() == direct
    assert list(timeline.plotted()) == names


def test_the_drawn_chart_stays_until_the_newer_one_arrives_and_an_older_read_is_dropped(qtbot, timeline, monkeypatch):
    import explorer.ui.panes.timeline as timeline_module

    db = timeline._db
    ids = entity_ids(db)
    before = timeline.plotted()
    release, held = threading.Event(), threading.Event()

    def slow_matches(own, flt, bin="auto"):
        held.set()
        release.wait(10)
        return series_for_filter(own, flt, bin)

    monkeypatch.setattr(timeline_module, "series_for_filter", slow_matches)
    timeline.set_matching(DocumentFilter(search="Beta"))
    timeline.set_entities([])
    assert held.wait(5)  # the search's read is running
    assert timeline.reading() and timeline.plotted() == before  # the old chart, not an empty one
    timeline.set_entities([(ids["Alpha"], "Alpha")])  # a newer request
    release.set()
    qtbot.waitUntil(lambda: timeline.tasks.idle(), timeout=5000)
    assert list(timeline.plotted()) == ["Alpha"]
    assert timeline.data() == series(db, [ids["Alpha"]])


def test_another_library_never_shows_the_previous_chart_while_it_is_read(qtbot, timeline, news_file, monkeypatch):
    import explorer.ui.panes.timeline as timeline_module

    release, held = threading.Event(), threading.Event()

    def slow_all(own, bin="auto"):
        held.set()
        release.wait(10)
        return series_for_all(own, bin)

    assert timeline.plotted()
    monkeypatch.setattr(timeline_module, "series_for_all", slow_all)
    other = open_store(news_file)
    timeline.set_database(other)
    assert held.wait(5)
    assert timeline.data() is None and timeline.empty_text.toPlainText() == READING
    release.set()
    qtbot.waitUntil(lambda: not timeline.reading(), timeout=5000)
    assert timeline.data() == series_for_all(other)
    other.close()
