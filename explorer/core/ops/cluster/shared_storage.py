"""``--shared-storage``: the workers read the files too, for a cluster that sees this computer's files.

Only paths travel to the workers; each worker reads its files with the local import's own
readers, encoding detection, limits and errors (``pipeline.read_outcomes``), extracts their
articles, and sends back what the library stores: the outcomes (texts as written, hashes,
failures with their reasons) and each article's spans. The client then runs the local import's
pipeline over them in the order the files were found, so duplicates, the gazetteer, curation
rules and batches are the local import's own, and the library comes out row for row the same.
A file a worker cannot read fails alone, its reason naming the worker.
"""

from __future__ import annotations

import os
import uuid
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from explorer.core.model import Span
from explorer.core.ops.cluster.connection import ClusterError
from explorer.core.ops.cluster.remote_extractor import BATCHES_PER_WORKER, RETRIES, ClusterExtractor, describe
from explorer.core.ops.pipeline import Entry, FileLoader
from explorer.core.reading.formats.registry import Outcome

if TYPE_CHECKING:
    from distributed import Future

C = TypeVar("C")

BATCH_FILES = 16  # files per task, as many as a batch of texts without shared storage
BATCH_BYTES = 1_000_000  # and at most this many bytes on disk (a larger file goes alone)


class SharedStorageExtractor(ClusterExtractor):
    """Reading (``read``, the import's reader) and extraction both on the workers; ``pipe`` hands
    each new article the spans its worker found with it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._spans: dict[int, list[Span]] = {}  # id of a draft of the file being handled → its spans

    def read(self, entries: Iterator[Entry]) -> Iterator[Entry]:
        """The entries in their order, each file read (and its articles extracted) by a worker."""
        run = uuid.uuid4().hex
        plugin_name = ""
        in_flight = self.in_flight or max(2, BATCHES_PER_WORKER * len(self._client.scheduler_info()["workers"]))
        pending: deque[tuple[Future | None, list[Entry]]] = deque()
        try:
            for batch in _batches(entries):
                files = [(label, os.path.abspath(load.path)) for label, load in batch if isinstance(load, FileLoader)]
                future = None
                if files:
                    from explorer.core.ops.cluster.worker import read_and_extract

                    plugin_name = plugin_name or self._register_plugin()
                    options = next(load.options for _, load in batch if isinstance(load, FileLoader))
                    key = f"knowledge-explorer-read-{run}-{self.batches_submitted}"
                    future = self._client.submit(
                        read_and_extract, plugin_name, files, options, key=key, retries=RETRIES
                    )
                    self.batches_submitted += 1
                pending.append((future, batch))
                self.peak_in_flight = max(self.peak_in_flight, len(pending))
                while len(pending) >= in_flight:
                    if not (yield from self._oldest_read(pending)):
                        return
            while pending:
                if not (yield from self._oldest_read(pending)):
                    return
        finally:
            self._client.cancel([future for future, _ in pending if future is not None])

    def _oldest_read(self, pending: deque) -> Generator[Entry, None, bool]:
        """Yields the oldest batch's entries once it is read; False when the import was cancelled first."""
        future, batch = pending[0]
        results = iter(())
        if future is not None:
            if not self._wait(future):
                return False
            try:
                results = iter(future.result())
            except Exception as exc:  # noqa: BLE001 - a worker's failure, said in one sentence
                raise ClusterError(f"A batch of {len(batch)} files failed on the cluster: {describe(exc)}") from exc
        pending.popleft()
        for label, load in batch:
            yield (label, _Read(self, *next(results))) if isinstance(load, FileLoader) else (label, load)
        return True

    def pipe(
        self, items: Iterable[tuple[str, C]], *, n_process: int = 1, batch_size: int = BATCH_FILES
    ) -> Generator[tuple[list[Span], C], None, None]:
        """The spans found with each new article (its context is its draft), in the order given."""
        for _, draft in items:
            yield self._spans.pop(id(draft)), draft


@dataclass(frozen=True)
class _Read:
    """A file as a worker read it: the import takes its outcomes when the file's turn comes, and
    the spans of its articles wait for them in the extractor (for this one file at a time)."""

    extractor: SharedStorageExtractor
    outcomes: list[Outcome]
    spans: list[list[Span]]

    def __call__(self) -> list[Outcome]:
        self.extractor._spans = {
            id(outcome.draft): spans
            for outcome, spans in zip(self.outcomes, self.spans, strict=True)
            if outcome.draft is not None
        }
        return self.outcomes


def _batches(entries: Iterator[Entry]) -> Iterator[list[Entry]]:
    """Entries in lists of at most ``BATCH_FILES`` files and ``BATCH_BYTES`` bytes on disk (a larger
    file alone), read lazily; entries that are not files (refusals) go with the files around them."""
    batch: list[Entry] = []
    files = size = 0
    for label, load in entries:
        if isinstance(load, FileLoader):
            try:
                length = os.stat(load.path).st_size
            except OSError:  # the worker says why
                length = 0
            if files and (files >= BATCH_FILES or size + length > BATCH_BYTES):
                yield batch
                batch, files, size = [], 0, 0
            files += 1
            size += length
        batch.append((label, load))
    if batch:
        yield batch
