"""An import whose extraction runs on a Dask cluster, through the very pipeline of a local import.

``ClusterExtractor`` stands in for the local ``Extractor``: ``pipe`` sends batches of texts to the
workers and yields each text's spans in input order, so ``pipeline.import_entries`` canonicalises,
deduplicates, applies the gazetteer and curation rules and writes exactly as it does locally, and
the library comes out row for row the same. A fixed number of batches is in flight: the client's
memory holds at most that many batches of texts whatever the archive's size. Batches are pure
(text → spans) and each has one result however often Dask runs it, so a batch retried after a
worker died is written once; the writer's sha256 dedupe guards the library as well.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import uuid
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from explorer.core.extraction.extract import Extractor
from explorer.core.model import Span
from explorer.core.ops.cluster.connection import (
    ClusterAddress,
    ClusterError,
    check_workers,
    connect,
    product_versions,
)
from explorer.core.ops.pipeline import ImportOptions, ImportProgress, import_paths

if TYPE_CHECKING:
    from distributed import Client, Future

C = TypeVar("C")

BATCH_ARTICLES = 16  # texts per task: enough to amortise a task's overhead, small enough to spread
BATCH_CHARS = 100_000  # and at most this many characters (a longer text goes alone)
BATCHES_PER_WORKER = 2  # in flight: one running and one waiting on each worker
RETRIES = 3  # a batch that raised is run again; one whose worker died is rescheduled by Dask itself
POLL_SECONDS = 0.2  # how often a wait for a batch looks at the cancel event


class ClusterExtractor(Extractor):
    """Extraction by the cluster's workers; this extractor never loads the model here."""

    def __init__(
        self, client: Client, model: str, *, cancel: threading.Event | None = None, in_flight: int | None = None
    ) -> None:
        """``in_flight``: batches out at once (default ``BATCHES_PER_WORKER`` per worker, at least 2)."""
        super().__init__(model)
        self._client = client
        self._cancel = cancel
        self.in_flight = in_flight
        self.batches_submitted = 0
        self.peak_in_flight = 0  # the most batches out at once: what bounds the client's memory

    def load(self) -> ClusterExtractor:
        return self

    def pipe(
        self, items: Iterable[tuple[str, C]], *, n_process: int = 1, batch_size: int = BATCH_ARTICLES
    ) -> Generator[tuple[list[Span], C], None, None]:
        """Spans of each (text, context), in input order, as the batches come back.

        ``n_process`` is the local import's and is ignored: the cluster's workers are the processes.
        """
        batches = _batches(iter(items), min(batch_size, BATCH_ARTICLES), BATCH_CHARS)
        first = next(batches, None)
        if first is None:
            return
        plugin_name = self._register_plugin()
        from explorer.core.ops.cluster.worker import extract_batch

        run = uuid.uuid4().hex
        in_flight = self.in_flight or max(2, BATCHES_PER_WORKER * len(self._client.scheduler_info()["workers"]))
        pending: deque[tuple[Future, list[C]]] = deque()
        try:
            for batch in itertools.chain([first], batches):
                texts, contexts = zip(*batch, strict=True)
                key = f"knowledge-explorer-extract-{run}-{self.batches_submitted}"
                pending.append(
                    (
                        self._client.submit(extract_batch, plugin_name, list(texts), key=key, retries=RETRIES),
                        list(contexts),
                    )
                )
                self.batches_submitted += 1
                self.peak_in_flight = max(self.peak_in_flight, len(pending))
                while len(pending) >= in_flight:
                    if not (yield from self._first_done(pending)):
                        return
            while pending:
                if not (yield from self._first_done(pending)):
                    return
        finally:
            self._client.cancel([future for future, _ in pending])

    def _first_done(self, pending: deque) -> Generator[tuple[list[Span], Any], None, bool]:
        """Yields the oldest batch's spans once it is done; False when the import was cancelled first."""
        future, contexts = pending[0]
        if not self._wait(future):
            return False
        try:
            results = future.result()
        except Exception as exc:  # noqa: BLE001 - a worker's failure, said in one sentence
            raise ClusterError(f"A batch of {len(contexts)} articles failed on the cluster: {describe(exc)}") from exc
        pending.popleft()
        yield from zip(results, contexts, strict=True)
        return True

    def _wait(self, future: Future) -> bool:
        """Whether the batch is done (else the import was cancelled meanwhile)."""
        from distributed import wait

        while not future.done():
            if self._cancel is not None and self._cancel.is_set():
                return False
            with contextlib.suppress(TimeoutError):  # not done yet: look at the cancel event again
                wait(future, timeout=POLL_SECONDS)
        return True

    def _register_plugin(self) -> str:
        """The name of this import's plugin, set up on every worker (and on any that joins later)."""
        from explorer.core.ops.cluster.worker import ExtractorPlugin

        plugin = ExtractorPlugin(self.model_name, self._gazetteer, product_versions(self.model_name))
        try:
            self._client.register_plugin(plugin)
            return plugin.name
        except Exception as exc:  # noqa: BLE001 - e.g. the model missing on a worker
            raise ClusterError(f"The Dask workers cannot load the model {self.model_name}: {describe(exc)}") from exc


def import_on_cluster(
    db_path: str | Path,
    paths: Iterable[str | Path],
    options: ImportOptions,
    address: ClusterAddress,
    *,
    shared_storage: bool = False,
) -> Iterator[ImportProgress]:
    """``import_paths`` with extraction on the cluster at ``address``, checked before anything is
    written; with ``shared_storage`` the workers read the files too (``shared_storage.py``)."""
    with connect(address, model=options.model) as client:
        check_workers(client, options.model)
        if shared_storage:
            from explorer.core.ops.cluster.shared_storage import SharedStorageExtractor

            shared = SharedStorageExtractor(client, options.model, cancel=options.cancel)
            yield from import_paths(db_path, paths, options, extractor=shared, reader=shared.read)
        else:
            extractor = ClusterExtractor(client, options.model, cancel=options.cancel)
            yield from import_paths(db_path, paths, options, extractor=extractor)


def _batches(items: Iterator[tuple[str, C]], size: int, chars: int) -> Iterator[list[tuple[str, C]]]:
    """Items in lists of at most ``size`` and ``chars`` characters (a longer text alone), read lazily."""
    batch: list[tuple[str, C]] = []
    total = 0
    for item in items:
        if batch and (len(batch) >= size or total + len(item[0]) > chars):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += len(item[0])
    if batch:
        yield batch


def describe(exc: BaseException) -> str:
    """An exception in one line: its type and message."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
