"""The panes following a curation: the chosen entities' names read in the background (equal to
the core's read, off the GUI thread), dropped when the choice changed meanwhile."""

from __future__ import annotations

import threading

import explorer.ui.panes.follow as follow
from explorer.core.ops import curation
from explorer.core.store import open_store
from explorer.core.store.curation_sql import visible_names
from explorer.core.store.queries import find_entity
from explorer.ui.events import Change
from tests.ui.conftest import settle


def rename_elsewhere(path, entity_id: int, name: str) -> None:
    other = open_store(path)
    curation.rename(other, entity_id, name)
    other.close()


def test_a_renamed_chosen_entity_is_named_again_off_the_gui_thread(window, news_db, monkeypatch):
    threads: list[threading.Thread] = []
    real = follow.visible_names

    def recording(db, ids):
        threads.append(threading.current_thread())
        return real(db, ids)

    monkeypatch.setattr(follow, "visible_names", recording)
    beijing, india = find_entity(window.db, "Beijing").id, find_entity(window.db, "India").id
    window.state.set_selection({beijing: "Beijing", india: "India"})
    settle(window)
    rename_elsewhere(news_db, beijing, "Peking")
    window.events.announce(Change.ENTITIES)
    assert window.state.selected == {beijing: "Beijing", india: "India"}  # not read on the GUI thread
    settle(window)
    assert window.state.selected == visible_names(window.db, [beijing, india]) == {beijing: "Peking", india: "India"}
    assert [text for _, text, _ in window.state.chips()] == ["Peking", "India"]
    assert threads and threading.main_thread() not in threads


def test_names_read_for_a_choice_changed_meanwhile_are_dropped(window, news_db, monkeypatch):
    release = threading.Event()
    real = follow.visible_names

    def held(db, ids):
        release.wait(5)
        return real(db, ids)

    monkeypatch.setattr(follow, "visible_names", held)
    beijing, india = find_entity(window.db, "Beijing").id, find_entity(window.db, "India").id
    window.state.set_selection({beijing: "Beijing"})
    settle(window)
    rename_elsewhere(news_db, beijing, "Peking")
    window.events.announce(Change.ENTITIES)
    window.state.set_selection({india: "India"})  # the user chose another entity before the names came
    release.set()
    settle(window)
    assert window.state.selected == {india: "India"}
