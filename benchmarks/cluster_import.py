"""Import on a local Dask cluster against the local process pool, on the same Reuters-21578 texts.

    python benchmarks/cluster_import.py 1000 [--workers 2]

Imports N articles twice into fresh databases: with ``--cluster local:W`` (W worker processes,
started by the import) and with ``--jobs W`` (spaCy's process pool). Both times are whole imports
from the first file read to the last batch committed, model loading and cluster start included.
Prints words/s of each, words/s per worker (of the import's time, and of the time the workers
spent extracting, from Dask's task stream: how busy the client kept them), the client's peak
memory during the cluster import (sampled every 50 ms; the client never loads the model) and,
last, ``ratio: X.XX`` (the cluster's throughput ÷ the pool's; 1.00 is as fast).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import reuters_available, reuters_sample  # noqa: E402
from explorer.core.ops.cluster.connection import ClusterAddress, check_workers, connect  # noqa: E402
from explorer.core.ops.cluster.remote_extractor import ClusterExtractor  # noqa: E402
from explorer.core.ops.pipeline import ImportOptions, import_paths  # noqa: E402
from explorer.core.reading.ingest import read_article  # noqa: E402


class PeakMemory:
    """The largest resident size of this process while it runs (a sampling thread)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        process = psutil.Process()
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, process.memory_info().rss)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def timed(events, started: float | None = None) -> tuple[float, float, int]:
    """Seconds from ``started`` (default: now) to the first progress event and to the end; articles imported."""
    started = started or time.perf_counter()
    first = None
    imported = 0
    for progress in events:
        first = first or time.perf_counter() - started
        imported = progress.imported
    return first or 0.0, time.perf_counter() - started, imported


def cluster_import(folder: Path, db_path: Path, workers: int) -> tuple[float, float, int, float]:
    """``import_on_cluster`` spelled out, to read Dask's task stream: ``timed`` and the workers' busy seconds."""
    from distributed import get_task_stream

    started = time.perf_counter()
    with connect(ClusterAddress(local_workers=workers)) as client, get_task_stream(client) as stream:
        check_workers(client, ImportOptions().model)
        extractor = ClusterExtractor(client, ImportOptions().model)
        first, _, imported = timed(import_paths(db_path, [folder], ImportOptions(), extractor=extractor), started)
        seconds = time.perf_counter() - started
    busy = sum(
        part["stop"] - part["start"]
        for task in stream.data
        for part in task["startstops"]
        if part["action"] == "compute"
    )
    return first, seconds, imported, busy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of each (default 2)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "knowledge-explorer-bench")
    args = parser.parse_args()
    if not reuters_available():
        sys.exit("../shared/corpora/reuters21578 is not there: nothing to measure.")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        files = reuters_sample(args.cache, args.n, folder)
        words = sum(len(read_article(path).body.split()) for path in files)
        print(f"articles: {len(files)}, words: {words:,}, workers: {args.workers}")
        baseline = psutil.Process().memory_info().rss

        with PeakMemory() as memory:
            first, cluster_seconds, imported, busy = cluster_import(folder, Path(tmp) / "cluster.db", args.workers)
        per_worker = words / cluster_seconds / args.workers
        print(
            f"--cluster local:{args.workers}: {cluster_seconds:.1f} s ({first:.1f} s to start), "
            f"{words / cluster_seconds:,.0f} words/s, {per_worker:,.0f} words/s per worker, {imported} imported"
        )
        print(
            f"workers extracting: {busy:.1f} worker-seconds, {busy / cluster_seconds / args.workers:.0%} of the "
            f"import's time; {words / busy:,.0f} words/s per busy worker"
        )
        grown = (memory.peak - baseline) / 2**20
        print(f"client peak memory: {memory.peak / 2**20:,.0f} MB ({grown:,.0f} MB over its start)")

        first, pool_seconds, imported = timed(
            import_paths(Path(tmp) / "pool.db", [folder], ImportOptions(jobs=args.workers))
        )
        print(
            f"--jobs {args.workers}: {pool_seconds:.1f} s ({first:.1f} s to start), "
            f"{words / pool_seconds:,.0f} words/s, {imported} imported"
        )
        print(f"ratio: {pool_seconds / cluster_seconds:.2f}")


if __name__ == "__main__":
    main()
