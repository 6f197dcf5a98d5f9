"""One real local Dask cluster for the cluster tests: two worker processes on 127.0.0.1.

Skipped where the ``cluster`` extra is not installed; CI installs it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

distributed = pytest.importorskip("distributed", reason="needs the cluster extra: pip install -e '.[cluster]'")


def _local_cluster():
    return distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.CRITICAL,
    )


@pytest.fixture(scope="session")
def dask_cluster() -> Iterator:
    cluster = _local_cluster()
    yield cluster
    cluster.close()


@pytest.fixture
def dask_client(dask_cluster) -> Iterator:
    with distributed.Client(dask_cluster) as client:
        client.wait_for_workers(2, timeout=60)
        yield client


@pytest.fixture
def killable_client() -> Iterator:
    """A client of a cluster of its own, for tests that kill its workers."""
    with _local_cluster() as cluster, distributed.Client(cluster) as client:
        client.wait_for_workers(2, timeout=60)
        yield client
