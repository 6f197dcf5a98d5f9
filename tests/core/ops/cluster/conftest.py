"""One real local Dask cluster for the cluster tests: two worker processes on 127.0.0.1.

Skipped where the ``cluster`` extra is not installed; CI installs it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

distributed = pytest.importorskip("distributed", reason="needs the cluster extra: pip install -e '.[cluster]'")


@pytest.fixture(scope="session")
def dask_cluster() -> Iterator:
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.CRITICAL,
    )
    yield cluster
    cluster.close()


@pytest.fixture
def dask_client(dask_cluster) -> Iterator:
    with distributed.Client(dask_cluster) as client:
        client.wait_for_workers(2, timeout=60)
        yield client
