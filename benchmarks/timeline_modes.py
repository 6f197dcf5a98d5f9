"""What each timeline mode costs on a database: median and worst of a few runs per query.

    python benchmarks/timeline_modes.py --db FILE [--runs 5]

By publication date (the default, summaries only), by period mentioned and by file date, for
the whole collection and for its most mentioned entity. Figures for docs/architecture.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.core.store import open_store  # noqa: E402
from explorer.core.store.timeline import series, series_for_all  # noqa: E402
from explorer.core.store.timeline_modes import file_date_series, period_series  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = open_store(args.db, readonly=True)
    articles, undated = db.execute("SELECT articles, undated FROM corpus_totals").fetchone()
    top = db.execute(
        "SELECT id, name FROM entities WHERE hidden = 0 AND type != 'date' ORDER BY mentions DESC LIMIT 1"
    ).fetchone()
    print(f"{args.db}: {articles:,} articles, {undated:,} undated; top entity {top[1]!r}")
    queries = {
        "published, all articles": lambda: series_for_all(db),
        "published, top entity": lambda: series(db, [top[0]]),
        "periods mentioned, all articles": lambda: period_series(db, []),
        "periods mentioned, top entity": lambda: period_series(db, [top[0]]),
        "file date, all articles": lambda: file_date_series(db, []),
        "file date, top entity": lambda: file_date_series(db, [top[0]]),
    }
    for name, query in queries.items():
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            data = query()
            times.append(1000 * (time.perf_counter() - start))
        print(f"{name:34} {statistics.median(times):8.0f} / {max(times):6.0f} ms  ({len(data.starts)} {data.bin} bins)")


if __name__ == "__main__":
    main()
