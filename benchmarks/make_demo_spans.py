"""Record the demo's entity spans again (resources/demo_spans.json.gz), or check them.

    python -m benchmarks.make_demo_spans --jobs 2          # record (about 7 minutes on 2 cores)
    python -m benchmarks.make_demo_spans --check --jobs 2  # every recorded text against the model

Each worker process runs the product's ``Extractor`` over its share of the addresses exactly as
an import with ``--jobs 1`` does; the file records their spans under the extractor's
fingerprint. Run it after changing the model, spaCy or anything in ``explorer/core/extraction/extract.py``
that decides spans: until then the demo extracts the texts that no longer match, slowly.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.core import settings  # noqa: E402
from explorer.core.extraction.extract import Extractor  # noqa: E402
from explorer.core.extraction.shipped_spans import DEMO_SPANS, encode, read_spans, text_key  # noqa: E402
from explorer.core.ops.demo import demo_entries  # noqa: E402
from explorer.core.resources import resource  # noqa: E402


def demo_bodies() -> list[str]:
    """The texts the demo import gives the extractor, oldest address first."""
    return [load().body for _, load in demo_entries()]


def _extract(texts: list[str]) -> list[list]:
    extractor = Extractor(settings.DEFAULT_MODEL)
    return [spans for spans, _ in extractor.pipe((text, None) for text in texts)]


def extract_all(texts: list[str], jobs: int) -> list[list]:
    """Spans of every text, ``jobs`` processes each taking every jobs-th text."""
    shares = [texts[i::jobs] for i in range(jobs)]
    with ProcessPoolExecutor(jobs) as pool:
        results = list(pool.map(_extract, shares))
    spans: list[list] = [[] for _ in texts]
    for i, found in enumerate(results):
        spans[i::jobs] = found
    return spans


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--check", action="store_true", help="compare the recorded spans with the model's")
    args = parser.parse_args()
    started = time.monotonic()
    texts = demo_bodies()
    spans = extract_all(texts, args.jobs)
    path = resource(DEMO_SPANS) if args.check else Path(__file__).resolve().parents[1] / "resources" / DEMO_SPANS
    fingerprint = Extractor(settings.DEFAULT_MODEL).fingerprint()
    if args.check:
        recorded_fingerprint, recorded = read_spans(path)
        wrong = [i for i, text in enumerate(texts) if recorded.get(text_key(text)) != spans[i]]
        print(
            f"fingerprint {'matches' if recorded_fingerprint == fingerprint else 'DIFFERS'}; "
            f"{len(texts) - len(wrong)} of {len(texts)} texts as recorded; differ: {wrong}"
        )
        return 1 if wrong or recorded_fingerprint != fingerprint else 0
    path.write_bytes(encode(fingerprint, {text_key(text): found for text, found in zip(texts, spans, strict=True)}))
    print(
        f"recorded {sum(map(len, spans)):,} spans of {len(texts)} texts in {path} "
        f"({path.stat().st_size:,} bytes, {time.monotonic() - started:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
