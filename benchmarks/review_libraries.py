"""The two libraries the entity review reads, built as a user builds them, and plain spaCy's lists.

    python -m benchmarks.review_libraries --reuters-spans FILE   # record Reuters' spans once (minutes)

NER is nearly all of an import's cost and the review judges what comes after it, so the model's
spans of every Reuters-21578 article are recorded once (as the demo's are shipped) and each
library is then imported through the product's own path with ``ShippedSpansExtractor``: the same
result as a plain import, in a minute rather than six. Plain spaCy's entity list is read from
the same spans: one entity per (lower-cased text, label), as a list of spaCy entities would be.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import reuters_folder  # noqa: E402
from explorer.core import settings  # noqa: E402
from explorer.core.extraction.extract import Extractor  # noqa: E402
from explorer.core.extraction.shipped_spans import (  # noqa: E402
    DEMO_SPANS,
    ShippedSpansExtractor,
    encode,
    read_spans,
    text_key,
)
from explorer.core.model import LABEL_TYPES, Span  # noqa: E402
from explorer.core.ops.pipeline import ImportOptions, Loader, import_entries  # noqa: E402
from explorer.core.reading.ingest import read_article  # noqa: E402
from explorer.core.resources import resource  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "knowledge-explorer-bench"


def reuters_entries() -> list[tuple[str, Loader]]:
    """Every Reuters-21578 article as a file to import, in file-name (date) order."""
    files = sorted(reuters_folder(CACHE).glob("*.txt"))
    return [(str(path), lambda path=path: read_article(path)) for path in files]


def _extract(texts: list[str]) -> list[list[Span]]:
    extractor = Extractor(settings.DEFAULT_MODEL)
    return [spans for spans, _ in extractor.pipe((text, None) for text in texts)]


def record_spans(entries: list[tuple[str, Loader]], out: Path, jobs: int) -> None:
    """The model's spans of every entry's body, under the extractor's fingerprint."""
    texts = [load().body for _, load in entries]
    shares = [texts[i::jobs] for i in range(jobs)]
    with ProcessPoolExecutor(jobs) as pool:
        results = list(pool.map(_extract, shares))
    spans: list[list[Span]] = [[] for _ in texts]
    for i, found in enumerate(results):
        spans[i::jobs] = found
    recorded = {text_key(text): found for text, found in zip(texts, spans, strict=True)}
    out.write_bytes(encode(Extractor(settings.DEFAULT_MODEL).fingerprint(), recorded))


def build_library(db_path: Path, entries: list[tuple[str, Loader]], spans_file: Path) -> None:
    """Import ``entries`` into ``db_path`` with the recorded spans (the model for any text they miss)."""
    extractor = ShippedSpansExtractor(settings.DEFAULT_MODEL, read_spans(spans_file))
    for _ in import_entries(db_path, entries, ImportOptions(), extractor=extractor):
        pass


def demo_spans_file() -> Path:
    return resource(DEMO_SPANS)


def plain_spacy_counts(entries: list[tuple[str, Loader]], spans_file: Path) -> Counter[tuple[str, str]]:
    """Mentions per (lower-cased surface, product type) of plain spaCy's spans (no dates or numbers)."""
    _, recorded = read_spans(spans_file)
    counts: Counter[tuple[str, str]] = Counter()
    for _, load in entries:
        body = load().body
        for span in recorded.get(text_key(body), ()):
            type_ = LABEL_TYPES.get(span.label)
            if type_ and type_ != "date":
                counts[" ".join(body[span.start : span.end].split()).lower(), type_] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuters-spans", type=Path, required=True, help="where to record Reuters' spans")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    record_spans(reuters_entries(), args.reuters_spans, args.jobs)
    print(f"recorded {args.reuters_spans}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
