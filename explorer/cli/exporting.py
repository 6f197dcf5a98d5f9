"""``export``: entities, mentions, the network, a timeline or the documents list, to a file."""

from __future__ import annotations

from pathlib import Path

import click

from explorer.cli.options import db_option, entities_named, file_path, open_db, parse_date, resolve_db
from explorer.core.safety.visible import visible

EXPORT_FORMATS = {
    "entities": ("csv", "json"),
    "mentions": ("csv",),
    "network": ("gexf", "graphml"),
    "timeline": ("csv",),
    "documents": ("csv",),
}


@click.command("export")
@click.argument("what", type=click.Choice(list(EXPORT_FORMATS)))
@click.option("--format", "fmt", default=None, help="csv or json (entities); gexf or graphml (network).")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), callback=file_path, required=True, help="File to write."
)
@db_option
@click.option(
    "--entity",
    "names",
    multiple=True,
    help="Entity name or alias (mentions, timeline: without one, articles per bin); repeatable.",
)
@click.option("--search", default=None, help="Full-text search the articles must match (network, documents, mentions).")
@click.option(
    "--from", "date_from", callback=parse_date, metavar="YYYY-MM-DD", help="Articles from this day (all but entities)."
)
@click.option(
    "--to", "date_to", callback=parse_date, metavar="YYYY-MM-DD", help="Articles up to this day (all but entities)."
)
@click.option("--tag", default=None, help="Only articles with this tag (network, documents, mentions).")
@click.option("--starred", is_flag=True, help="Only starred articles (network, documents, mentions).")
@click.option("--top", default=100, show_default=True, type=click.IntRange(1), help="Network nodes.")
@click.option("--dates", is_flag=True, help="Date entities in the network too (left out by default).")
@click.option("--once", is_flag=True, help="Count each story once: near-duplicate copies of an article are left out.")
def export(what, fmt, output, db_path, names, search, date_from, date_to, tag, starred, top, dates, once) -> None:
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
    from explorer.core.store.story_once import corpus_once, series_once

    fmt = (fmt or EXPORT_FORMATS[what][0]).lower()
    if fmt not in EXPORT_FORMATS[what]:
        raise click.BadParameter(f"{what} exports as {' or '.join(EXPORT_FORMATS[what])}", param_hint="--format")
    path = resolve_db(db_path)
    try:
        check_not_database(output, path)  # before opening it: even reading the database touches its -shm
    except WriteError as exc:
        raise click.ClickException(f"Cannot write {output}: {exc}.") from exc
    db = open_db(path)
    found = entities_named(db, names)
    flt = queries.DocumentFilter(
        search=search,
        entity_ids=tuple(r.id for r in found) if what != "mentions" else (),
        date_from=date_from,
        date_to=date_to,
        tag=tag,
        starred=starred,
        once=once,
    )
    database = database_file(db)
    try:
        queries.check_search(db, search)  # everything is checked before the target is touched
        check_target(output, database)
        if what == "entities":
            count = exporting.write_entities(db, output, fmt, once=once)
        elif what == "mentions":
            count = _export_mentions(db, output, [r.id for r in found] or None, flt)
        elif what == "network":
            network = build_network(db, flt, types=network_types(None, dates=dates), top=top)
            count = exporting.write_network(network, output, fmt, database)
        elif what == "timeline" and not found:  # the chart with no entity chosen: articles per bin
            data = timeline_queries.series_for_all(db, date_from=date_from, date_to=date_to)
            data = corpus_once(db, data) if once else data
            count = exporting.write_timeline(data, {timeline_queries.CORPUS: "articles"}, output, database)
        elif what == "timeline":
            data = timeline_queries.series(db, [r.id for r in found], date_from=date_from, date_to=date_to)
            data = series_once(db, data) if once else data
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
