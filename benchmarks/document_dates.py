"""The publication-date rule over Reuters-21578 as text: how many dates the text gives, how many are wrong.

    python benchmarks/document_dates.py [--cache DIR]

Each converted file (``YYYY-MM-DD_<NEWID>.txt``, the date from the item's ``<DATE>`` header) is
read without its name, so the date can only come from the text; the name's date is the truth.
The converter leaves the wire's ``<DATELINE>`` out of the body, so the same items are measured
again with it put back at the top ("SALVADOR, Feb 26 - Showers continued …"). Each is run as
imported without ``--date`` (the wire's datelines carry no year) and with a default date in
mid-1987 that completes the year, as ``--date`` does.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import CORPORA, reuters_available, reuters_folder  # noqa: E402
from explorer.core.reading.ingest import normalise_text  # noqa: E402
from explorer.core.reading.metadata import date_from_file_name, detect_date  # noqa: E402

ITEM_RE = re.compile(r"<REUTERS\b[^>]*>(.*?)</REUTERS>", re.S)
FIELD_RE = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("DATE", "TITLE", "DATELINE", "BODY")}
MONTHS = {
    m: i for i, m in enumerate(("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)
}


def converted(folder: Path) -> Iterator[tuple[date, str]]:
    """(the header's date, the text) of each converted file."""
    for path in sorted(folder.glob("*.txt")):
        yield date_from_file_name(path.name), path.read_text(encoding="utf-8")


def with_datelines(sgm_dir: Path) -> Iterator[tuple[date, str]]:
    """(the header's date, title + dateline + body) of each item that has all three."""
    for sgm in sorted(sgm_dir.glob("reut2-*.sgm")):
        for item in ITEM_RE.findall(sgm.read_text(encoding="latin-1")):
            found = {name: pattern.search(item) for name, pattern in FIELD_RE.items()}
            if not all(found.values()):
                continue
            day, month, year = found["DATE"].group(1).split()[0].split("-")
            fields = {name: html.unescape(match.group(1)).strip() for name, match in found.items()}
            yield (
                date(int(year), MONTHS[month.upper()], int(day)),
                (f"{fields['TITLE']}\n{fields['DATELINE']} {fields['BODY']}\n"),
            )


def measure(items: Iterator[tuple[date, str]], default_date: date | None) -> tuple[int, int, int]:
    """(articles, dates from the text, dates that differ from the header's)."""
    articles = found = wrong = 0
    for truth, text in items:
        published, origin = detect_date(normalise_text(text), None, default_date)
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
    runs = (
        ("converted files", lambda: converted(folder)),
        ("with their datelines", lambda: with_datelines(CORPORA / "reuters21578")),
    )
    for label, items in runs:
        for default_date in (None, date(1987, 6, 15)):
            articles, found, wrong = measure(items(), default_date)
            given = f"--date {default_date}" if default_date else "no --date"
            print(
                f"{label}, {given}: {articles:,} articles, {found:,} dated from the text,"
                f" {wrong:,} of them differ from the header"
            )


if __name__ == "__main__":
    main()
