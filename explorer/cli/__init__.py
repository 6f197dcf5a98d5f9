"""The ``knowledge-explorer`` command: the window by default, and the core from a terminal.

One module per topic registers its commands here; the console script and ``python -m explorer``
both call ``main``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from explorer import __version__
from explorer.cli.browsing import entities, search, stats
from explorer.cli.curating import entity
from explorer.cli.deleting import delete
from explorer.cli.exporting import export
from explorer.cli.extracting import extract
from explorer.cli.guard import GuardedGroup
from explorer.cli.importing import demo, gazetteer, import_command
from explorer.cli.maintenance import backup, rebuild_summaries_command, reextract
from explorer.cli.notes import article
from explorer.cli.options import db_option
from explorer.cli.serving import serve
from explorer.cli.stories import stories
from explorer.cli.timeline import timeline


@click.group(cls=GuardedGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.option(
    "--demo", is_flag=True, help="Open the demo database of State of the Union addresses (built on first use)."
)
@click.version_option(__version__, prog_name="knowledge-explorer")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, demo: bool) -> None:
    """Knowledge Explorer: read, search and explore the people, organisations, places and dates
    in a collection of news articles.

    With no command, opens the window on the database. Reading commands print a table, or
    --json, --csv or --nl. An unexpected error is said in one line; its details go to errors.log
    in the user log folder (or $KNOWLEDGE_EXPLORER_LOG_DIR).
    """
    if ctx.invoked_subcommand is None:
        from explorer.ui.app import run

        sys.exit(run(db_path, demo=demo))


for _command in (
    import_command,
    demo,
    entities,
    search,
    timeline,
    stats,
    backup,
    gazetteer,
    reextract,
    entity,
    export,
    extract,
    article,
    delete,
    rebuild_summaries_command,
    serve,
    stories,
):
    main.add_command(_command)
