"""SIGKILL the CLI import at random points: nothing committed is lost or half written, a rerun completes."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from explorer.core.store import open_store
from tests.core.test_pipeline import write_articles
from tests.reliability.conftest import REPO_DIR, assert_consistent, fault_runs

ARTICLES = 160
BATCH_SIZE = 64  # the pipeline's default: a kill usually lands inside an open batch


def _stored(db_path) -> int:
    try:
        conn = sqlite3.connect(db_path, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _kill_at_random(command, db_path, rng: random.Random) -> None:
    """Start the import and kill it after a random number of committed articles plus a random delay."""
    target = rng.randrange(0, ARTICLES)
    delay = rng.uniform(0, 0.5)
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO_DIR)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline and _stored(db_path) < target:
        time.sleep(0.05)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.mark.slow
def test_repeated_sigkill_never_costs_committed_work(tmp_path):
    runs = fault_runs("KE_CRASH_RUNS", 3)
    rng = random.Random(int(time.time()))
    folder = tmp_path / "in"
    write_articles(folder, ARTICLES)
    db_path = tmp_path / "t.db"
    command = [sys.executable, "-m", "explorer", "import", str(folder), "--db", str(db_path)]
    history = []
    for _ in range(runs):
        _kill_at_random(command, db_path, rng)
        if not db_path.exists():
            history.append(0)
            continue
        db = open_store(db_path)
        assert_consistent(db)
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert stored % BATCH_SIZE == 0 or stored == ARTICLES, f"a partial batch survived: {stored}"
        assert stored >= max(history, default=0), "a kill lost articles committed before it"
        history.append(stored)
        db.close()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
                   cwd=REPO_DIR)
    db = open_store(db_path)
    assert_consistent(db)
    assert db.execute("SELECT count(*), count(DISTINCT sha256), count(DISTINCT path) FROM articles").fetchone() == (
        ARTICLES, ARTICLES, ARTICLES)
