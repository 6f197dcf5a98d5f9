"""``backup``, ``reextract`` and ``rebuild-summaries``: keeping a library safe and up to date."""

from __future__ import annotations

import time
from pathlib import Path

import click

from explorer.cli.options import db_option, file_path, jobs_option, model_option, open_db, resolve_db
from explorer.core.safety.visible import visible


@click.command()
@click.argument("file", type=click.Path(dir_okay=False), callback=file_path)
@db_option
def backup(file, db_path) -> None:
    """Copy the database to FILE, safely even while an import is writing to it (FILE is replaced
    only by a complete copy, and never when it is the database itself or one of its files)."""
    from explorer.core.ops.backup import backup_database
    from explorer.core.store import StoreError

    source = resolve_db(db_path)
    try:
        backup_database(source, file)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backed up {visible(str(source))} to {visible(str(file))}")


@click.command()
@db_option
@jobs_option
@model_option
def reextract(db_path, jobs, model) -> None:
    """Extract the entities of every stored article again, with the current model, gazetteer and rules.

    Dates that came from a dateline are read again by today's rule; dates you set are kept.
    """
    from explorer.core.ops.reextract import ReextractOptions, reextract_all
    from explorer.core.store import StoreError

    path = resolve_db(db_path)
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


@click.command("rebuild-summaries")
@db_option
def rebuild_summaries_command(db_path: Path | None) -> None:
    """Recount the entity, per-day and corpus summaries from the stored mentions.

    Imports, curation and deletion keep them up to date as they write; this repairs a database
    changed by other programs. It takes about a minute per million articles.
    """
    from explorer.core.store import StoreError
    from explorer.core.store.summaries import rebuild_summaries

    db = open_db(db_path, readonly=False, existing=True)
    started = time.monotonic()
    try:
        rebuild_summaries(db.conn, progress=lambda what: click.echo(f"Recounting {what}…", err=True))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Summaries rebuilt in {time.monotonic() - started:.1f} s.")
