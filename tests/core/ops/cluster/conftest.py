"""One real local Dask cluster for the cluster tests: two worker processes on 127.0.0.1.

Tests that use them skip where the ``cluster`` extra is not installed (CI installs it); the
modules importing ``distributed`` themselves skip with ``importorskip`` before they do.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from explorer.core.ops.cluster.connection import close_local_cluster, local_cluster
from explorer.core.settings import DEFAULT_MODEL

SKIP_REASON = "needs the cluster extra: pip install -e '.[cluster]'"


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
