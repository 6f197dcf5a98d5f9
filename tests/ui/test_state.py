"""FilterState and the change events, by properties over generated sequences of user actions."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QWidget

from explorer.core.model import ENTITY_TYPES
from explorer.core.store.document_filter import DocumentFilter
from explorer.ui.events import Change, ChangeEvents, follow
from explorer.ui.state import FilterState

ids = st.integers(1, 6)
names = st.sampled_from(["Pakistan", "China", "Peking", "Beijing"])
days = st.dates(date(2020, 1, 1), date(2020, 12, 31))
ACTIONS = st.one_of(
    st.tuples(st.just("search"), st.sampled_from(["", "oil", " oil ", '"oil']), st.sampled_from([None, "bad"])),
    st.tuples(st.just("select"), ids, names),
    st.tuples(st.just("edit"), st.lists(st.tuples(ids, names), max_size=3), st.lists(ids, max_size=3)),
    st.tuples(st.just("type"), st.sampled_from([None, *ENTITY_TYPES])),
    st.tuples(st.just("range"), st.none() | days, st.none() | days),
    st.tuples(st.just("tag"), st.sampled_from([None, "urgent", "later"])),
    st.tuples(st.just("starred"), st.booleans()),
    st.tuples(st.just("remove_chip"), st.integers(0, 8)),
    st.tuples(st.just("clear"), st.booleans()),
)


def apply(state: FilterState, action: tuple) -> None:
    kind, *args = action
    if kind == "search":
        state.set_search(args[0], args[1])
    elif kind == "select":
        state.select_entity(*args)
    elif kind == "edit":
        state.edit_selection(*args)
    elif kind == "type":
        state.set_entity_type(args[0])
    elif kind == "range":
        state.set_date_range(*args)
    elif kind == "tag":
        state.set_tag(args[0])
    elif kind == "starred":
        state.set_starred(args[0])
    elif kind == "remove_chip":
        chips = state.chips()
        if chips:
            state.remove(chips[args[0] % len(chips)][0])
    else:
        state.clear(search=args[0])


def snapshot(state: FilterState) -> tuple:
    return state.document_filter(), state.search_error, tuple(state.selected.items())


@settings(max_examples=200, deadline=None)
@given(st.lists(ACTIONS, max_size=25))
def test_changed_is_emitted_once_exactly_when_the_filter_changes(qapp, actions) -> None:
    state = FilterState()
    emitted: list[int] = []
    state.changed.connect(lambda: emitted.append(1))
    for action in actions:
        before, count = snapshot(state), len(emitted)
        apply(state, action)
        assert len(emitted) - count == (1 if snapshot(state) != before else 0), action


@settings(max_examples=200, deadline=None)
@given(st.lists(ACTIONS, max_size=25))
def test_every_condition_but_the_search_has_a_chip_and_removing_them_all_leaves_the_search(qapp, actions) -> None:
    state = FilterState()
    for action in actions:
        apply(state, action)
    flt = state.document_filter()
    assert flt.entity_ids == tuple(state.selected)
    conditions = len(flt.entity_ids) + bool(flt.entity_type) + bool(flt.date_from) + bool(flt.tag) + flt.starred
    assert len(state.chips()) == conditions
    assert state.matches_nothing == (state.search_error is not None)
    for key, _text, _tip in state.chips():
        state.remove(key)
    assert state.chips() == [] and state.document_filter() == DocumentFilter(search=flt.search)


CHANGES = st.sampled_from([Change.ARTICLES, Change.ENTITIES, Change.MENTIONS, Change.NOTES, Change.EVERYTHING])
STEPS = st.lists(st.one_of(CHANGES, st.sampled_from(["show", "hide"])), max_size=30)


@settings(max_examples=200, deadline=None)
@given(STEPS, st.sampled_from([Change.NOTES, Change.ARTICLES | Change.MENTIONS, Change.ENTITIES]))
def test_a_pane_reads_a_change_it_shows_once_visible_and_no_other(qapp, steps, shows) -> None:
    """Visible: refreshed at once by each change it shows. Hidden: at most one refresh, when next
    shown, and only if such a change came meanwhile. Changes it does not show never refresh it."""
    events = ChangeEvents()
    pane = QWidget()
    refreshes: list[int] = []
    follower = follow(pane, lambda: refreshes.append(1), shows, events)
    pending = False
    try:
        for step in steps:
            count = len(refreshes)
            if step == "show":
                pane.show()
                assert len(refreshes) - count == (1 if pending else 0)
                pending = False
            elif step == "hide":
                pane.hide()
                assert len(refreshes) == count
            else:
                events.announce(step)
                relevant = bool(step & shows)
                if pane.isVisible():
                    assert len(refreshes) - count == relevant
                else:
                    assert len(refreshes) == count
                    pending = pending or relevant
            assert follower.stale == (pending and not pane.isVisible())
    finally:
        pane.close()
        pane.deleteLater()
