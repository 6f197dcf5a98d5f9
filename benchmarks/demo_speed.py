"""How soon the demo is alive, against a plain spaCy pass over the same texts, in one run.

    python benchmarks/demo_speed.py [--jobs 2] [--baseline-addresses N]

Opens the window (the Qt platform of $QT_QPA_PLATFORM, offscreen by default) on a new demo
database in a temporary folder, as File ▸ Open Demo does, and times from the request to the
first article in the list ("first article listed") and to the end of the build ("demo
complete"). The baseline is plain spaCy ``nlp.pipe`` (the product's components, ``--jobs``
processes) over the same 249 texts: what any build that runs the model must at least spend.
``--baseline-addresses N`` runs it over the first N addresses only and scales the time by words.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from explorer.core import settings  # noqa: E402
from explorer.core.extraction.extract import EXCLUDED_COMPONENTS  # noqa: E402
from explorer.core.ops.demo import demo_entries  # noqa: E402


def window_build(folder: Path) -> tuple[float, float, int]:
    """(seconds to the first listed article, seconds to the end, articles) of the window's demo."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from explorer.ui import main_window

    app = QApplication.instance() or QApplication([])
    settings.demo_db_path = lambda: folder / "demo.db"
    window = main_window.MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window.show()
    app.processEvents()
    started = time.perf_counter()
    window.imports.open_demo()
    first = None
    while window.imports.running() or first is None:
        app.processEvents()
        if first is None and window.documents.model.rowCount():
            first = time.perf_counter() - started
        time.sleep(0.01)
    complete = time.perf_counter() - started
    articles = window.total_articles
    window.close()
    return first, complete, articles


def plain_spacy(texts: list[str], jobs: int) -> float:
    import spacy

    nlp = spacy.load(settings.DEFAULT_MODEL, exclude=list(EXCLUDED_COMPONENTS))
    nlp("warm up")
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=8, n_process=jobs):
        pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2, help="processes of the spaCy baseline")
    parser.add_argument("--baseline-addresses", type=int, default=None, help="the baseline over this many only")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        first, complete, articles = window_build(Path(tmp))
    texts = [load().body for _, load in demo_entries()]
    sample = texts[: args.baseline_addresses] if args.baseline_addresses else texts
    baseline = plain_spacy(sample, args.jobs)
    words = sum(len(t.split()) for t in texts)
    scaled = baseline * words / sum(len(t.split()) for t in sample)
    print(f"load average (1 min) before: {load:.1f} on {os.cpu_count()} cores")
    print(f"demo first article listed: {first:.1f} s")
    print(f"demo complete: {complete:.1f} s ({articles} articles, {words:,} words)")
    print(
        f"baseline, plain spaCy over the same texts with {args.jobs} processes: {scaled:.0f} s"
        + (f" (scaled from {len(sample)} addresses, {baseline:.0f} s)" if len(sample) < len(texts) else "")
    )
    print(f"ratio: {complete / scaled:.2f}")


if __name__ == "__main__":
    main()
