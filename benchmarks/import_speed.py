"""Import speed against plain spaCy on the same Reuters-21578 texts, in the same run.

    python benchmarks/import_speed.py 1000 [--jobs 2]

Converts N articles into text files, imports them into a fresh database (reading, metadata,
NER, canonicalisation, storage, grouping into stories), and times plain spaCy ``nlp.pipe`` over
the same bodies with the same components. Prints words/s of both; the last line is
``ratio: X.XX`` (import ÷ spaCy). With ``--jobs J`` it also imports with J processes and prints
the speed-up over one.

Grouping into stories (``stories.group_articles``, run by the writer of each batch) is timed
inside the import, and the import is run once more without it (the writer's grouping replaced
by nothing, in this process only): the two imports' times, the grouping's seconds and its time
per article are printed, so that its share of an import is measured beside its baseline.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import reuters_available, reuters_sample  # noqa: E402
from explorer.core import settings  # noqa: E402
from explorer.core.extraction.extract import EXCLUDED_COMPONENTS  # noqa: E402
from explorer.core.ops.pipeline import ImportOptions, import_paths  # noqa: E402
from explorer.core.reading.ingest import read_article  # noqa: E402
from explorer.core.store import writer  # noqa: E402


def plain_spacy(texts: list[str], model: str) -> float:
    import spacy

    nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    nlp("warm up")
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - started


def timed_import(folder: Path, db_path: Path, jobs: int) -> tuple[float, int]:
    started = time.perf_counter()
    imported = 0
    for progress in import_paths(db_path, [folder], ImportOptions(jobs=jobs)):
        imported = progress.imported
    return time.perf_counter() - started, imported


@contextmanager
def grouping(enabled: bool) -> Iterator[list[float]]:
    """The writer's grouping timed (seconds spent, in the list yielded), or left out."""
    spent = [0.0]
    original = writer.group_articles

    def timed(conn, articles) -> None:
        started = time.perf_counter()
        original(conn, articles)
        spent[0] += time.perf_counter() - started

    writer.group_articles = timed if enabled else lambda conn, articles: None  # type: ignore[assignment]
    try:
        yield spent
    finally:
        writer.group_articles = original


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("--jobs", type=int, default=1, help="also import with this many processes")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "knowledge-explorer-bench")
    args = parser.parse_args()
    if not reuters_available():
        sys.exit("../shared/corpora/reuters21578 is not there: nothing to measure.")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        files = reuters_sample(args.cache, args.n, folder)
        texts = [read_article(path).body for path in files]
        words = sum(len(text.split()) for text in texts)
        print(f"articles: {len(files)}, words: {words}")

        spacy_seconds = plain_spacy(texts, settings.DEFAULT_MODEL)
        print(f"plain spaCy: {spacy_seconds:.1f} s, {words / spacy_seconds:,.0f} words/s")

        with grouping(False):
            bare_seconds, _ = timed_import(folder, Path(tmp) / "bare.db", 1)
        with grouping(True) as spent:
            single_seconds, imported = timed_import(folder, Path(tmp) / "one.db", 1)
        print(f"import (1 process): {single_seconds:.1f} s, {words / single_seconds:,.0f} words/s, {imported} imported")
        print(
            f"grouping into stories: {spent[0]:.2f} s of the import ({100 * spent[0] / single_seconds:.1f} %),"
            f" {1000 * spent[0] / imported:.2f} ms an article; the import without it: {bare_seconds:.1f} s"
            f" (with it {100 * (single_seconds / bare_seconds - 1):+.1f} %)"
        )
        if args.jobs > 1:
            multi_seconds, imported = timed_import(folder, Path(tmp) / "multi.db", args.jobs)
            print(
                f"import ({args.jobs} processes): {multi_seconds:.1f} s, {words / multi_seconds:,.0f} words/s, "
                f"{imported} imported; speed-up over 1 process: {single_seconds / multi_seconds:.2f}x"
            )
        print(f"peak memory: {peak_mb():.0f} MB")
        print(f"ratio: {spacy_seconds / single_seconds:.2f}")


if __name__ == "__main__":
    main()
