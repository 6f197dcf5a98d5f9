"""What counting each story once costs on a large library, read by read.

    python benchmarks/story_once_speed.py --db FILE [--runs 7]

Times (median and worst of ``--runs``) each read the window and the command line make with
"each story once" against the same read without it: the list's count and first page, the
top entities, the top entity's timeline, the articles per month and the network's nodes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.core.store import open_store, queries  # noqa: E402
from explorer.core.store.cooccurrence import top_entities  # noqa: E402
from explorer.core.store.document_filter import DocumentFilter  # noqa: E402
from explorer.core.store.story_once import corpus_once, entities_once, series_once  # noqa: E402
from explorer.core.store.timeline import series, series_for_all  # noqa: E402


def timed(read: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        read()
        times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    db = open_store(args.db, readonly=True)
    once, every = DocumentFilter(once=True), DocumentFilter()
    top = queries.entity_page(db, limit=1)[0].id
    reads = {
        "list count": (lambda: queries.count_matches(db, every), lambda: queries.count_matches(db, once)),
        "list, first page by date": (
            lambda: queries.document_page(db, every, limit=100),
            lambda: queries.document_page(db, once, limit=100),
        ),
        "top 100 entities": (lambda: queries.entity_page(db, limit=100), lambda: entities_once(db, limit=100)),
        "top entity per month": (
            lambda: series(db, [top], bin="month"),
            lambda: series_once(db, series(db, [top], bin="month")),
        ),
        "articles per month": (
            lambda: series_for_all(db, "month"),
            lambda: corpus_once(db, series_for_all(db, "month")),
        ),
        "network's 50 nodes": (lambda: top_entities(db, every), lambda: top_entities(db, once)),
    }
    articles = db.execute("SELECT articles FROM corpus_totals").fetchone()[0]
    copies = db.execute("SELECT count(*) FROM article_stories WHERE story_id != article_id").fetchone()[0]
    print(f"{articles:,} articles, {copies:,} of them copies of a story; median / worst of {args.runs} runs, ms")
    print("| read | every article | each story once |")
    print("|---|---:|---:|")
    for name, (plain, counted_once) in reads.items():
        a, b = timed(plain, args.runs), timed(counted_once, args.runs)
        print(f"| {name} | {a[0]:,.0f} / {a[1]:,.0f} | {b[0]:,.0f} / {b[1]:,.0f} |")


if __name__ == "__main__":
    main()
