"""``timeline``: an entity's mentions (or articles) per bin, the bins labelled as people write
them: "1987", "1987-03", "1987-W12" (ISO week) or "1987-03-12"."""

from __future__ import annotations

from datetime import date

import click

from explorer.cli.options import db_option, entities_named, open_db
from explorer.cli.output import Column, emit, output_options
from explorer.core.safety.visible import visible

UNDATED = "undated"


def bin_label(start: date, bin_: str) -> str:
    """The bin starting on ``start``: its year, month, ISO week (weeks start on Monday) or day."""
    if bin_ == "year":
        return f"{start.year:04d}"
    if bin_ == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if bin_ == "week":
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return start.isoformat()


@click.command()
@click.argument("entity")
@db_option
@click.option(
    "--by",
    "bin_",
    type=click.Choice(["day", "week", "month", "year"]),
    default=None,
    help="Bin size (default: chosen by the date range).",
)
@click.option("--articles", "measure", flag_value="articles", help="Count articles instead of mentions.")
@click.option("--once", is_flag=True, help="Count each story once: near-duplicate copies of an article are left out.")
@output_options
def timeline(entity, db_path, bin_, measure, once, form) -> None:
    """Mentions of ENTITY (a name or alias) over time, in the bins it is mentioned in; mentions
    in undated articles are counted in a last row, "undated".

    The table's first line names the entity, the measure and the bin size; --json, --csv and
    --nl print the rows (bin, count), as every reading command does."""
    from explorer.core.store import timeline as timeline_queries
    from explorer.core.store.story_once import series_once

    db = open_db(db_path)
    [found] = entities_named(db, [entity])
    measure = measure or "mentions"
    data = timeline_queries.series(db, [found.id], bin=bin_ or "auto", measure=measure)
    if once:
        data = series_once(db, data)
    series = [
        {"bin": bin_label(start, data.bin), "count": int(n)}
        for start, n in zip(data.starts, data.counts[found.id], strict=True)
        if n
    ]
    undated = data.undated.get(found.id, 0)
    rows = series + ([{"bin": UNDATED, "count": undated}] if undated else [])
    if form == "table":
        title = f"{visible(found.name)} ({found.type})"
        click.echo(f"{title}, {measure} per {data.bin}:" if series else f"{title}: no dated {measure}")
        if not rows:
            return
    emit(rows, ("bin", "count"), (Column("bin"), Column("count", "count")), form)
