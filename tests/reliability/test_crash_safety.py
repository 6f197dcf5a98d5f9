"""SIGKILL the CLI at random points of an import, a curation action and "Re-extract all": nothing
committed is lost or half written, and a rerun completes the work.

The loops run a few times in CI and as often as wanted by hand:
``KE_CRASH_RUNS=30 pytest tests/reliability/test_crash_safety.py --log-cli-level=INFO``
(the log lines give where each kill landed).
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import random
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from explorer.core.ops import curation
from explorer.core.reading.ingest import read_article
from explorer.core.store import open_store
from explorer.core.store.queries import find_entity
from tests.core.ops.test_pipeline import PLACES, write_articles
from tests.reliability.conftest import REPO_DIR, assert_consistent, fault_runs
from tests.store_builder import build_store, draft

log = logging.getLogger(__name__)

ARTICLES = 160
BATCH_SIZE = 64  # the pipeline's and re-extraction's default: a kill usually lands inside an open batch
# What an import has stored after each whole batch: 4, 8, 16, 32 and then 64 articles a batch
# (counted from what was stored before it).
IMPORT_BATCH_ENDS = {0, 4, 12, 28, 60, 124, ARTICLES}
# SQLite's WAL write lock: byte 120 of the -shm file (the unix VFS's shared-memory lock area).
WAL_WRITE_LOCK = 120


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
    history, previous = [], 0
    for _ in range(runs):
        _kill_at_random(command, db_path, rng)
        if not db_path.exists():
            history.append(0)
            continue
        db = open_store(db_path)
        assert_consistent(db)
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        db.close()
        # A rerun skips what is stored as duplicates and counts its batches from there.
        assert stored == ARTICLES or stored - previous in IMPORT_BATCH_ENDS, f"a partial batch survived: {stored}"
        assert stored >= previous, "a kill lost articles committed before it"
        history.append(stored)
        previous = stored
        if stored == ARTICLES and len(history) < runs:  # all in: start again, so that later kills hit work
            for suffix in ("", "-wal", "-shm"):
                db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
            previous = 0
    log.info("import: articles stored after each of %d kills (160 = complete, then a new database): %s", runs, history)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, cwd=REPO_DIR)
    db = open_store(db_path)
    assert_consistent(db)
    assert db.execute("SELECT count(*), count(DISTINCT sha256), count(DISTINCT path) FROM articles").fetchone() == (
        ARTICLES,
        ARTICLES,
        ARTICLES,
    )


# ---- kills timed from the first write ---------------------------------------------------------


def _write_lock_held(shm_fd: int) -> bool:
    """Whether some process holds SQLite's WAL write lock (asked with F_GETLK, which takes no lock)."""
    query = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, WAL_WRITE_LOCK, 1, 0)
    return struct.unpack("hhqqi4x", fcntl.fcntl(shm_fd, fcntl.F_GETLK, query))[0] != fcntl.F_UNLCK


@dataclass
class Run:
    first_write: float | None  # seconds from the start to the first time the write lock was seen held
    last_write: float | None  # ... to the last time
    ended: float  # ... to the exit (or the kill)
    killed: bool  # False: the command had finished before the kill

    @property
    def writing(self) -> float:
        """How long it wrote, from its first write lock to its last (a kill is aimed into that time)."""
        return self.last_write - self.first_write


def _run_cli(args: list[str], db_path: Path, kill_after_write: float | None = None) -> Run:
    """Run ``knowledge-explorer ARGS --db DB``; with ``kill_after_write``, SIGKILL it that many seconds
    after it first takes the write lock."""
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "explorer", *args, "--db", str(db_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=REPO_DIR,
    )
    shm = db_path.with_name(db_path.name + "-shm")
    fd, first_write, last_write = None, None, None
    try:
        while proc.poll() is None and time.monotonic() - started < 300:
            if fd is None and shm.exists():
                fd = os.open(shm, os.O_RDONLY)
            if fd is not None and _write_lock_held(fd):
                last_write = time.monotonic() - started
                first_write = first_write or last_write
            if (
                first_write is not None
                and kill_after_write is not None
                and time.monotonic() - started >= first_write + kill_after_write
            ):
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.0005)
    finally:
        if fd is not None:
            os.close(fd)
    killed = proc.poll() is None or proc.wait() == -signal.SIGKILL
    proc.wait()
    if not killed:
        assert proc.returncode == 0, proc.stderr.read().decode()
    proc.stderr.close()
    return Run(first_write, last_write, time.monotonic() - started, killed)


def _fingerprint(db_path: Path) -> dict[str, str]:
    """A digest of every table a curation or re-extraction writes (rules without their time)."""
    db = open_store(db_path, readonly=True)
    queries = {
        "articles": "SELECT id, entity_count, extracted FROM articles ORDER BY id",
        "entities": "SELECT * FROM entities ORDER BY id",
        "entity_types": "SELECT * FROM entity_types ORDER BY 1, 2",
        "aliases": "SELECT * FROM aliases ORDER BY 1",
        "mentions": "SELECT * FROM mentions ORDER BY id",
        "entity_days": "SELECT * FROM entity_days ORDER BY 1, 2",
        "rules": "SELECT id, kind, payload FROM rules ORDER BY id",
    }
    digests = {
        table: hashlib.sha256(repr(db.execute(sql).fetchall()).encode()).hexdigest() for table, sql in queries.items()
    }
    db.close()
    return digests


def _id(db, name: str) -> int:
    return find_entity(db, name).id


CURATIONS = [
    ["entity", "merge", "China", "Beijing"],
    ["entity", "add", "Report", "--type", "work"],
    ["entity", "split", "China", "PRC"],
    ["entity", "hide", "Xinhua"],
    ["entity", "rename", "Pakistan", "Islamic Republic of Pakistan"],
    ["entity", "retype", "Xinhua", "group"],
]
CURATED_ARTICLES = 5000  # enough rows that each action's transaction lasts a while


@pytest.fixture(scope="module")
def curation_base(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("curation") / "base.db"
    names = {
        "Pakistan": ("Pakistan", "place"),
        "China": ("China", "place"),
        "PRC": ("China", "place"),
        "Beijing": ("Beijing", "place"),
        "Xinhua": ("Xinhua", "organisation"),
    }
    body = "Pakistan and China met in Beijing, a Report by Xinhua said. The PRC agreed. "
    build_store(path, [draft(f"Report {i}", f"Report {i}. {body * 3}") for i in range(CURATED_ARTICLES)], names).close()
    return path


@pytest.mark.slow
def test_sigkill_during_a_curation_applies_it_whole_or_not_at_all(curation_base, tmp_path):
    runs = fault_runs("KE_CRASH_RUNS", 3) * 2  # each action at least once per three runs in CI
    rng = random.Random(int(time.time()))
    before = _fingerprint(curation_base)
    expected: dict[int, tuple[dict, float]] = {}
    outcomes: Counter[str] = Counter()
    for run in range(runs):
        args = CURATIONS[run % len(CURATIONS)]
        work = tmp_path / f"run-{run}.db"
        if run < len(CURATIONS):  # the action's result, and how long it writes, from a run left alone
            shutil.copy(curation_base, work)
            clean = _run_cli(args, work)
            expected[run] = (_fingerprint(work), clean.writing * 1.2)
            work.unlink()
        after, writing = expected[run % len(CURATIONS)]
        shutil.copy(curation_base, work)
        result = _run_cli(args, work, kill_after_write=rng.uniform(0, writing))
        db = open_store(work)
        assert_consistent(db)
        db.close()
        state = _fingerprint(work)
        assert state in (before, after), f"{args[1]}: a kill left the curation half applied"
        outcomes[
            f"{args[1]}: {'applied' if state == after else 'not applied'}"
            f"{'' if result.killed else ' (finished before the kill)'}"
        ] += 1
        if state == before:  # the user runs it again
            assert not _run_cli(args, work).killed
            assert _fingerprint(work) == after
        work.unlink()
    log.info("curation: %d kills: %s", runs, dict(sorted(outcomes.items())))


# ---- Re-extract all ---------------------------------------------------------------------------

REEXTRACTED_ARTICLES = 200


def _spans(db_path: Path) -> dict[int, list[tuple]]:
    db = open_store(db_path, readonly=True)
    spans: dict[int, list[tuple]] = {i: [] for (i,) in db.execute("SELECT id FROM articles")}
    for article_id, start, end, label in db.execute(
        'SELECT article_id, start, "end", label FROM mentions ORDER BY article_id, start, "end"'
    ):
        spans[article_id].append((start, end, label))
    db.close()
    return spans


def _copy_database(source: Path, target: Path) -> None:
    """A closed database's file over ``target``, with no -wal or -shm of an earlier run left beside it."""
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    shutil.copy(source, target)


def _committed_prefix(spans, old, new) -> int | None:
    """How many articles (in id order, whole batches) hold their new mentions; None if no batch split fits."""
    ids = sorted(old)
    for k in [*range(0, len(ids), BATCH_SIZE), len(ids)]:
        if all(spans[i] == (new if n < k else old)[i] for n, i in enumerate(ids)):
            return k
    return None


@pytest.fixture(scope="module")
def reextract_base(tmp_path_factory) -> Path:
    """Articles whose stored mentions are places only (as an older model found them), one entity hidden."""
    folder = tmp_path_factory.mktemp("reextract")
    drafts = [read_article(p) for p in write_articles(folder / "in", REEXTRACTED_ARTICLES, seed=11)]
    path = folder / "base.db"
    db = build_store(path, drafts, {place: (place, "place") for place in PLACES})
    curation.hide(db, _id(db, "Kenya"))
    db.close()
    return path


@pytest.mark.slow
def test_sigkill_during_reextract_keeps_whole_batches_and_a_rerun_completes(reextract_base, tmp_path):
    runs = fault_runs("KE_CRASH_RUNS", 3)
    rng = random.Random(int(time.time()))
    old = _spans(reextract_base)
    clean = tmp_path / "clean.db"
    shutil.copy(reextract_base, clean)
    finished = _run_cli(["reextract"], clean)
    new = _spans(clean)
    assert finished.first_write is not None and sum(old[i] != new[i] for i in old) > REEXTRACTED_ARTICLES // 2
    writing = finished.writing * 1.2
    work = tmp_path / "work.db"
    _copy_database(reextract_base, work)
    prefixes, previous = [], 0
    for run in range(runs):  # one database, killed again and again, as a user's would be
        killed = _run_cli(["reextract"], work, kill_after_write=rng.uniform(0, writing))
        db = open_store(work)
        assert_consistent(db)
        assert db.execute("SELECT hidden FROM entities WHERE key = 'kenya'").fetchone() == (1,)
        db.close()
        prefix = _committed_prefix(_spans(work), old, new)
        assert prefix is not None, "an article holds a mix of old and new mentions, or a batch was split"
        assert prefix >= previous, "a kill undid batches committed before it"
        prefixes.append(prefix)
        previous = prefix
        log.info(
            "reextract: killed %.2f s after its first write (%s); %d articles re-extracted",
            killed.ended - (killed.first_write or 0),
            "killed" if killed.killed else "it had finished",
            prefix,
        )
        if prefix == REEXTRACTED_ARTICLES and run < runs - 1:  # all new: back to the old mentions
            _copy_database(reextract_base, work)
            previous = 0
    log.info("reextract: articles with new mentions after each of %d kills: %s", runs, prefixes)
    assert not _run_cli(["reextract"], work).killed
    assert _spans(work) == new
    db = open_store(work)
    assert_consistent(db)
    assert db.execute("SELECT hidden FROM entities WHERE key = 'kenya'").fetchone() == (1,)
