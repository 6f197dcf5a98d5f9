"""Which cluster an import runs on, reaching it, and refusing workers that would extract differently.

Everything here happens before the library is opened for writing: a scheduler that cannot be
reached, a cluster without workers, or a worker with another product or model version is said in
one sentence and nothing is written.
"""

from __future__ import annotations

import logging
import os
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from distributed import Client

MISSING_EXTRA = (
    'install knowledge-explorer[cluster] to extract on a cluster (pip install "knowledge-explorer[cluster]")'
)
LOCAL_PREFIX = "local:"
MAX_LOCAL_WORKERS = 64
_ADDRESS = re.compile(r"^(?:(tcp|tls)://)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$")
CONNECT_SECONDS = 10.0  # waiting for a scheduler, then for its first worker


class ClusterError(Exception):
    """Extraction on a cluster cannot start or go on; the message is one sentence for the user."""


@dataclass(frozen=True)
class ClusterAddress:
    """A scheduler's address (``tcp://host:8786``) or a local cluster of ``local_workers`` processes."""

    scheduler: str | None = None
    local_workers: int = 0

    def __str__(self) -> str:
        return self.scheduler or f"{LOCAL_PREFIX}{self.local_workers}"


def parse_address(text: str) -> ClusterAddress:
    """``local:N``, ``tcp://host:port``, ``tls://host:port`` or ``host:port`` (tcp); else ValueError."""
    text = text.strip()
    if text.lower().startswith(LOCAL_PREFIX):
        count = text[len(LOCAL_PREFIX) :]
        if not count.isascii() or not count.isdigit() or not 1 <= int(count) <= MAX_LOCAL_WORKERS:
            raise ValueError(f"{text!r}: local:N needs a number of workers from 1 to {MAX_LOCAL_WORKERS}.")
        return ClusterAddress(local_workers=int(count))
    match = _ADDRESS.match(text)
    if not match or not 0 < int(match.group(3)) < 65536:
        raise ValueError(
            f"{text!r} is not a Dask scheduler address: give tcp://host:8786 (or tls://…), or local:N for "
            f"N worker processes on this computer."
        )
    scheme, host, port = match.groups()
    return ClusterAddress(scheduler=f"{scheme or 'tcp'}://{host}:{int(port)}")


def distributed_module() -> ModuleType:
    """``distributed``, or ClusterError naming the extra to install."""
    try:
        import distributed
    except ImportError as exc:
        raise ClusterError(f"Dask is not installed: {MISSING_EXTRA}.") from exc
    return distributed


@contextmanager
def connect(address: ClusterAddress, *, timeout: float | None = None, model: str | None = None) -> Iterator[Client]:
    """A client of the scheduler (or of a local cluster started here, stopped on leaving), with at
    least one worker; ``timeout``: seconds to wait for each (default ``CONNECT_SECONDS``).

    ``model``: for a local cluster, loaded here first and its workers forked from this process,
    so they start with it loaded, as spaCy's own process pool does, instead of each importing
    spaCy and loading the model again on the same cores."""
    distributed = distributed_module()
    timeout = CONNECT_SECONDS if timeout is None else timeout
    cluster = None
    try:
        if address.scheduler is None:
            cluster = local_cluster(address.local_workers, model)
            client = distributed.Client(cluster)
        else:
            client = distributed.Client(address.scheduler, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            close_local_cluster(cluster)
        raise ClusterError(
            f"Cannot reach the Dask scheduler at {address} ({_reason(exc)}): start one with `dask scheduler` "
            f"and check the address, or use --jobs to extract on this computer."
        ) from exc
    try:
        _wait_for_workers(client, address, timeout)
        yield client
    finally:
        client.close()
        if cluster is not None:
            close_local_cluster(cluster)


def close_local_cluster(cluster: Any) -> None:
    """Stop a local cluster. Dask gives each worker 5 s to exit; one slower than that on a loaded
    machine is killed, rather than turning an import that has finished into an error or leaving
    a process behind."""
    pids = [
        nanny.process.process.pid
        for nanny in cluster.workers.values()
        if getattr(nanny, "process", None) is not None and nanny.process.process is not None
    ]
    try:
        cluster.close()
    except TimeoutError:
        logging.getLogger(__name__).warning("a local Dask worker did not stop in time: killed")
        for pid in pids:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


# Dask's own upkeep, slowed for a local cluster: its workers share this computer's cores with the
# client, and every wake-up takes CPU (and the GIL) from the extraction. The sampling profiler
# (every 10 ms) is off, as nobody reads its profiles here; the event loops' health tick (20 ms),
# the memory (100 ms) and system (500 ms) monitors run less often.
QUIET_LOCAL_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


def local_cluster(workers: int, model: str | None = None) -> Any:
    """A ``distributed.LocalCluster`` of ``workers`` single-threaded processes here, with Dask's upkeep
    slowed (``QUIET_LOCAL_CLUSTER``), forked with ``model`` loaded when one is given (a worker the
    nanny restarts later is spawned, and loads the model when the import's plugin reaches it)."""
    import dask

    distributed = distributed_module()

    config = dict(QUIET_LOCAL_CLUSTER)
    if model is not None:
        from explorer.core.extraction.extract import ModelNotInstalledError
        from explorer.core.ops.cluster.worker import preload

        try:
            preload(model)
        except ModelNotInstalledError as exc:
            raise ClusterError(str(exc)) from exc
        config["distributed.worker.multiprocessing-method"] = "fork"
    with dask.config.set(config):
        return distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.CRITICAL,  # a worker's failure reaches the user as one sentence
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # its health page: any free port
        )


def _wait_for_workers(client: Client, address: ClusterAddress, timeout: float) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as exc:
        raise ClusterError(
            f"The Dask scheduler at {address} has no worker: start some with `dask worker {address}`."
        ) from exc


def _reason(exc: BaseException) -> str:
    """A failure in its own words: the first line of the first message in its chain of causes."""
    cause: BaseException | None = exc
    while cause is not None:
        text = str(cause).strip().splitlines()
        if text:
            return text[0].rstrip(".:")
        cause = cause.__cause__
    return type(exc).__name__


def product_versions(model: str) -> dict[str, Any]:
    """What decides a worker's spans: the product's version and the model's fingerprint."""
    from explorer import __version__
    from explorer.core.extraction.extract import Extractor

    return {"product": __version__, **Extractor(model).fingerprint()}


def check_workers(client: Client, model: str) -> int:
    """The number of workers, once every one reports the versions this computer has; else ClusterError."""
    expected = product_versions(model)
    try:
        reports = client.run(product_versions, model)
    except Exception as exc:  # noqa: BLE001 - a worker that cannot even run the check: said, never a traceback
        raise ClusterError(
            f"The Dask workers cannot run Knowledge Explorer ({_reason(exc)}): install knowledge-explorer[cluster] "
            f"{expected['product']} and the model {model} on every worker."
        ) from exc
    for worker, found in sorted(reports.items()):
        differences = [
            f"{key} {found.get(key)!r} (here {value!r})" for key, value in expected.items() if found.get(key) != value
        ]
        if differences:
            raise ClusterError(
                f"Refused: the worker {worker} has another version: {', '.join(differences)}; install the same "
                f"knowledge-explorer and model on every worker."
            )
    return len(reports)
