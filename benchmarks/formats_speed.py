"""Conversion speed of every document format, the share of an import spent outside entity
extraction, and the peak memory of reading a 500-page PDF.

    python benchmarks/formats_speed.py [--scale 1.0]

Generates a mixed folder (200 five-page PDFs, 200 web pages, 100 Word files, a mailbox of 500
messages, a ZIP of 200 text files; --scale multiplies the counts), times reading each format
(``read_documents``: bytes → drafts, no NER), imports the folder into a fresh database and
times reading the files and storing the batches inside it: their share of the import is the
time spent outside entity extraction. The 500-page PDF is read in a child process, whose peak
resident memory is printed.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import explorer.core.ops.pipeline as pipeline  # noqa: E402
from explorer.core.extraction.extract import Extractor  # noqa: E402
from explorer.core.ops.pipeline import ImportOptions, import_paths  # noqa: E402
from explorer.core.reading.formats.registry import read_documents  # noqa: E402
from tests.core.reading.formats.samples import (  # noqa: E402
    docx_bytes,
    email_bytes,
    html_page,
    mbox_bytes,
    pdf_bytes,
    zip_bytes,
)

PEOPLE = ["Ann Lee", "Omar Khan", "Maria Silva", "Wen Li", "John Okafor", "Sara Novak"]
PLACES = ["Kenya", "Nairobi", "Pakistan", "Lahore", "Brazil", "Tokyo", "Peru", "Norway"]
ORGS = ["the World Bank", "Reuters", "the United Nations", "Toyota", "the Red Cross"]
WORDS = "officials said talks would resume after floods hit the region and prices rose sharply".split()


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, 8)
    return f"{rng.choice(PEOPLE)} met {rng.choice(ORGS)} in {rng.choice(PLACES)} as {' '.join(words)}."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def make_folder(folder: Path, scale: float, seed: int = 7) -> dict[str, list[Path]]:
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    made: dict[str, list[Path]] = {"pdf": [], "html": [], "docx": [], "mbox": [], "zip": []}

    def put(kind: str, name: str, data: bytes) -> None:
        path = folder / name
        path.write_bytes(data)
        made[kind].append(path)

    def n(count: int) -> int:
        return max(1, round(count * scale))

    for i in range(n(200)):
        pages = [[sentence(rng) for _ in range(8)] for _ in range(5)]
        put("pdf", f"report{i}.pdf", pdf_bytes(pages, info={"Title": f"Report {i}"}))
    for i in range(n(200)):
        put("html", f"page{i}.html", html_page(f"Story {i}", [paragraph(rng) for _ in range(4)]))
    for i in range(n(100)):
        put("docx", f"note{i}.docx", docx_bytes([paragraph(rng) for _ in range(4)], title=f"Note {i}"))
    messages = [email_bytes(f"Message {i}", paragraph(rng, 6)) for i in range(n(500))]
    put("mbox", "inbox.mbox", mbox_bytes(messages))
    texts = {f"wire/{i}.txt": f"Wire {i}\n\n{paragraph(rng, 6)}\n".encode() for i in range(n(200))}
    put("zip", "wire.zip", zip_bytes(texts))
    return made


def conversion(made: dict[str, list[Path]]) -> list[tuple[str, int, float, float]]:
    """(format, articles, seconds, MB/s) of reading each format's files into drafts."""
    rows = []
    for kind, paths in made.items():
        size = sum(path.stat().st_size for path in paths)
        started = time.perf_counter()
        articles = sum(1 for path in paths for outcome in read_documents(path) if outcome.draft)
        seconds = time.perf_counter() - started
        rows.append((kind, articles, seconds, size / 1024 / 1024 / seconds))
    return rows


def import_share(folder: Path, db_path: Path) -> tuple[float, float, float, int]:
    """(import seconds, of them reading files into drafts, of them storing batches, articles).

    Reading and storing are timed inside the real import by wrapping the pipeline's
    ``read_documents`` and ``add_batch``; the rest is extraction (spaCy, canonicalisation).
    """
    spent = {"read": 0.0, "store": 0.0}

    def timed(name: str, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        return wrapper

    extractor = Extractor().load()
    original = pipeline.read_documents, pipeline.add_batch
    pipeline.read_documents = timed("read", pipeline.read_documents)
    pipeline.add_batch = timed("store", pipeline.add_batch)
    try:
        started = time.perf_counter()
        last = None
        for last in import_paths(db_path, [folder], ImportOptions(), extractor=extractor):  # noqa: B007
            pass
        total = time.perf_counter() - started
    finally:
        pipeline.read_documents, pipeline.add_batch = original
    return total, spent["read"], spent["store"], last.imported if last else 0


# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
_CHILD = """
import re, sys
from explorer.core.reading.formats.registry import read_documents
[outcome] = read_documents(sys.argv[1])
status = open("/proc/self/status").read()
print(len(outcome.draft.pages), re.search(r"VmHWM:\\s+(\\d+)", status).group(1))
"""


def pdf_memory(path: Path) -> tuple[int, float]:
    """(pages, peak MB) of reading a PDF in a fresh process."""
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True, cwd=root
    ).stdout.split()
    return int(out[0]), int(out[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the number of files (default 1)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        made = make_folder(root / "mixed", args.scale)
        print("format  articles  seconds  articles/s  MB/s")
        for kind, articles, seconds, mb_per_s in conversion(made):
            print(f"{kind:6}  {articles:8}  {seconds:7.2f}  {articles / seconds:10.1f}  {mb_per_s:5.2f}")
        total, read, store, articles = import_share(root / "mixed", root / "t.db")
        print(f"import: {articles} articles in {total:.1f} s; reading files {read:.1f} s, storing {store:.1f} s")
        print(f"outside extraction: {(read + store) / total:.1%} of the import")
        rng = random.Random(1)
        big = root / "big.pdf"
        big.write_bytes(pdf_bytes([[sentence(rng) for _ in range(40)] for _ in range(500)]))
        pages, peak = pdf_memory(big)
        print(f"500-page PDF ({big.stat().st_size / 1024 / 1024:.1f} MB, {pages} pages read): peak {peak:.0f} MB")
        print(f"this process's peak (spaCy loaded): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
