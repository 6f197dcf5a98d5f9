"""The publication-date rule over Reuters-21578 as text: how many dates the text gives, how many are wrong.

    python benchmarks/document_dates.py [--cache DIR]

Each converted file (``YYYY-MM-DD_<NEWID>.txt``, the date from the item's ``<DATE>`` header) is
read without its name, so the date can only come from the text; the name's date is the truth.
Run twice: as imported without ``--date`` (the wire's datelines carry no year: "BUENOS AIRES,
Feb 26 -"), and with a default date in mid-1987 that completes the year, as ``--date`` does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import reuters_available, reuters_folder  # noqa: E402
from explorer.core.ingest import normalise_text  # noqa: E402
from explorer.core.metadata import date_from_file_name, detect_date  # noqa: E402


def measure(folder: Path, default_date: date | None) -> tuple[int, int, int]:
    """(articles, dates from the text, dates that differ from the header's)."""
    articles = found = wrong = 0
    for path in sorted(folder.glob("*.txt")):
        truth = date_from_file_name(path.name)
        published, origin = detect_date(normalise_text(path.read_text(encoding="utf-8")), None, default_date)
        articles += 1
        if origin == "dateline":
            found += 1
            wrong += published != truth
    return articles, found, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "ke-reuters-cache")
    args = parser.parse_args()
    if not reuters_available():
        sys.exit("needs ../shared/corpora/reuters21578")
    folder = reuters_folder(args.cache)
    for default_date in (None, date(1987, 6, 15)):
        articles, found, wrong = measure(folder, default_date)
        given = f"--date {default_date}" if default_date else "no --date"
        print(f"{given}: {articles} articles, {found} dated from the text, {wrong} of them differ from the header")


if __name__ == "__main__":
    main()
