"""Export of every mention with its sentence on a built database (the full Reuters-21578 one
in the note), against the per-entity reading the entity detail uses, in the same run.

    .venv/bin/python -m benchmarks.export_mentions DB [--entities 200]

Prints: the streamed export (rows, seconds, rows per second, the first progress event), and
``kwic`` read entity by entity for the ``--entities`` most mentioned ones, as the baseline
(rows per second and the ratio).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--entities", type=int, default=200, help="Entities read one by one for the baseline.")
    args = parser.parse_args()

    from explorer.core.ops.export import export_mentions
    from explorer.core.store import open_store
    from explorer.core.store.detail import kwic
    from explorer.core.store.queries import entity_page

    db = open_store(args.db, readonly=True)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        first = None
        rows = total = 0
        for event in export_mentions(db, Path(folder) / "mentions.csv"):
            first = first or time.perf_counter() - start
            rows, total = event.rows, event.total
        streamed = time.perf_counter() - start
    rate = rows / streamed
    print(
        f"streamed export: {rows:,} mentions of {total:,} articles in {streamed:.1f} s"
        f" ({rate:,.0f} rows/s; first progress after {first * 1000:.0f} ms)"
    )
    start = time.perf_counter()
    rows = sum(len(kwic(db, e.id, limit=1_000_000)) for e in entity_page(db, limit=args.entities))
    baseline = rows / (time.perf_counter() - start)
    print(
        f"baseline, kwic per entity (top {args.entities}): {rows:,} rows at {baseline:,.0f} rows/s;"
        f" streamed is {rate / baseline:.1f}x faster per row"
    )


if __name__ == "__main__":
    main()
