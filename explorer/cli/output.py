"""How reading commands print rows, the same way everywhere: a table with headers by default,
or ``--json`` (an array), ``--csv`` (a header and a row each) or ``--nl`` (one JSON object a line),
as sqlite-utils and datasette do.

Every form carries the same rows with the same keys. A table shows text with its control
characters escaped (``visible``); JSON escapes what a terminal would obey and still reads back to
the exact strings; CSV carries the exact strings too, escaped only when printed on a terminal.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import click

from explorer.core.safety.visible import visible

FORMS = ("json", "csv", "nl")
FORM_HELP = {
    "json": "Print a JSON array of objects.",
    "csv": "Print CSV with a header row.",
    "nl": "Print newline-delimited JSON: one object per line.",
}

# What JSON leaves raw but a terminal obeys or cannot print: DEL, C1 controls, bidi controls,
# line separators and lone surrogates (a file name that is not UTF-8). Escaped as \uXXXX, the
# JSON still reads back to exactly the same strings.
_JSON_HIDDEN_RE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Column:
    """A table column: the row key it shows (also its header), and how. ``count`` numbers get
    thousands separators; ``id`` numbers do not (they are copied into other commands). ``of``
    makes a column the table alone has from the row's other keys (an article's marks from its
    star and tags), so the rows stay the same in every form."""

    key: str
    kind: Literal["text", "count", "id"] = "text"
    show: Callable[[Any], str] | None = None
    of: Callable[[Row], Any] | None = None

    def value(self, row: Row) -> Any:
        return row.get(self.key) if self.of is None else self.of(row)

    def cell(self, value: Any) -> str:
        if self.show is not None:
            return visible(self.show(value))
        if value is None:
            return ""
        if self.kind == "count":
            return f"{value:,}"
        return visible(str(value))


def output_options(func):
    """Add ``--json``, ``--csv`` and ``--nl`` to a command; it receives ``form``: one of them or "table"."""

    @functools.wraps(func)
    def command(*args, **kwargs):
        chosen = [form for form in FORMS if kwargs.pop(f"as_{form}")]
        if len(chosen) > 1:
            raise click.UsageError(f"Choose one output form: --{chosen[0]} or --{chosen[1]}, not both.")
        return func(*args, form=chosen[0] if chosen else "table", **kwargs)

    for form in reversed(FORMS):
        command = click.option(f"--{form}", f"as_{form}", is_flag=True, help=FORM_HELP[form])(command)
    return command


def json_text(value: Any, *, indent: int | None = 2) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent, default=str)
    return _JSON_HIDDEN_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def echo_json(value: Any) -> None:
    click.echo(json_text(value))


def csv_cell(value: Any) -> str:
    """A value as CSV text: nothing for null, JSON's words for booleans and JSON for lists."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def csv_text(rows: Iterable[Row], keys: Sequence[str], *, header: bool = True) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: CRLF, and a field holding either CR or LF quoted
    if header:
        writer.writerow(keys)
    writer.writerows([csv_cell(row.get(key)) for key in keys] for row in rows)
    return buffer.getvalue()


def echo_csv(text: str) -> None:
    """CSV as is, for a pipe or a file (``color`` keeps click from dropping what looks like a
    colour code); on a terminal with its control characters shown."""
    if sys.stdout.isatty():
        click.echo(visible(text.replace("\r\n", "\n"), lines=True), nl=False)
    else:
        click.echo(text, nl=False, color=True)


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide East Asian characters take two, marks none."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text
    )


def table_lines(rows: Sequence[Row], columns: Sequence[Column]) -> list[str]:
    """A header, a rule and a line per row; numbers right-aligned, the last column not padded."""
    cells = [
        [column.key for column in columns],
        *([column.cell(column.value(row)) for column in columns] for row in rows),
    ]
    widths = [max(width(line[i]) for line in cells) for i in range(len(columns))]
    rule = ["-" * w for w in widths]

    def line(values: Sequence[str]) -> str:
        parts = []
        for value, column, w in zip(values, columns, widths, strict=True):
            pad = " " * (w - width(value))
            parts.append(pad + value if column.kind != "text" else value + pad)
        return "  ".join(parts).rstrip()

    return [line(cells[0]), line(rule), *(line(values) for values in cells[1:])]


def emit(
    rows: Sequence[Row],
    keys: Sequence[str],
    columns: Sequence[Column],
    form: str,
    *,
    empty: str | None = None,
    json_value: Any = None,
) -> None:
    """Print ``rows`` (objects with ``keys``) in ``form``. The table shows ``columns``, or
    ``empty`` when there is no row; JSON prints ``json_value`` when a command's JSON is an object."""
    if form == "json":
        echo_json(list(rows) if json_value is None else json_value)
    elif form == "nl":
        for row in rows:
            click.echo(json_text(dict(row), indent=None))
    elif form == "csv":
        echo_csv(csv_text(rows, keys))
    elif not rows and empty is not None:
        click.echo(empty)
    else:
        for line in table_lines(rows, columns):
            click.echo(line)


def emit_record(record: Row, form: str) -> None:
    """Print one record in a machine form: JSON an object, CSV a header and a row, NL a line.
    The table of a record is the command's own (a few labelled lines)."""
    emit([record], list(record), (), form, json_value=record)
