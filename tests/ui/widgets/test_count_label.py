"""The status bar's count read in a reading task: equal to the core's count, the newest request
winning, and a count that cannot be read said in words."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.store import StoreError, open_store
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.queries import count_documents, count_matches, find_entity
from explorer.ui.state import FilterState
from explorer.ui.widgets.count_label import CountLabel


@pytest.fixture
def counted(qtbot, news_db):
    db = open_store(news_db)
    label = CountLabel()
    qtbot.addWidget(label)
    yield label, db, FilterState()
    label.tasks.wait()
    db.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    names=st.lists(
        st.sampled_from(["Pakistan", "China", "India", "Beijing", "Tokyo", "Xi Jinping"]), unique=True, max_size=2
    ),
    search=st.sampled_from(["", "Pakistan", "talks OR floods", "market"]),
    starred=st.booleans(),
)
def test_the_count_read_in_the_background_equals_the_core_count(qtbot, counted, names, search, starred) -> None:
    label, db, state = counted
    state.clear(search=True)
    state.set_selection({find_entity(db, name).id: name for name in names})
    state.set_search(search)
    state.set_starred(starred)
    total = label.show_counts(db, state)
    assert total == count_documents(db)
    qtbot.waitUntil(lambda: not label.counting(), timeout=5000)
    flt = state.document_filter()
    expected = (
        f"{total:,} articles" if flt == DocumentFilter() else f"{count_matches(db, flt)} of {total:,} articles match"
    )
    assert label.text() == expected


def test_a_newer_count_wins_over_an_older_one_still_being_read(qtbot, counted, monkeypatch) -> None:
    import explorer.ui.widgets.count_label as module

    label, db, state = counted
    release, held = threading.Event(), threading.Event()

    def slow(own, flt):
        if flt.search == "Pakistan":
            held.set()
            release.wait(10)
        return count_matches(own, flt)

    monkeypatch.setattr(module, "count_matches", slow)
    state.set_search("Pakistan")
    label.show_counts(db, state)
    assert held.wait(5) and label.counting() and label.text().startswith("counting the matches")
    state.set_search("market")
    total = label.show_counts(db, state)
    release.set()
    qtbot.waitUntil(lambda: label.tasks.idle(), timeout=5000)
    assert label.text() == f"{count_matches(db, state.document_filter())} of {total:,} articles match"


def test_a_count_that_cannot_be_read_is_said(qtbot, counted, monkeypatch) -> None:
    import explorer.ui.widgets.count_label as module

    label, db, state = counted

    def fail(_own, _flt):
        raise StoreError("The library is busy.")

    monkeypatch.setattr(module, "count_matches", fail)
    state.set_search("Pakistan")
    label.show_counts(db, state)
    qtbot.waitUntil(lambda: not label.counting(), timeout=5000)
    assert label.text() == "the matches could not be counted: The library is busy."
