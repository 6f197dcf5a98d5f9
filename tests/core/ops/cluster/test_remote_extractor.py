"""An import on a real local Dask cluster against the same import on this computer: the library
comes out row for row the same, also when workers are killed mid-import; cancel keeps whole
batches; refusals write nothing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import threading
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.ops.cluster.connection import ClusterError, parse_address
from explorer.core.ops.cluster.remote_extractor import ClusterExtractor, _batches, import_on_cluster
from explorer.core.ops.pipeline import ImportOptions, import_paths
from explorer.core.settings import DEFAULT_MODEL
from explorer.core.store import open_store
from explorer.core.store.consistency import inconsistencies
from tests.core.ops.cluster.conftest import ARTICLES
from tests.core.ops.cluster.test_connection import _pretend_version
from tests.core.ops.test_pipeline import write_articles

MOMENTS = ("imported_at", "applied_at", "seen_at")  # when, not what: the only columns two imports may differ in


@given(
    st.lists(st.text(max_size=30), max_size=60),
    st.integers(1, 8),
    st.integers(1, 60),
)
def test_batches_keep_every_item_in_order_within_their_bounds(texts, size, chars):
    items = [(text, i) for i, text in enumerate(texts)]
    batches = list(_batches(iter(items), size, chars))
    assert [item for batch in batches for item in batch] == items
    for batch in batches:
        assert 1 <= len(batch) <= size
        assert len(batch) == 1 or sum(len(text) for text, _ in batch) <= chars


def _rows(db_path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted; the moments of the import and of the library's making left out."""
    conn = sqlite3.connect(db_path)
    tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    rows = {}
    for table in tables:
        columns = [c[1] for c in conn.execute(f"PRAGMA table_info('{table}')") if c[1] not in MOMENTS]
        quoted = ", ".join(f'"{c}"' for c in columns)
        rows[table] = sorted(conn.execute(f'SELECT {quoted} FROM "{table}"').fetchall(), key=repr)
    conn.close()
    return rows


def _fresh(corpus, name):
    path = corpus / f"{name}.db"
    shutil.copy(corpus / "base.db", path)
    return path


def test_a_cluster_import_stores_what_a_local_import_stores_row_for_row(corpus, dask_cluster):
    db_path = _fresh(corpus, "cluster")
    address = parse_address(dask_cluster.scheduler_address)
    events = list(import_on_cluster(db_path, [corpus / "in"], ImportOptions(), address))
    last = events[-1]
    assert last.finished and not last.cancelled
    assert (last.imported, last.duplicates, len(last.failed)) == (ARTICLES, 1, 1)
    assert [e.done for e in events] == sorted(e.done for e in events) and last.done == last.total
    assert _rows(db_path) == _rows(corpus / "local.db")


def test_batches_in_flight_stay_bounded(corpus, dask_client):
    extractor = ClusterExtractor(dask_client, DEFAULT_MODEL, in_flight=3)
    list(import_paths(_fresh(corpus, "bounded"), [corpus / "in"], ImportOptions(), extractor=extractor))
    assert extractor.batches_submitted >= ARTICLES // 16 and extractor.peak_in_flight == 3


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_worker_killed_mid_import_loses_and_duplicates_nothing(corpus, killable_client, seed):
    db_path = _fresh(corpus, f"killed{seed}")
    last = _import_killing_workers(db_path, corpus / "in", killable_client, random.Random(seed), kills=2)
    assert last.imported == ARTICLES and last.duplicates == 1
    assert _rows(db_path) == _rows(corpus / "local.db")


def test_cancel_keeps_whole_batches_and_a_rerun_completes(corpus, dask_cluster):
    db_path = _fresh(corpus, "cancelled")
    cancel = threading.Event()
    options = ImportOptions(cancel=cancel)
    address = parse_address(dask_cluster.scheduler_address)
    for event in import_on_cluster(db_path, [corpus / "in"], options, address):
        if event.imported:
            cancel.set()
    assert event.cancelled and 0 < event.imported < ARTICLES
    db = open_store(db_path)
    assert inconsistencies(db) == [] and db["articles"].count == event.imported
    db.close()
    rest = list(import_on_cluster(db_path, [corpus / "in"], ImportOptions(), address))[-1]
    assert rest.imported == ARTICLES - event.imported and rest.duplicates == event.imported + 1
    assert _hashes(db_path) == _hashes(corpus / "local.db")


def _hashes(db_path) -> list[str]:
    conn = sqlite3.connect(db_path)
    hashes = [sha for (sha,) in conn.execute("SELECT sha256 FROM articles ORDER BY sha256")]
    conn.close()
    return hashes


def test_a_worker_of_another_version_is_refused_before_anything_is_written(corpus, dask_client, dask_cluster):
    (worker, *_) = sorted(dask_client.scheduler_info()["workers"])
    dask_client.run(_pretend_version, "product", workers=[worker])
    db_path = corpus / "never.db"
    try:
        with pytest.raises(ClusterError, match="Refused"):
            list(
                import_on_cluster(
                    db_path, [corpus / "in"], ImportOptions(), parse_address(dask_cluster.scheduler_address)
                )
            )
    finally:
        dask_client.run(_pretend_version, "product", None, workers=[worker])
    assert not db_path.exists()


def _import_killing_workers(db_path, folder, client, rng, kills: int):
    """An import on the cluster with a random worker SIGKILLed at ``kills`` random points; its last event."""
    extractor = ClusterExtractor(client, DEFAULT_MODEL)
    total = len(list(folder.iterdir()))
    kill_at = sorted(rng.sample(range(1, total - 20), kills))
    killed: set[str] = set()
    for event in import_paths(db_path, [folder], ImportOptions(), extractor=extractor):
        if kill_at and event.done >= kill_at[0]:
            kill_at.pop(0)
            pids = _running_workers(client, killed)
            worker = rng.choice(sorted(pids))
            os.kill(pids[worker], signal.SIGKILL)
            killed.add(worker)
    assert not kill_at
    return event


def _running_workers(client, killed: set[str]) -> dict[str, int]:
    """Worker address → pid, once two workers run and none of them is one killed before (a restart
    takes seconds, and the scheduler lists a killed worker until it notices)."""
    deadline = time.monotonic() + 120
    while True:
        pids = client.run(os.getpid, on_error="return")
        alive = {worker: pid for worker, pid in pids.items() if isinstance(pid, int) and worker not in killed}
        if len(alive) == 2 or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


@pytest.mark.long
@pytest.mark.timeout(1200)
def test_two_thousand_articles_with_workers_killed_at_random_lose_and_duplicate_nothing(tmp_path, killable_client):
    write_articles(tmp_path / "in", 2000, seed=11)
    list(import_paths(tmp_path / "local.db", [tmp_path / "in"], ImportOptions()))
    for seed in (4, 5):
        db_path = tmp_path / f"cluster{seed}.db"
        last = _import_killing_workers(db_path, tmp_path / "in", killable_client, random.Random(seed), kills=4)
        assert (last.imported, last.duplicates, last.failed) == (2000, 0, ())
        assert _rows(db_path) == _rows(tmp_path / "local.db")


def test_a_scheduler_lost_mid_import_is_one_sentence_and_a_rerun_completes(corpus):
    """The whole cluster goes away mid-import: the import stops with a ClusterError (no hang), the
    batches committed stay whole, and importing again adds exactly the rest."""
    distributed = pytest.importorskip("distributed", reason="needs the cluster extra")
    db_path = _fresh(corpus, "lost")
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    address = parse_address(cluster.scheduler_address)
    with pytest.raises(ClusterError, match="failed on the cluster|Cannot reach"):
        for event in import_on_cluster(db_path, [corpus / "in"], ImportOptions(), address):
            if event.imported >= 20:
                cluster.close()
    db = open_store(db_path)
    assert inconsistencies(db) == [] and 20 <= db["articles"].count < ARTICLES
    db.close()
    rest = list(import_paths(db_path, [corpus / "in"], ImportOptions()))[-1]
    assert rest.imported + rest.duplicates == ARTICLES + 1 and _hashes(db_path) == _hashes(corpus / "local.db")
