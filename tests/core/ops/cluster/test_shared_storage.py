"""``--shared-storage`` on a real local Dask cluster: the workers read the files, and the library
comes out row for row the one a local import makes, odd files included; a file a worker cannot
read fails alone, its reason naming the worker."""

from __future__ import annotations

import os
import random
import signal
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.ops.cluster.connection import parse_address
from explorer.core.ops.cluster.remote_extractor import import_on_cluster
from explorer.core.ops.cluster.shared_storage import BATCH_FILES, SharedStorageExtractor, _batches
from explorer.core.ops.pipeline import FileLoader, ImportOptions, import_paths
from explorer.core.reading.formats.document import ReadOptions
from explorer.core.settings import DEFAULT_MODEL
from explorer.core.store import open_store
from explorer.core.store.consistency import inconsistencies
from tests.core.ops.cluster.conftest import ARTICLES
from tests.core.ops.cluster.test_remote_extractor import _fresh, _rows, _running_workers
from tests.core.ops.test_pipeline import ORGS, PEOPLE, PLACES

pytest.importorskip("distributed", reason="needs the cluster extra")

names = st.sampled_from([*PEOPLE, *PLACES, *ORGS])
sentences = st.tuples(names, names, st.sampled_from(["met", "visited", "left"])).map(
    lambda t: f"{t[0]} {t[2]} officials of {t[1]} on Monday."
)
articles = st.lists(sentences, min_size=1, max_size=4).map(" ".join)
accented = st.sampled_from(["Café", "Zürich", "José", "Müller", "Señora", "Ærø"])
files = st.one_of(
    articles.map(lambda text: ("article", text.encode())),
    st.tuples(articles, accented).map(lambda t: ("cp1252", f"{t[1]} said: {t[0]}".encode("cp1252"))),
    st.just(("empty", b"")),
    st.binary(min_size=1, max_size=200).map(lambda data: ("binary", b"\x00" + data)),
    st.just(("copy", b"")),  # the bytes of the first article again
    st.sampled_from(["dangling", "fifo", "unreadable"]).map(lambda kind: (kind, b"")),
)


def _write(folder: Path, kinds: list[tuple[str, bytes]]) -> None:
    folder.mkdir()
    first = next((data for kind, data in kinds if kind == "article"), b"Kenya met Nairobi.")
    for i, (kind, data) in enumerate(kinds):
        path = folder / f"2024-03-{1 + i % 28:02d}_{i:03d}_{kind}.txt"
        if kind == "dangling":
            path.symlink_to(folder / "nowhere.txt")
        elif kind == "fifo":
            os.mkfifo(path)
        else:
            path.write_bytes(first if kind == "copy" else data)
            if kind == "unreadable":
                path.write_bytes(first)
                path.chmod(0)  # unreadable unless the tests run as root, for both imports alike


def _failures(events) -> list[tuple[str, str]]:
    return sorted(events[-1].failed)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(files, min_size=1, max_size=40))
def test_the_workers_reading_the_files_store_what_a_local_import_stores(dask_cluster, kinds):
    address = parse_address(dask_cluster.scheduler_address)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        _write(folder, kinds)
        local = list(import_paths(Path(tmp) / "local.db", [folder], ImportOptions()))
        shared = list(
            import_on_cluster(Path(tmp) / "shared.db", [folder], ImportOptions(), address, shared_storage=True)
        )
        last, expected = shared[-1], local[-1]
        assert (last.imported, last.duplicates, last.done, last.total) == (
            expected.imported,
            expected.duplicates,
            expected.done,
            expected.total,
        )
        assert _failures(shared) == _failures(local)
        assert _rows(Path(tmp) / "shared.db") == _rows(Path(tmp) / "local.db")


def test_a_file_a_worker_cannot_read_fails_alone_naming_the_worker(dask_client, tmp_path):
    """The file is gone by the time the worker reads it (the client listed it): that file fails
    with its reason and the worker's address, every other one is imported."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"2024-01-0{i + 1}_{i}.txt").write_text(f"Officials of Acme met in Kenya, article {i}.")
    gone = folder / "2024-01-03_2.txt"
    shared = SharedStorageExtractor(dask_client, DEFAULT_MODEL)

    def vanishing(entries):
        for label, load in entries:
            if label == str(gone):
                gone.unlink()
            yield label, load

    events = list(
        import_paths(
            tmp_path / "lib.db",
            [folder],
            ImportOptions(),
            extractor=shared,
            reader=lambda entries: shared.read(vanishing(entries)),
        )
    )
    ((label, reason),) = events[-1].failed
    workers = dask_client.scheduler_info()["workers"]
    assert label == str(gone) and any(reason.endswith(f"(on the Dask worker {worker})") for worker in workers)
    assert events[-1].imported == 4 and shared.batches_submitted >= 1


def test_batches_hold_few_files_and_keep_every_entry_in_order(tmp_path):
    options = ReadOptions()
    paths = []
    for i in range(40):
        paths.append(tmp_path / f"{i}.txt")
        paths[-1].write_bytes(b"x" * (300_000 if i % 7 == 0 else 10))
    entries = [(str(path), FileLoader(path, options)) for path in paths]
    entries.insert(3, ("refused folder", lambda: []))
    batches = list(_batches(iter(entries)))
    assert [entry for batch in batches for entry in batch] == entries
    for batch in batches:
        loaders = [load for _, load in batch if isinstance(load, FileLoader)]
        sizes = [load.path.stat().st_size for load in loaders]
        assert len(loaders) <= BATCH_FILES and (len(loaders) == 1 or sum(sizes) <= 1_000_000)


def test_a_worker_killed_mid_import_loses_and_duplicates_nothing(corpus, killable_client):
    """A batch of paths whose worker dies is read again elsewhere, and written once."""
    db_path = _fresh(corpus, "shared-killed")
    shared = SharedStorageExtractor(killable_client, DEFAULT_MODEL)
    rng = random.Random(8)
    kill_at = sorted(rng.sample(range(1, ARTICLES - 20), 2))
    killed: set[str] = set()
    for event in import_paths(db_path, [corpus / "in"], ImportOptions(), extractor=shared, reader=shared.read):
        if kill_at and event.done >= kill_at[0]:
            kill_at.pop(0)
            pids = _running_workers(killable_client, killed)
            worker = rng.choice(sorted(pids))
            os.kill(pids[worker], signal.SIGKILL)
            killed.add(worker)
    assert not kill_at and (event.imported, event.duplicates) == (ARTICLES, 1)
    assert _rows(db_path) == _rows(corpus / "local.db")


def test_cancel_keeps_whole_batches_and_a_rerun_completes(corpus, dask_cluster):
    db_path = _fresh(corpus, "shared-cancelled")
    cancel = threading.Event()
    address = parse_address(dask_cluster.scheduler_address)
    for event in import_on_cluster(
        db_path, [corpus / "in"], ImportOptions(cancel=cancel), address, shared_storage=True
    ):
        if event.imported:
            cancel.set()
    assert event.cancelled and 0 < event.imported < ARTICLES
    db = open_store(db_path)
    assert inconsistencies(db) == [] and db["articles"].count == event.imported
    db.close()
    rest = list(import_on_cluster(db_path, [corpus / "in"], ImportOptions(), address, shared_storage=True))[-1]
    assert rest.imported == ARTICLES - event.imported and rest.duplicates == event.imported + 1
    assert _rows(db_path) == _rows(corpus / "local.db")
