"""Entity spans recorded ahead of time, so the demo builds in seconds rather than in minutes.

spaCy is nearly all of an import's cost (the 249 State of the Union addresses take it about
ten minutes on two cores; reading, resolving and storing them take seconds). The demo's spans
are therefore shipped, each under the sha256 of the text the model reads (after
``prepare_text``) and with the extractor's ``fingerprint``. ``ShippedSpansExtractor`` uses a
recorded span list only when both match, and runs the model on every other text: a stale file
costs time, never a different result. Everything after NER (names, dates, curation rules, the
writer) runs as in any import. ``tests/core/extraction/test_shipped_spans.py`` proves the file is what the
current extractor builds; ``python -m benchmarks.make_demo_spans`` records it again.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from explorer.core.extraction.extract import Extractor, prepare_text
from explorer.core.model import Span

C = TypeVar("C")
DEMO_SPANS = "demo_spans.json.gz"


def text_key(text: str) -> str:
    """The sha256 of what NER reads: a change of ``prepare_text`` makes a recorded text miss."""
    return hashlib.sha256(prepare_text(text).encode("utf-8", "surrogatepass")).hexdigest()


def encode(fingerprint: dict[str, object], spans: dict[str, Sequence[Span]]) -> bytes:
    """Gzipped JSON, the same bytes for the same spans: per text one flat list of
    (start − previous start, length, label number, sentence) numbers."""
    labels = sorted({span.label for found in spans.values() for span in found})
    number = {label: i for i, label in enumerate(labels)}
    texts = {}
    for key in sorted(spans):
        flat, previous = [], 0
        for span in spans[key]:
            flat += [span.start - previous, span.end - span.start, number[span.label], span.sentence]
            previous = span.start
        texts[key] = flat
    document = {"fingerprint": fingerprint, "labels": labels, "texts": texts}
    return gzip.compress(json.dumps(document, separators=(",", ":")).encode(), mtime=0)


def decode(data: bytes) -> tuple[dict[str, object], dict[str, list[Span]]]:
    """(fingerprint, spans per text key) of what ``encode`` wrote."""
    document = json.loads(gzip.decompress(data))
    labels = document["labels"]
    spans = {}
    for key, flat in document["texts"].items():
        found, start = [], 0
        for i in range(0, len(flat), 4):
            start += flat[i]
            found.append(Span(start, start + flat[i + 1], labels[flat[i + 2]], flat[i + 3]))
        spans[key] = found
    return document["fingerprint"], spans


def read_spans(path: Path) -> tuple[dict[str, object], dict[str, list[Span]]]:
    """A recorded file; a missing or unreadable one records nothing (every text is then extracted)."""
    try:
        return decode(path.read_bytes())
    except (OSError, ValueError, KeyError, IndexError, TypeError, EOFError):
        return {}, {}


class ShippedSpansExtractor(Extractor):
    """An ``Extractor`` that answers recorded texts from the record and the rest with the model,
    in input order. The model is loaded only when a text misses."""

    def __init__(self, model: str, recorded: tuple[dict[str, object], dict[str, list[Span]]]) -> None:
        super().__init__(model)
        self._fingerprint, self._recorded = recorded

    def pipe(
        self, items: Iterable[tuple[str, C]], *, n_process: int = 1, batch_size: int = 64
    ) -> Generator[tuple[list[Span], C], None, None]:
        """Recorded texts at once; each run of texts that miss goes through the model together."""
        items = iter(items)
        recorded = self._recorded if self._fingerprint == self.fingerprint() else {}

        def lookup(text: str) -> list[Span] | None:
            return recorded.get(text_key(text)) if recorded else None

        after_run: list[tuple[list[Span], C]] = []  # the recorded text that ended a run of misses

        def misses(first: tuple[str, C]) -> Iterator[tuple[str, C]]:
            yield first
            for text, context in items:
                spans = lookup(text)
                if spans is not None:
                    after_run.append((spans, context))
                    return
                yield text, context

        for text, context in items:
            spans = lookup(text)
            if spans is None:
                yield from super().pipe(misses((text, context)), n_process=n_process, batch_size=batch_size)
                if not after_run:
                    continue
                spans, context = after_run.pop()
            yield list(spans), context
