"""Cluster addresses, the missing extra, an unreachable scheduler and workers of another version:
each refused in one sentence before anything is written."""

from __future__ import annotations

import socket
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.ops.cluster import connection
from explorer.core.ops.cluster.connection import (
    ClusterAddress,
    ClusterError,
    check_workers,
    close_local_cluster,
    connect,
    local_cluster,
    parse_address,
    product_versions,
)
from explorer.core.settings import DEFAULT_MODEL

hosts = st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z][a-z0-9-]{0,10}){0,3}", fullmatch=True) | st.ip_addresses(v=4).map(
    str
)
ports = st.integers(1, 65535)


@given(st.integers(1, connection.MAX_LOCAL_WORKERS))
def test_local_n_is_a_local_cluster_of_n_workers(n):
    address = parse_address(f"local:{n}")
    assert address == ClusterAddress(local_workers=n) and parse_address(str(address)) == address


@given(st.sampled_from(["", "tcp://", "tls://"]), hosts, ports, st.sampled_from(["", " "]))
def test_a_scheduler_address_is_normalised_and_parses_back_to_itself(scheme, host, port, space):
    address = parse_address(f"{space}{scheme}{host}:{port}{space}")
    assert address.scheduler == f"{scheme or 'tcp://'}{host}:{port}" and address.local_workers == 0
    assert parse_address(str(address)) == address


@given(st.text(max_size=40))
def test_anything_else_is_refused_with_one_sentence(text):
    try:
        address = parse_address(text)
    except ValueError as exc:
        message = str(exc)
        assert "\n" not in message and ("local:N" in message)
    else:  # what was accepted is a well-formed address
        assert address.local_workers or address.scheduler.count(":") >= 2


@pytest.mark.parametrize("text", ["local:0", "local:65", "local:-1", "local:", "host", "tcp://host", "host:0", "a b:1"])
def test_examples_that_are_refused(text):
    with pytest.raises(ValueError, match="local:N"):
        parse_address(text)


def test_without_the_extra_the_message_names_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    with pytest.raises(ClusterError, match=r"knowledge-explorer\[cluster\]"):
        connection.distributed_module()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_scheduler_is_said_in_one_sentence():
    pytest.importorskip("distributed", reason="needs the cluster extra")
    port = _closed_port()
    with pytest.raises(ClusterError) as raised, connect(parse_address(f"127.0.0.1:{port}"), timeout=1):
        pass
    message = str(raised.value)
    assert f"tcp://127.0.0.1:{port}" in message and "dask scheduler" in message and "\n" not in message


def test_workers_with_the_same_versions_pass(dask_client):
    assert check_workers(dask_client, DEFAULT_MODEL) == 2


@pytest.mark.parametrize("key", ["product", "model_version"])
def test_a_worker_with_another_version_is_refused(dask_client, key):
    """One worker made to report another product (or model) version: the check names it."""
    (worker, *_) = sorted(dask_client.scheduler_info()["workers"])
    dask_client.run(_pretend_version, key, workers=[worker])
    try:
        with pytest.raises(ClusterError, match=rf"Refused: the worker {worker} has another version: {key}"):
            check_workers(dask_client, DEFAULT_MODEL)
    finally:
        dask_client.run(_pretend_version, key, None, workers=[worker])


def test_versions_name_the_product_and_the_model():
    versions = product_versions(DEFAULT_MODEL)
    from explorer import __version__

    assert versions["product"] == __version__ and versions["model"] == DEFAULT_MODEL and versions["model_version"]


def _pretend_version(key: str, value: str | None = "0.0.0-other") -> None:
    """On a worker: report ``value`` for ``key`` (None: the truth again)."""
    if value is None:
        connection.product_versions = connection.__dict__.get("_true_product_versions", connection.product_versions)
        return
    true = connection.__dict__.setdefault("_true_product_versions", connection.product_versions)
    connection.product_versions = lambda model: {**true(model), key: value}


def test_a_local_cluster_starts_its_workers_with_the_model_loaded():
    """Forked from this process once it loaded the model: no worker imports spaCy or loads it again."""
    distributed = pytest.importorskip("distributed", reason="needs the cluster extra")
    with local_cluster(1, DEFAULT_MODEL) as cluster, distributed.Client(cluster) as client:
        client.wait_for_workers(1, timeout=60)
        (loaded,) = client.run(_loaded_models).values()
    assert loaded == [DEFAULT_MODEL]


def test_a_local_cluster_with_a_missing_model_is_refused_in_one_sentence():
    pytest.importorskip("distributed", reason="needs the cluster extra")
    with pytest.raises(ClusterError, match="'no_such_model_here' is not installed"):
        local_cluster(1, "no_such_model_here")


def _loaded_models() -> list[str]:
    """On a worker: the models its process holds, before any import's plugin reached it."""
    from explorer.core.ops.cluster import worker

    return sorted(worker._EXTRACTORS)


def test_a_worker_slow_to_stop_is_killed_not_reported(monkeypatch):
    """Dask gives a worker 5 s to exit; past that (a loaded machine) closing kills it quietly."""
    import os

    pytest.importorskip("distributed", reason="needs the cluster extra")
    cluster = local_cluster(1)
    (nanny,) = cluster.workers.values()
    pid = nanny.process.process.pid
    true_close = cluster.close

    def slow_close(*args, **kwargs):
        true_close(*args, **kwargs)  # Dask's own close, then its timeout as a loaded machine gives it
        raise TimeoutError

    with monkeypatch.context() as patch:
        patch.setattr(cluster, "close", slow_close)
        patch.setattr(os, "kill", lambda target, sig: killed.append((target, sig)))
        killed: list[tuple[int, int]] = []
        close_local_cluster(cluster)
    assert [target for target, _ in killed] == [pid]
