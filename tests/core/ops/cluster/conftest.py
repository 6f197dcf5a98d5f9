"""One real local Dask cluster for the cluster tests: two worker processes on 127.0.0.1.

Tests that use them skip where the ``cluster`` extra is not installed (CI installs it); the
modules importing ``distributed`` themselves skip with ``importorskip`` before they do.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

SKIP_REASON = "needs the cluster extra: pip install -e '.[cluster]'"


def _local_cluster():
    return _distributed().LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.CRITICAL,
    )


def _distributed():
    return pytest.importorskip("distributed", reason=SKIP_REASON)


@pytest.fixture(scope="session")
def dask_cluster() -> Iterator:
    cluster = _local_cluster()
    yield cluster
    cluster.close()


@pytest.fixture
def dask_client(dask_cluster) -> Iterator:
    with _distributed().Client(dask_cluster) as client:
        client.wait_for_workers(2, timeout=60)
        yield client


@pytest.fixture
def killable_client() -> Iterator:
    """A client of a cluster of its own, for tests that kill its workers."""
    with _local_cluster() as cluster, _distributed().Client(cluster) as client:
        client.wait_for_workers(2, timeout=60)
        yield client
