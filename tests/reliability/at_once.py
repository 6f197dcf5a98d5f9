"""``python -m tests.reliability.at_once [--places-only] BARRIER ARGS…``: ``knowledge-explorer
ARGS…`` started the moment the file BARRIER appears, so that several processes, already loaded,
begin together; each first writes ``BARRIER.PID.ready`` to say it is loaded. ``--places-only``
imports with a stand-in for spaCy (a few known place names), so that dozens of processes need no
model."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import explorer.core.ops.pipeline as pipeline
from explorer.cli import main
from explorer.core.model import Span

PLACES = ("Norway", "Kenya", "Peru", "Japan")


class PlacesExtractor:
    """Every known place name is a GPE span; nothing to load. A few milliseconds an article, so
    that an import lasts while something else happens."""

    def __init__(self, model: str = "") -> None:
        pass

    def use_gazetteer(self, entries) -> None:
        """Gazetteers are the real extractor's business."""

    def pipe(self, items, *, n_process: int = 1, batch_size: int = 64):
        for text, context in items:
            time.sleep(0.005)
            yield [Span(m.start(), m.end(), "GPE") for m in re.finditer("|".join(PLACES), text)], context


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[0] == "--places-only":
        pipeline.Extractor = PlacesExtractor
        args = args[1:]
    barrier = Path(args[0])
    barrier.with_name(f"{barrier.name}.{os.getpid()}.ready").touch()
    while not barrier.exists():
        time.sleep(0.001)
    main(args[1:], prog_name="knowledge-explorer")
