"""``extract``: the entities of files, without storing them."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from explorer.cli.options import model_option, parse_date
from explorer.cli.output import Column, csv_text, echo_csv, echo_json, json_text, output_options, table_lines
from explorer.core.safety.visible import visible

CSV_KEYS = ("file", "date", "start", "end", "type", "label", "name", "text", "time_start", "time_end", "error")
TABLE_COLUMNS = (
    Column("start", "id"),
    Column("end", "id"),
    Column("type"),
    Column("name"),
    Column("text"),
    Column("time_start"),
    Column("time_end"),
)


def _label_of(mention, spans) -> str | None:
    """The model's label of the span a (possibly trimmed or linked) mention came from."""
    for span in spans:
        if span.start <= mention.start and mention.end <= span.end:
            return span.label
    return None


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@output_options
@model_option
@click.option(
    "--date",
    "default_date",
    callback=parse_date,
    metavar="YYYY-MM-DD",
    help="Article date used to resolve relative dates when a file has none.",
)
def extract(files, form, model, default_date) -> None:
    """The entities of each FILE, without storing them (offsets into each file's decoded text;
    for a PDF, web page, Word file, e-mail, EPUB or archive, into the text of each article it holds).

    The model is loaded once for all files. Dates carry the period they refer to (time_start,
    time_end: ISO days, or null). --json prints an array and --nl a line per FILE (file,
    encoding, date, entities); --csv a row per entity, with its file. A file that cannot be read
    gets an "error" and the exit status is 1, after every other file is printed.
    """
    from explorer.core.extraction.extract import Extractor

    results = _extracted(files, Extractor(model), default_date)
    failed = False
    if form == "json":
        results = list(results)
        failed = any("error" in result for result in results)
        echo_json(results)
    elif form == "csv":
        echo_csv(csv_text([], CSV_KEYS))
    for result in results if form != "json" else ():
        failed = failed or "error" in result
        if form == "nl":
            click.echo(json_text(result, indent=None))
        elif form == "csv":
            echo_csv(csv_text(_csv_rows(result), CSV_KEYS, header=False))
        else:
            _echo_extracted(result, len(files) > 1)
    if failed:
        sys.exit(1)


def _csv_rows(result: dict) -> list[dict]:
    """A file's entities as CSV rows (one row with the error for a file that could not be read)."""
    if "error" in result:
        return [result]
    return [{"file": result["file"], "date": result["date"], **entity} for entity in result["entities"]]


def _extracted(files, extractor, default_date):
    """One object per file, in order: its entities, or the reason it could not be read. Files
    are read as the model asks for them, so only a batch of texts is held at once."""
    from collections import deque

    from explorer.core.extraction.entities import canonicalize
    from explorer.core.model import ReadError
    from explorer.core.reading.formats.document import ReadOptions
    from explorer.core.reading.formats.registry import read_documents, sniff_file
    from explorer.core.reading.ingest import decode_file, latest_publication
    from explorer.core.reading.metadata import detect_date

    pending: deque[dict] = deque()  # every file's object, in order, until it is printed

    def texts():
        for file in files:
            try:
                if sniff_file(file) != "text":
                    yield from documents(file)
                    continue
                text, encoding = decode_file(file)
            except ReadError as exc:
                pending.append({"file": str(file), "error": str(exc)})
                continue
            result = {"file": str(file), "encoding": encoding}
            pending.append(result)
            modified = datetime.fromtimestamp(file.stat().st_mtime).astimezone().isoformat()
            published = detect_date(text, file.name, default_date, latest_publication(modified))[0]
            yield text, (result, text, published)

    def documents(file):
        """The articles of a PDF, web page, e-mail, archive…: offsets into each one's stored text."""
        for outcome in read_documents(file, ReadOptions(default_date=default_date)):
            if outcome.draft is None:
                pending.append({"file": outcome.label, "error": outcome.reason or "not read"})
                continue
            result = {"file": outcome.label, "format": outcome.draft.format, "encoding": None}
            pending.append(result)
            yield outcome.draft.body, (result, outcome.draft.body, outcome.draft.published)

    for spans, (result, text, published) in extractor.pipe(texts()):
        while pending[0] is not result:
            yield pending.popleft()
        pending.popleft()
        result["date"] = published.isoformat() if published else None
        result["entities"] = [_mention_row(m, spans, text) for m in canonicalize(spans, text, published)]
        yield result
    yield from pending


def _mention_row(mention, spans, text) -> dict:
    row = {
        "name": mention.name,
        "type": mention.type,
        "label": _label_of(mention, spans),
        "start": mention.start,
        "end": mention.end,
        "text": text[mention.start : mention.end],
    }
    if mention.type == "date":
        row["time_start"], row["time_end"] = mention.time_start, mention.time_end
    return row


def _echo_extracted(result: dict, with_heading: bool) -> None:
    if "error" in result:
        click.echo(f"{visible(result['file'])}: {visible(result['error'])}", err=True)
        return
    if with_heading:
        click.echo(f"== {visible(result['file'])}")
    if not result["entities"]:
        click.echo("No entities.")
        return
    for line in table_lines(result["entities"], TABLE_COLUMNS):
        click.echo(line)
