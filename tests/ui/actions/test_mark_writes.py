"""Marks written in writing tasks: in the order made, waiting behind another writer, equal to the
core's writes, and undone by nothing but the next mark."""

from __future__ import annotations

import threading
from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.store import notes
from tests.ui.actions.test_curation_actions import written

MARKS = st.one_of(
    st.tuples(st.just("star"), st.booleans()),
    st.tuples(st.sampled_from(["tag", "untag"]), st.sampled_from(["urgent", "Urgent ", "follow up", "x"])),
    st.tuples(st.just("note"), st.text(max_size=20)),
)


def core_write(kind: str, value):
    return {
        "star": lambda db, article_id: notes.set_starred(db, article_id, value),
        "tag": lambda db, article_id: notes.add_tag(db, article_id, value),
        "untag": lambda db, article_id: notes.remove_tag(db, article_id, value),
        "note": lambda db, article_id: notes.set_note(db, article_id, value),
    }[kind]


def blocking_writer(window, release: threading.Event, started: threading.Event):
    """Another writer (a long curation, say) holding the one writer's place until released."""

    def job(_cancel) -> Iterator[None]:
        started.set()
        release.wait(10)
        yield None

    return window.tasks.start(job, writes=True, what="A long curation")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(marks=st.lists(MARKS, min_size=1, max_size=8), behind_a_writer=st.booleans())
def test_marks_written_in_tasks_equal_the_same_marks_written_directly_in_order(
    qtbot, window, marks, behind_a_writer
) -> None:
    db = window.db
    queued, direct = (row.id for row in window.documents.model.rows[:2])
    for article_id in (queued, direct):  # each example starts from an article without marks
        for kind, value in (("star", False), ("note", "")):
            core_write(kind, value)(db, article_id)
        for tag in notes.article_notes(db, article_id).tags:
            notes.remove_tag(db, article_id, tag)
    blank = notes.article_notes(db, queued)
    release, started = threading.Event(), threading.Event()
    if behind_a_writer:
        assert blocking_writer(window, release, started) is not None and started.wait(5)
    for kind, value in marks:
        write = core_write(kind, value)
        window.notes.writes.write(lambda own, w=write: w(own, queued), f"{kind} {value!r}")
        core_write(kind, value)(db, direct)
    if behind_a_writer:  # queued, not refused, and nothing written before the writer ends
        assert window.notes.writes.pending() and notes.article_notes(db, queued) == blank
    release.set()
    qtbot.waitUntil(lambda: not window.notes.writes.pending() and window.tasks.idle(), timeout=10_000)
    written(qtbot, window)
    assert notes.article_notes(db, queued) == notes.article_notes(db, direct)


def test_a_star_then_an_unstar_leaves_the_article_unstarred_and_the_menu_says_so(qtbot, window) -> None:
    window.documents.view.setCurrentIndex(window.documents.model.index(0, 0))
    qtbot.waitUntil(lambda: window.reader.article is not None)
    article_id = window.reader.article.id
    release, started = threading.Event(), threading.Event()
    assert blocking_writer(window, release, started) is not None and started.wait(5)
    window.notes.star_action.trigger()
    assert window.notes.star_action.isChecked()  # shown at once, written later
    window.notes.star_action.trigger()
    release.set()
    qtbot.waitUntil(lambda: not window.notes.writes.pending() and window.tasks.idle(), timeout=10_000)
    assert not notes.article_notes(window.db, article_id).starred
    assert not window.notes.star_action.isChecked()
