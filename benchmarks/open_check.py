"""What looking for damage costs when a library opens (docs/reliability.md, "Reliability II").

    python -m benchmarks.open_check /tmp/kescale/200k.db [--runs 5]

Times ``open_store`` on a healthy library three ways in one run, warm cache, median of
``--runs``: without the damage checks, as shipped (header, size and schema on every open;
every page when the file is at most ``QUICK_CHECK_MAX_BYTES``), and with every page checked
(``full_check``, as before a command writes). Opened read-only, so the file is not changed; run
it on a library no program has open.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.core.store import open_store, schema  # noqa: E402


def _timed(path: Path, runs: int, *, full_check: bool = False) -> float:
    """Median seconds of an open and close; the empty -wal and -shm a read-only open leaves are
    removed first, so each open is that of a library no program has open (the usual case)."""
    times = []
    for _ in range(runs):
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        started = time.perf_counter()
        open_store(path, readonly=True, full_check=full_check).close()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    _timed(args.db, 1, full_check=True)  # warm the page cache
    skip = lambda *args, **kwargs: False  # noqa: E731 - every damage check made a no-op
    with mock.patch.multiple(schema, _check_header=skip, _check_pages=skip, _check_pages_alone=skip):
        bare = _timed(args.db, args.runs)
    shipped = _timed(args.db, args.runs)
    full = _timed(args.db, args.runs, full_check=True)
    size_gb = args.db.stat().st_size / 1e9
    print(
        f"{args.db.name}: {size_gb:.2f} GB; open without checks {bare * 1000:.1f} ms, "
        f"as shipped {shipped * 1000:.1f} ms ({shipped / bare:.2f}x), every page checked "
        f"{full * 1000:.0f} ms ({full / bare:.0f}x, {full / size_gb:.2f} s per GB)"
    )


if __name__ == "__main__":
    main()
