"""An import's duplicates and failures as a table: one row per file, to read, copy or save.

The window shows these rows and copies them as tab-separated text (what a spreadsheet pastes
into columns); Save writes them as CSV through ``safe_write`` (never over the open database, the
old file replaced only when the new one is complete) with spreadsheet-safe cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from explorer.core.ops.pipeline import ImportProgress
from explorer.core.safety.safe_text import spreadsheet_cell
from explorer.core.safety.safe_write import atomic_output

HEADER = ("outcome", "file", "reason", "original id", "original title", "original path")
Row = tuple[str, str, str, int | None, str, str]


def report_rows(progress: ImportProgress) -> list[Row]:
    """Each failure with its reason, then each duplicate with the stored article it repeats."""
    rows: list[Row] = [("failed", file, reason, None, "", "") for file, reason in progress.failed]
    for duplicate in progress.duplicate_of:
        reason = (
            "same text as a stored article"
            if duplicate.article_id is not None
            else "same text as an article deleted since"
        )
        rows.append(("duplicate", duplicate.file, reason, duplicate.article_id, duplicate.title, duplicate.path or ""))
    return rows


def _write(out, rows: Sequence[Row], **dialect) -> None:
    writer = csv.writer(out, **dialect)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(["" if cell is None else spreadsheet_cell(cell) for cell in row])


def rows_as_text(rows: Sequence[Row]) -> str:
    """Tab-separated, with the header: what the clipboard receives."""
    out = io.StringIO()
    _write(out, rows, delimiter="\t", lineterminator="\n")
    return out.getvalue()


def save_rows_csv(path: str | Path, rows: Sequence[Row], db_path: str | Path | None = None) -> None:
    """Write the rows as CSV; raises ``WriteError`` (in words) when ``path`` may not be written."""
    with atomic_output(path, db_path, "w", newline="", encoding="utf-8", errors="surrogateescape") as out:
        _write(out, rows)
