"""``knowledge-explorer rebuild-summaries``: recount every summary table from the mentions."""

from __future__ import annotations

import time
from pathlib import Path

import click

from explorer.cli_options import db_option, open_db


@click.command("rebuild-summaries")
@db_option
@click.pass_context
def rebuild_summaries_command(ctx, db_path: Path | None) -> None:
    """Recount the entity, per-day and corpus summaries from the stored mentions.

    Imports, curation and deletion keep them up to date as they write; this repairs a database
    changed by other programs. It takes about a minute per million articles.
    """
    from explorer.core.store import StoreError
    from explorer.core.store.summaries import rebuild_summaries

    db = open_db(db_path or ctx.obj.get("db_path"), readonly=False, existing=True)
    started = time.monotonic()
    try:
        rebuild_summaries(db.conn, progress=lambda what: click.echo(f"Recounting {what}…", err=True))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Summaries rebuilt in {time.monotonic() - started:.1f} s.")
