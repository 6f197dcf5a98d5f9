"""The sentences of a clicked edge read in a reading task: equal to the core's read, the last
click winning, and a read that fails said in the list."""

from __future__ import annotations

import threading

from explorer.core.store import StoreError
from explorer.core.store.detail import cooccurrence_kwic
from tests.ui.panes.test_network_view import show_network


def listed(view) -> list[str]:
    return [view.sentences.item(i).text() for i in range(view.sentences.count())]


def expected(view, item) -> list[str]:
    lines = cooccurrence_kwic(view._db, item.a.row.id, item.b.row.id, limit=200, flt=view._filter)
    heading = f"{item.a.row.name} — {item.b.row.name}: {item.edge.together:,} sentences"
    return [heading, *(f"{line.published or 'undated'} · {line.title}\n{line.text}" for line in lines)]


def test_every_edge_lists_what_the_core_reads(qtbot, window) -> None:
    view = show_network(qtbot, window)
    assert view.edge_items
    for item in view.edge_items:
        view.edge_clicked(item)
        qtbot.waitUntil(lambda: not view.sentences_reading(), timeout=5000)
        assert listed(view) == expected(view, item)


def test_the_last_edge_clicked_wins_over_an_older_read(qtbot, window, monkeypatch) -> None:
    import explorer.ui.panes.network_view as module

    view = show_network(qtbot, window)
    first, last = view.edge_items[0], view.edge_items[-1]
    release, held = threading.Event(), threading.Event()

    def slow(db, a, b, **kwargs):
        if (a, b) == (first.a.row.id, first.b.row.id):
            held.set()
            release.wait(10)
        return cooccurrence_kwic(db, a, b, **kwargs)

    monkeypatch.setattr(module, "cooccurrence_kwic", slow)
    view.edge_clicked(first)
    assert held.wait(5) and listed(view)[1:] == ["reading…"]
    view.edge_clicked(last)
    release.set()
    qtbot.waitUntil(lambda: view.tasks.idle(), timeout=5000)
    monkeypatch.undo()
    assert listed(view) == expected(view, last)


def test_sentences_that_cannot_be_read_are_said(qtbot, window, monkeypatch) -> None:
    import explorer.ui.panes.network_view as module

    view = show_network(qtbot, window)

    def fail(*_args, **_kwargs):
        raise StoreError("The library is busy.")

    monkeypatch.setattr(module, "cooccurrence_kwic", fail)
    view.edge_clicked(view.edge_items[0])
    qtbot.waitUntil(lambda: not view.sentences_reading(), timeout=5000)
    assert listed(view)[1:] == ["The sentences could not be read: The library is busy."]
