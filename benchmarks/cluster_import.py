"""Import on a local Dask cluster against the local process pool, on the same Reuters-21578 texts.

    python benchmarks/cluster_import.py 1000 [--workers 2] [--runs 4]

Each run imports N articles twice into fresh databases, each in a fresh Python process: with
``--cluster local:W`` (W worker processes, started by the import) and with ``--jobs W`` (spaCy's
process pool); the order alternates from run to run, so a change in the machine's load falls on
both. Both times are whole imports from the first file read to the last batch committed, cluster
start and model loading included. Each run prints both times and their ratio (the cluster's
throughput ÷ the pool's; 1.00 is as fast), words/s per worker (of the import's time, and of the
time the workers spent extracting, read from Dask's task stream: how busy the client kept them),
the CPU seconds each side used (this process, and its workers), and each side's peak memory
(sampled every 50 ms; for the cluster, the client's alone). Last: the median of each figure and
``ratio: X.XX``, the median ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
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


@dataclass
class Side:
    """One import, measured in its own process."""

    seconds: float
    imported: int
    cpu_client: float  # CPU seconds of the importing process
    cpu_workers: float  # of its child processes (the cluster's workers, or spaCy's pool)
    peak_mb: float  # the importing process's peak resident memory
    start_mb: float  # and its resident memory when the import started
    busy: float = 0.0  # worker-seconds spent extracting (the cluster only)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_side(side: str, folder: Path, db_path: Path, workers: int) -> Side:
    """One import, timed from its start (cluster start, model loading) to its last commit."""
    model = ImportOptions().model
    start_mb = psutil.Process().memory_info().rss / 2**20
    cpu_self, cpu_children = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    busy = 0.0
    with PeakMemory() as memory:
        started = time.perf_counter()
        if side == "pool":
            last = list(import_paths(db_path, [folder], ImportOptions(jobs=workers)))[-1]
        else:
            with connect(ClusterAddress(local_workers=workers), model=model) as client:
                from distributed import get_task_stream

                with get_task_stream(client) as stream:
                    check_workers(client, model)
                    extractor = ClusterExtractor(client, model)
                    last = list(import_paths(db_path, [folder], ImportOptions(), extractor=extractor))[-1]
            busy = sum(
                part["stop"] - part["start"]
                for task in stream.data
                for part in task["startstops"]
                if part["action"] == "compute"
            )
        seconds = time.perf_counter() - started
    return Side(
        seconds=seconds,
        imported=last.imported,
        cpu_client=_cpu(resource.RUSAGE_SELF) - cpu_self,
        cpu_workers=_cpu(resource.RUSAGE_CHILDREN) - cpu_children,  # children are reaped by the end
        peak_mb=memory.peak / 2**20,
        start_mb=start_mb,
        busy=busy,
    )


def measured(side: str, folder: Path, db_path: Path, workers: int) -> Side:
    """``run_side`` in a fresh Python process, so that neither side finds the other's model loaded."""
    output = subprocess.run(
        [sys.executable, __file__, "--side", side, "--folder", str(folder), "--db", str(db_path)]
        + ["--workers", str(workers), "0"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return Side(**json.loads(output.strip().splitlines()[-1]))


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of each (default 2)")
    parser.add_argument("--runs", type=int, default=1, help="pairs of imports, the order alternating (default 1)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "knowledge-explorer-bench")
    parser.add_argument("--side", choices=["cluster", "pool"], help=argparse.SUPPRESS)  # one measured import
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        print(json.dumps(asdict(run_side(args.side, args.folder, args.db, args.workers))))
        return
    if not reuters_available():
        sys.exit("../shared/corpora/reuters21578 is not there: nothing to measure.")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        files = reuters_sample(args.cache, args.n, folder)
        words = sum(len(read_article(path).body.split()) for path in files)
        print(f"articles: {len(files)}, words: {words:,}, workers: {args.workers}, runs: {args.runs}, {_load()}")
        ratios, per_worker, busy_per_worker, busy_share, peaks = [], [], [], [], []
        for run in range(args.runs):
            order = ["cluster", "pool"] if run % 2 == 0 else ["pool", "cluster"]
            sides = {side: measured(side, folder, Path(tmp) / f"{side}{run}.db", args.workers) for side in order}
            cluster, pool = sides["cluster"], sides["pool"]
            ratios.append(pool.seconds / cluster.seconds)
            per_worker.append(words / cluster.seconds / args.workers)
            busy_per_worker.append(words / cluster.busy if cluster.busy else 0.0)
            busy_share.append(cluster.busy / cluster.seconds / args.workers)
            peaks.append(cluster.peak_mb)
            print(
                f"run {run + 1} ({' then '.join(order)}, {_load()}): "
                f"--cluster local:{args.workers} {cluster.seconds:.1f} s, --jobs {args.workers} {pool.seconds:.1f} s, "
                f"ratio {ratios[-1]:.2f}; per worker {per_worker[-1]:,.0f} words/s of the import, "
                f"{busy_per_worker[-1]:,.0f} busy; workers busy {busy_share[-1]:.0%}; "
                f"CPU s client/workers: cluster {cluster.cpu_client:.1f}/{cluster.cpu_workers:.1f}, "
                f"pool {pool.cpu_client:.1f}/{pool.cpu_workers:.1f}; peak MB: cluster's client "
                f"{cluster.peak_mb:,.0f} (+{cluster.peak_mb - cluster.start_mb:,.0f}), pool {pool.peak_mb:,.0f}; "
                f"imported {cluster.imported}/{pool.imported}",
                flush=True,
            )
        median = statistics.median
        print(
            f"median of {args.runs}: per worker {median(per_worker):,.0f} words/s of the import, "
            f"{median(busy_per_worker):,.0f} busy; workers busy {median(busy_share):.0%}; "
            f"client peak memory {median(peaks):,.0f} MB; {_load()}"
        )
        print(f"ratio: {median(ratios):.2f}")


if __name__ == "__main__":
    main()
