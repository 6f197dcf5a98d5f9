"""ui/tasks.py reads: a job on a connection of its own, stopped mid-query by a cancel."""

from __future__ import annotations

import threading
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.store import open_store
from explorer.ui.tasks import Tasks, database_path, reading_job, start_read
from tests.store_builder import build_store, draft

ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


def library(path):
    build_store(
        path,
        [draft("Talks", "Alpha met Beta.", date(2024, 1, 1))],
        {"Alpha": ("Alpha", "person"), "Beta": ("Beta", "person")},
    ).close()
    return path


def test_the_path_of_a_file_library_and_none_in_memory(tmp_path) -> None:
    db = open_store(library(tmp_path / "lib.db"))
    assert database_path(db) == tmp_path / "lib.db"
    db.close()
    assert database_path(open_store(":memory:")) is None


@settings(max_examples=10, deadline=None)
@given(
    sql=st.sampled_from(
        ["SELECT count(*) FROM articles", "SELECT name FROM entities ORDER BY name", "SELECT count(*) FROM mentions"]
    )
)
def test_a_read_in_the_background_equals_the_read_on_the_window_connection(tmp_path_factory, sql) -> None:
    path = library(tmp_path_factory.mktemp("read") / "lib.db")
    db = open_store(path)
    events = list(reading_job(path, lambda own: own.execute(sql).fetchall())(threading.Event()))
    assert events == [db.execute(sql).fetchall()]
    db.close()


def test_a_cancel_stops_a_running_query_and_reports_nothing(tmp_path) -> None:
    path = library(tmp_path / "lib.db")
    cancel, started = threading.Event(), threading.Event()

    def endless(own):
        started.set()
        return own.execute(ENDLESS).fetchall()

    events: list = []
    worker = threading.Thread(target=lambda: events.extend(reading_job(path, endless)(cancel)))
    worker.start()
    assert started.wait(10)
    cancel.set()
    worker.join(30)
    assert not worker.is_alive() and events == []


def test_a_failing_read_reaches_on_done_as_one_sentence(qtbot, tmp_path) -> None:
    db = open_store(library(tmp_path / "lib.db"))
    tasks, ended = Tasks(), []
    start_read(
        tasks,
        db,
        lambda own: own.execute("SELECT nothing FROM nowhere").fetchall(),
        lambda result, error: ended.append((result, error)),
    )
    qtbot.waitUntil(lambda: bool(ended), timeout=10000)
    ((result, error),) = ended
    assert result is None and error.endswith(".") and "\n" not in error
    db.close()


def test_a_library_in_memory_is_read_at_once(tmp_path) -> None:
    db = open_store(":memory:")
    ended = []
    assert start_read(Tasks(), db, lambda own: own is db, lambda result, error: ended.append((result, error))) is None
    assert ended == [(True, "")]
