"""One real local Dask cluster for the cluster tests: two worker processes on 127.0.0.1.

Tests that use them skip where the ``cluster`` extra is not installed (CI installs it); the
modules importing ``distributed`` themselves skip with ``importorskip`` before they do.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from explorer.core.extraction.user_gazetteer import GazetteerEntry
from explorer.core.ops.cluster.connection import close_local_cluster, local_cluster
from explorer.core.ops.curation import add_entity
from explorer.core.ops.pipeline import ImportOptions, import_paths
from explorer.core.settings import DEFAULT_MODEL
from explorer.core.store import open_store
from explorer.core.store.saved_gazetteer import save_gazetteer
from tests.core.ops.test_pipeline import write_articles

SKIP_REASON = "needs the cluster extra: pip install -e '.[cluster]'"
ARTICLES = 200


def _local_cluster():
    """As ``--cluster local:2`` starts it: workers forked with the model loaded."""
    _distributed()
    return local_cluster(2, DEFAULT_MODEL)


def _distributed():
    return pytest.importorskip("distributed", reason=SKIP_REASON)


@pytest.fixture(scope="session")
def dask_cluster() -> Iterator:
    cluster = _local_cluster()
    yield cluster
    close_local_cluster(cluster)


@pytest.fixture
def dask_client(dask_cluster) -> Iterator:
    with _distributed().Client(dask_cluster) as client:
        client.wait_for_workers(2, timeout=60)
        yield client


@pytest.fixture
def killable_client() -> Iterator:
    """A client of a cluster of its own, for tests that kill its workers."""
    cluster = _local_cluster()
    try:
        with _distributed().Client(cluster) as client:
            client.wait_for_workers(2, timeout=60)
            yield client
    finally:
        close_local_cluster(cluster)


def _library_base(folder) -> None:
    """A library with a gazetteer and a curation rule, so the import must follow both."""
    db = open_store(folder / "base.db")
    save_gazetteer(db, [GazetteerEntry("Article", "work")])
    add_entity(db, "Talks", "event")
    db.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Articles (two of them the same text, one refused file), and the library a local import makes."""
    folder = tmp_path_factory.mktemp("corpus")
    write_articles(folder / "in", ARTICLES)
    shutil.copy(folder / "in" / "2024-01-01_0000.txt", folder / "in" / "2024-01-01_copy.txt")
    (folder / "in" / "binary.txt").write_bytes(b"\x00\x01" * 100)
    _library_base(folder)
    shutil.copy(folder / "base.db", folder / "local.db")
    events = list(import_paths(folder / "local.db", [folder / "in"], ImportOptions()))
    assert events[-1].imported == ARTICLES and events[-1].duplicates == 1 and len(events[-1].failed) == 1
    return folder
