"""ui/tasks.py lifetimes: a Tasks with no parent, dropped after (or while) its jobs run, is freed
once, with every task, and no job's end lands on a deleted object.

Each task's ``finished`` used to be connected to a lambda holding the Tasks, so every task owned
its parent: dropping a parentless Tasks freed it from inside a task's destructor, which then
deleted that task a second time (a segfault that depended on when the deferred delete ran; it
took down ``test_tasks_reading`` when run after the window tests of ``test_backup``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import weakref
from pathlib import Path

import shiboken6
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, QEvent

from explorer.ui.tasks import Task, Tasks, call_job

REPO_DIR = Path(__file__).resolve().parents[2]
DROP_AFTER_THE_END = """
from PySide6.QtCore import QCoreApplication, QEvent
from explorer.ui.tasks import Tasks, call_job

app = QCoreApplication([])
ended = []
tasks = Tasks()
tasks.start(call_job(lambda: "read"), writes=False, on_done=lambda result, error: ended.append((result, error)))
while not ended:
    app.processEvents()
del tasks
app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
print(ended)
"""


def run_deferred_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_dropping_a_parentless_tasks_after_its_read_ended_frees_it_once() -> None:
    """The crash itself, in a process of its own so that a regression fails here instead of
    killing the test run: before the fix the process died of SIGSEGV."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO_DIR)}
    done = subprocess.run(
        [sys.executable, "-c", DROP_AFTER_THE_END],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_DIR,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "[('read', '')]"), done.stderr


JOBS = st.lists(st.tuples(st.booleans(), st.integers(), st.booleans()), min_size=1, max_size=6)


def job_of(value: int, fails: bool):
    def work() -> int:
        if fails:
            raise ValueError(f"no {value}")
        return value

    return call_job(work)


def run_all(qtbot, tasks: Tasks, jobs) -> tuple[dict, dict]:
    """Start every job at once; wait until each started one ended. Returns the started tasks
    (with what each should end with) and each job's ends, by index."""
    ended: dict[int, list] = {}
    started: dict[int, tuple[Task, int, bool]] = {}
    for index, (writes, value, fails) in enumerate(jobs):

        def on_done(result, error, index=index) -> None:
            ended.setdefault(index, []).append((result, error))

        task = tasks.start(job_of(value, fails), writes=writes, on_done=on_done)
        if task is None:
            assert writes and tasks.writing()  # refused only beside a running writer
        else:
            started[index] = (task, value, fails)
    qtbot.waitUntil(lambda: len(ended) == len(started) and tasks.idle(), timeout=10000)
    return started, ended


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(jobs=JOBS)
def test_every_end_arrives_once_and_a_dropped_tasks_is_freed_with_its_tasks(qtbot, jobs) -> None:
    tasks = Tasks()
    started, ended = run_all(qtbot, tasks, jobs)
    for index, (_task, value, fails) in started.items():
        ((result, error),) = ended[index]
        if fails:
            assert result is None and error.endswith(".") and "\n" not in error
        else:
            assert (result, error) == (value, "")
    alive = weakref.ref(tasks)
    del tasks
    run_deferred_deletes()
    assert alive() is None  # no task keeps its Tasks alive
    assert not any(shiboken6.isValid(task) for task, _value, _fails in started.values())


@settings(max_examples=10, deadline=None)
@given(count=st.integers(min_value=1, max_value=4), writes=st.booleans())
def test_a_tasks_dropped_while_its_jobs_run_waits_for_them(qapp, count, writes) -> None:
    """A job still running when its Tasks goes runs to its end and emits its end on live
    signals (before, the signals were deleted first: "Signal source has been deleted")."""
    release, finished = threading.Event(), []

    def work(number: int) -> int:
        release.wait(10)
        finished.append(number)
        return number

    tasks = Tasks()
    running = [tasks.start(call_job(lambda n=n: work(n)), writes=writes and n == 0) for n in range(count)]
    assert all(task is not None for task in running)
    alive = weakref.ref(tasks)
    threading.Timer(0.05, release.set).start()
    del tasks
    run_deferred_deletes()
    assert alive() is None and sorted(finished) == list(range(count))
