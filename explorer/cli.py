"""The ``knowledge-explorer`` command: the window by default, and the core from a terminal."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from explorer import __version__
from explorer.cli_delete import delete
from explorer.cli_guard import GuardedGroup
from explorer.cli_notes import article, marks_text
from explorer.cli_options import (
    db_option,
    echo_json,
    entities_named,
    file_path,
    model_option,
    open_db,
    parse_date,
    resolve_db,
)
from explorer.cli_summaries import rebuild_summaries_command
from explorer.core import settings
from explorer.core.model import ENTITY_TYPES
from explorer.core.reading.file_filter import DEFAULT_EXCLUDE, FileFilter
from explorer.core.safety.visible import visible


class _Commands(GuardedGroup):
    """Every error message leaves the program with its control characters shown, not obeyed
    (a file or entity name in it may hold an escape sequence)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            exc.message = visible(exc.message)
            raise


@click.group(cls=_Commands, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.option("--demo", is_flag=True, help="Open the demo database of State of the Union addresses (built on first use).")
@click.version_option(__version__, prog_name="knowledge-explorer")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, demo: bool) -> None:
    """Knowledge Explorer: read, search and explore the people, organisations, places and dates
    in a collection of news articles.

    With no command, opens the window on the database. An unexpected error is said in one line;
    its details go to errors.log in the user log folder (or $KNOWLEDGE_EXPLORER_LOG_DIR).
    """
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = db_path
    if ctx.invoked_subcommand is None:
        from explorer.ui.app import run

        sys.exit(run(db_path, demo=demo))


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("-r", "--recursive", is_flag=True, help="Import the files in sub-folders too.")
@click.option("--date", "default_date", callback=parse_date, metavar="YYYY-MM-DD",
              help="Date for files whose header, name and dateline carry none (otherwise they stay undated).")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Extraction processes.")
@model_option
@click.option("--max-size", "max_mb", default=settings.DEFAULT_MAX_BYTES // (1024 * 1024), show_default=True,
              type=click.IntRange(1), help="Refuse files larger than this many MB.")
@click.option("--include", "include", multiple=True, metavar="GLOB",
              help="Take only files in folders whose name or relative path matches (repeatable; any case).")
@click.option("--exclude", "exclude", multiple=True, metavar="GLOB",
              help=f"Skip files and folders whose name or relative path matches (repeatable; any case). "
                   f"Default: {' '.join(DEFAULT_EXCLUDE)}; giving any replaces it, --exclude '' keeps none.")
@click.pass_context
def import_command(ctx, paths, db_path, recursive, default_date, jobs, model, max_mb, include, exclude) -> None:
    """Import text files or folders of them. Exits non-zero when any file failed or a folder
    could not be read; the summary lists each with its reason, and the first 20 duplicates with the
    stored article each repeats. --include/--exclude choose files found in folders; files named
    on the command line are always read."""
    from explorer.core.ops.pipeline import ImportOptions, import_paths

    db_path = resolve_db(db_path or ctx.obj.get("db_path"))
    file_filter = FileFilter(include=tuple(p for p in include if p),
                             exclude=tuple(p for p in exclude if p) if exclude else DEFAULT_EXCLUDE)
    options = ImportOptions(
        recursive=recursive, default_date=default_date, jobs=jobs, model=model, max_bytes=max_mb * 1024 * 1024,
        file_filter=file_filter,
    )
    if _run_import(import_paths(db_path, paths, options), db_path):
        ctx.exit(1)


def _run_import(events, db_path: Path) -> int:
    """Show an import's progress bar and summary; returns how many files failed."""
    from explorer.core.store import StoreError

    try:
        last = next(events)
        with click.progressbar(length=last.total, label="Importing", show_pos=True, show_eta=True,
                               item_show_func=lambda p: visible(Path(p).name) if p else "") as bar:
            for last in events:
                bar.update(last.done - bar.pos, last.current)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"Cannot import: {exc}") from exc
    click.echo(
        f"Imported {last.imported}, duplicates {last.duplicates}, failed {len(last.failed)} "
        f"(of {last.total}) into {visible(str(db_path))}"
    )
    for duplicate in last.duplicate_of[:DUPLICATES_SHOWN]:
        click.echo(f"  duplicate: {visible(duplicate.file)}: {duplicate_text(duplicate)}")
    if last.duplicates > DUPLICATES_SHOWN:
        click.echo(f"  … and {last.duplicates - DUPLICATES_SHOWN:,} more duplicates")
    for path, reason in last.failed:
        click.echo(f"  failed: {visible(path)}: {reason}", err=True)
    return len(last.failed)


DUPLICATES_SHOWN = 20  # a reimport of a whole folder would otherwise print a line per file


def duplicate_text(duplicate) -> str:
    """What a duplicate repeats: "same text as article 12 (Title) from /path"."""
    if duplicate.article_id is None:
        return "same text as an article deleted since"
    where = f" from {visible(duplicate.path)}" if duplicate.path else ""
    return f"same text as article {duplicate.article_id} ({visible(duplicate.title)}){where}"


@main.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False), callback=file_path, default=None,
              help=f"Where to build it (default: {settings.demo_db_path()}).")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Extraction processes.")
def demo(db_path, jobs) -> None:
    """Build the demo database of State of the Union addresses (1790-2026); reruns add what is missing."""
    from explorer.core.ops.demo import build_demo
    from explorer.core.ops.pipeline import ImportOptions
    from explorer.core.store import open_store
    from explorer.core.store.queries import count_documents

    db_path = resolve_db(db_path or settings.demo_db_path())
    if not _run_import(build_demo(db_path, ImportOptions(jobs=jobs)), db_path):
        db = open_store(db_path)
        click.echo(f"Demo ready: {count_documents(db):,} articles")
        db.close()


@main.command()
@db_option
@click.option("--type", "type_", type=click.Choice(ENTITY_TYPES),
              help="Only entities of this type.")
@click.option("--top", default=30, show_default=True, type=click.IntRange(1), help="How many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def entities(ctx, db_path, type_, top, as_json) -> None:
    """The most mentioned entities."""
    from explorer.core.store import queries
    from explorer.core.store.relations import group_countries

    db = open_db(db_path or ctx.obj.get("db_path"))
    rows = queries.entity_page(db, types=(type_,) if type_ else None, limit=top)
    countries = group_countries(db, [r.id for r in rows])
    if as_json:
        echo_json([
            {"id": r.id, "name": r.name, "type": r.type, "articles": r.articles, "mentions": r.mentions,
             "group_of": countries.get(r.id)}
            for r in rows
        ])
        return
    for r in rows:
        group_of = f"  (group of {visible(countries[r.id])})" if r.id in countries else ""
        click.echo(f"{r.mentions:>7}  {r.articles:>6}  {r.type:<12}  {visible(r.name)}{group_of}")


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def search(ctx, query, db_path, limit, as_json) -> None:
    """Full-text search: words, "phrases", prefix*, AND / OR / NOT (with each hit's star and tags)."""
    from explorer.core.store import queries
    from explorer.core.store.notes import notes_of

    db = open_db(db_path or ctx.obj.get("db_path"))
    try:
        hits = queries.search(db, query, limit=limit)
    except queries.SearchSyntaxError as exc:
        raise click.ClickException(f"Search syntax: {exc}") from exc
    marks = notes_of(db, [h.id for h in hits])
    if as_json:
        echo_json([
            {"id": h.id, "title": h.title, "published": h.published, "snippet": h.snippet,
             "starred": h.id in marks and marks[h.id].starred, "tags": list(marks[h.id].tags) if h.id in marks else []}
            for h in hits
        ])
        return
    for h in hits:
        extra = marks_text(marks.get(h.id))
        click.echo(f"{h.id:>7}  {h.published or 'undated':<10}  {visible(h.title)}{'  ' + extra if extra else ''}")
        click.echo(f"         {visible(h.snippet)}")


@main.command()
@click.argument("entity")
@db_option
@click.option("--by", "bin_", type=click.Choice(["day", "week", "month", "year"]), default=None,
              help="Bin size (default: chosen by the date range).")
@click.option("--articles", "measure", flag_value="articles", help="Count articles instead of mentions.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def timeline(ctx, entity, db_path, bin_, measure, as_json) -> None:
    """Mentions of ENTITY (a name or alias) over time, over the days it is mentioned on; mentions
    in undated articles are counted on a last line."""
    from explorer.core.store import queries
    from explorer.core.store import timeline as timeline_queries

    db = open_db(db_path or ctx.obj.get("db_path"))
    found = queries.find_entity(db, entity)
    if found is None:
        raise click.ClickException(f"No entity named {entity!r}. Try: knowledge-explorer entities")
    data = timeline_queries.series(db, [found.id], bin=bin_ or "auto", measure=measure or "mentions")
    bin_ = data.bin
    counts = data.counts[found.id]
    points = [(start.isoformat(), int(n)) for start, n in zip(data.starts, counts) if n]
    undated = data.undated.get(found.id, 0)
    if as_json:
        echo_json({"entity": found.name, "type": found.type, "bin": bin_, "measure": measure or "mentions",
                    "series": [{"bin": b, "count": n} for b, n in points], "undated": undated})
        return
    if not points:
        click.echo(f"{visible(found.name)} ({found.type}): no dated mentions")
    else:
        click.echo(f"{visible(found.name)} ({found.type}), {measure or 'mentions'} per {bin_}:")
    for b, n in points:
        click.echo(f"{b}  {n:>6}")
    if undated:
        click.echo(f"undated  {undated:>6}")


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def stats(ctx, db_path, as_json) -> None:
    """Counts of articles, entities and mentions, and the date range."""
    from explorer.core.store import queries

    db = open_db(db_path or ctx.obj.get("db_path"))
    figures = queries.stats(db)
    if as_json:
        echo_json(figures)
        return
    for key, value in figures.items():
        click.echo(f"{key}: {value}")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False), callback=file_path)
@db_option
@click.pass_context
def backup(ctx, file, db_path) -> None:
    """Copy the database to FILE, safely even while an import is writing to it (FILE is replaced
    only by a complete copy, and never when it is the database itself or one of its files)."""
    from explorer.core.ops.backup import backup_database
    from explorer.core.store import StoreError

    source = resolve_db(db_path or ctx.obj.get("db_path"))
    try:
        backup_database(source, file)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backed up {visible(str(source))} to {visible(str(file))}")


@main.group()
def gazetteer() -> None:
    """Names that always have one type, applied before NER on every later import."""


@gazetteer.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.pass_context
def gazetteer_import(ctx, file, db_path) -> None:
    """Store the name,type rows of the CSV FILE in the database (a name given again is replaced).

    Like import, it makes a library of a new or empty database file."""
    from explorer.core.extraction.user_gazetteer import GazetteerError
    from explorer.core.store import StoreError
    from explorer.core.store.saved_gazetteer import import_gazetteer

    path = resolve_db(db_path or ctx.obj.get("db_path"))
    try:
        count = import_gazetteer(path, file)
    except GazetteerError as exc:
        raise click.ClickException(f"{file}: {exc}") from exc
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Stored {count} gazetteer names in {visible(str(path))}; later imports use them.")


@main.command()
@db_option
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64), help="Extraction processes.")
@model_option
@click.pass_context
def reextract(ctx, db_path, jobs, model) -> None:
    """Extract the entities of every stored article again, with the current model, gazetteer and rules.

    Dates that came from a dateline are read again by today's rule; dates you set are kept.
    """
    from explorer.core.ops.reextract import ReextractOptions, reextract_all
    from explorer.core.store import StoreError

    path = resolve_db(db_path or ctx.obj.get("db_path"))
    open_db(path).close()  # a missing or empty one is said before the model loads; damage by reextract_all
    events = reextract_all(path, ReextractOptions(jobs=jobs, model=model))
    try:
        last = next(events)
        with click.progressbar(length=last.total, label="Re-extracting", show_pos=True, show_eta=True) as bar:
            for last in events:
                bar.update(last.done - bar.pos)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Re-extracted {last.imported} articles in {visible(str(path))}")


@main.group()
def entity() -> None:
    """Curate entities: each change is stored as a rule that later imports follow too."""


def _curate(ctx, db_path, action, *names: str) -> None:
    """Run a curation ``action(db, *entity_ids)`` on entities given by name or alias."""
    from explorer.core.ops.curation import CurationError
    from explorer.core.store import StoreError

    db = open_db(db_path or ctx.obj.get("db_path"), readonly=False, existing=True)
    ids = [row.id for row in entities_named(db, names)]
    try:
        change = action(db, *ids)
    except (CurationError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(visible(change.description))


@entity.command("merge")
@click.argument("names", nargs=-1, required=True)
@click.option("--name", "new_name", default=None, help="The merged entity's name (default: the first's).")
@db_option
@click.pass_context
def entity_merge(ctx, names, new_name, db_path) -> None:
    """Merge the entities NAMES into the first of them."""
    from explorer.core.ops import curation

    _curate(ctx, db_path, lambda db, *ids: curation.merge(db, ids, ids[0], new_name), *names)


@entity.command("rename")
@click.argument("name")
@click.argument("new_name")
@db_option
@click.pass_context
def entity_rename(ctx, name, new_name, db_path) -> None:
    """Give the entity NAME the name NEW_NAME (NAME stays an alias)."""
    from explorer.core.ops import curation

    _curate(ctx, db_path, lambda db, i: curation.rename(db, i, new_name), name)


@entity.command("retype")
@click.argument("name")
@click.argument("type_", metavar="TYPE", type=click.Choice(ENTITY_TYPES))
@db_option
@click.pass_context
def entity_retype(ctx, name, type_, db_path) -> None:
    """Fix the type of the entity NAME, whatever later imports recognise it as."""
    from explorer.core.ops import curation

    _curate(ctx, db_path, lambda db, i: curation.retype(db, i, type_), name)


@entity.command("hide")
@click.argument("name")
@db_option
@click.pass_context
def entity_hide(ctx, name, db_path) -> None:
    """Hide the entity NAME from lists and counts (a stop list)."""
    from explorer.core.ops import curation

    _curate(ctx, db_path, curation.hide, name)


@entity.command("split")
@click.argument("name")
@click.argument("form")
@db_option
@click.pass_context
def entity_split(ctx, name, form, db_path) -> None:
    """Make the mentions of NAME written as FORM an entity of their own."""
    from explorer.core.ops import curation

    _curate(ctx, db_path, lambda db, i: curation.split(db, i, form), name)


@entity.command("add")
@click.argument("name")
@click.option("--type", "type_", required=True, type=click.Choice(ENTITY_TYPES), help="The entity's type.")
@db_option
@click.pass_context
def entity_add(ctx, name, type_, db_path) -> None:
    """Make every occurrence of NAME in every article (whole words, as written) a mention."""
    from explorer.core.ops import curation

    _curate(ctx, db_path, lambda db: curation.add_entity(db, name, type_))


EXPORT_FORMATS = {
    "entities": ("csv", "json"), "mentions": ("csv",), "network": ("gexf", "graphml"),
    "timeline": ("csv",), "documents": ("csv",),
}


@main.command("export")
@click.argument("what", type=click.Choice(list(EXPORT_FORMATS)))
@click.option("--format", "fmt", default=None, help="csv or json (entities); gexf or graphml (network).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), callback=file_path, required=True,
              help="File to write.")
@db_option
@click.option("--entity", "names", multiple=True,
              help="Entity name or alias (mentions, timeline: without one, articles per bin); repeatable.")
@click.option("--search", default=None, help="Full-text search the articles must match (network, documents, mentions).")
@click.option("--from", "date_from", callback=parse_date, metavar="YYYY-MM-DD",
              help="Articles from this day (all but entities).")
@click.option("--to", "date_to", callback=parse_date, metavar="YYYY-MM-DD",
              help="Articles up to this day (all but entities).")
@click.option("--tag", default=None, help="Only articles with this tag (network, documents, mentions).")
@click.option("--starred", is_flag=True, help="Only starred articles (network, documents, mentions).")
@click.option("--top", default=100, show_default=True, type=click.IntRange(1), help="Network nodes.")
@click.option("--dates", is_flag=True, help="Date entities in the network too (left out by default).")
@click.pass_context
def export(ctx, what, fmt, output, db_path, names, search, date_from, date_to, tag, starred, top, dates) -> None:
    """Write ENTITIES, MENTIONS (with their sentences), the NETWORK (for Gephi), a TIMELINE series
    or the DOCUMENTS list to a file.

    The file is replaced only when complete, and never when it is the database (or one of its
    files) or read-only. CSV text starting with =, +, -, @, tab or CR gets a leading ' so that
    spreadsheets show it rather than run it."""
    from explorer.core.analysis.network import build_network, network_types
    from explorer.core.ops import export as exporting
    from explorer.core.safety.safe_write import WriteError, check_not_database, check_target, database_file
    from explorer.core.store import queries
    from explorer.core.store import timeline as timeline_queries

    fmt = (fmt or EXPORT_FORMATS[what][0]).lower()
    if fmt not in EXPORT_FORMATS[what]:
        raise click.BadParameter(f"{what} exports as {' or '.join(EXPORT_FORMATS[what])}", param_hint="--format")
    path = resolve_db(db_path or ctx.obj.get("db_path"))
    try:
        check_not_database(output, path)  # before opening it: even reading the database touches its -shm
    except WriteError as exc:
        raise click.ClickException(f"Cannot write {output}: {exc}.") from exc
    db = open_db(path)
    found = entities_named(db, names)
    flt = queries.DocumentFilter(search=search, entity_ids=tuple(r.id for r in found) if what != "mentions" else (),
                                 date_from=date_from, date_to=date_to, tag=tag, starred=starred)
    database = database_file(db)
    try:
        queries.check_search(db, search)  # everything is checked before the target is touched
        check_target(output, database)
        if what == "entities":
            count = exporting.write_entities(db, output, fmt)
        elif what == "mentions":
            count = _export_mentions(db, output, [r.id for r in found] or None, flt)
        elif what == "network":
            network = build_network(db, flt, types=network_types(None, dates=dates), top=top)
            count = exporting.write_network(network, output, fmt, database)
        elif what == "timeline" and not found:  # the chart with no entity chosen: articles per bin
            data = timeline_queries.series_for_all(db, date_from=date_from, date_to=date_to)
            count = exporting.write_timeline(data, {timeline_queries.CORPUS: "articles"}, output, database)
        elif what == "timeline":
            data = timeline_queries.series(db, [r.id for r in found], date_from=date_from, date_to=date_to)
            count = exporting.write_timeline(data, {r.id: r.name for r in found}, output, database)
        else:
            count = exporting.write_documents(db, output, flt)
    except queries.SearchSyntaxError as exc:
        raise click.ClickException(f"Search syntax: {exc}") from exc
    except WriteError as exc:
        raise click.ClickException(f"Cannot write {output}: {exc}.") from exc
    click.echo(f"Wrote {count:,} {'nodes' if what == 'network' else 'rows'} to {visible(str(output))}")


def _export_mentions(db, output: Path, entity_ids: list[int] | None, flt) -> int:
    """The mention export with a progress bar over the articles (on a terminal)."""
    from explorer.core.ops.export import export_mentions

    events = export_mentions(db, output, entity_ids, flt=flt)
    last = next(events)
    with click.progressbar(length=last.total, label="Exporting mentions", show_pos=True, show_eta=True) as bar:
        bar.update(last.done)
        for last in events:
            bar.update(last.done - bar.pos)
    return last.rows


def _label_of(mention, spans) -> str | None:
    """The model's label of the span a (possibly trimmed or linked) mention came from."""
    for span in spans:
        if span.start <= mention.start and mention.end <= span.end:
            return span.label
    return None


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON array, one object per FILE (the default is a table).")
@model_option
@click.option("--date", "default_date", callback=parse_date, metavar="YYYY-MM-DD",
              help="Article date used to resolve relative dates when a file has none.")
def extract(files, as_json, model, default_date) -> None:
    """The entities of each FILE, without storing them (offsets into each file's decoded text).

    The model is loaded once for all files. Dates carry the period they refer to (time_start,
    time_end: ISO days, or null). A file that cannot be read gets an "error" and the exit
    status is 1, after every other file is printed.
    """
    from explorer.core.extraction.extract import Extractor

    results = list(_extracted(files, Extractor(model), default_date))
    if as_json:
        echo_json(results)
    else:
        for result in results:
            _echo_extracted(result, len(results) > 1)
    if any("error" in result for result in results):
        sys.exit(1)


def _extracted(files, extractor, default_date):
    """One object per file, in order: its entities, or the reason it could not be read. Files
    are read as the model asks for them, so only a batch of texts is held at once."""
    from collections import deque

    from explorer.core.extraction.entities import canonicalize
    from explorer.core.model import ReadError
    from explorer.core.reading.ingest import decode_file, latest_publication
    from explorer.core.reading.metadata import detect_date

    pending: deque[dict] = deque()  # every file's object, in order, until it is printed

    def texts():
        for file in files:
            try:
                text, encoding = decode_file(file)
            except ReadError as exc:
                pending.append({"file": str(file), "error": str(exc)})
                continue
            result = {"file": str(file), "encoding": encoding}
            pending.append(result)
            modified = datetime.fromtimestamp(file.stat().st_mtime).astimezone().isoformat()
            yield text, (result, text, latest_publication(modified))

    for spans, (result, text, latest) in extractor.pipe(texts()):
        while pending[0] is not result:
            yield pending.popleft()
        pending.popleft()
        published = detect_date(text, Path(result["file"]).name, default_date, latest)[0]
        result["date"] = published.isoformat() if published else None
        result["entities"] = [_mention_row(m, spans, text) for m in canonicalize(spans, text, published)]
        yield result
    yield from pending


def _mention_row(mention, spans, text) -> dict:
    row = {"name": mention.name, "type": mention.type, "label": _label_of(mention, spans),
           "start": mention.start, "end": mention.end, "text": text[mention.start:mention.end]}
    if mention.type == "date":
        row["time_start"], row["time_end"] = mention.time_start, mention.time_end
    return row


def _echo_extracted(result: dict, with_heading: bool) -> None:
    if "error" in result:
        click.echo(f"{visible(result['file'])}: {visible(result['error'])}", err=True)
        return
    if with_heading:
        click.echo(f"== {visible(result['file'])}")
    for r in result["entities"]:
        period = f"  ({r['time_start']} .. {r['time_end']})" if r.get("time_start") else ""
        click.echo(f"{r['start']:>6}-{r['end']:<6}  {r['type']:<12}  {visible(r['name'])}  [{visible(r['text'])}]{period}")


main.add_command(article)
main.add_command(delete)
main.add_command(rebuild_summaries_command)

if __name__ == "__main__":
    main()
