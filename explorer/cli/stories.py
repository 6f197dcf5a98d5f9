"""``stories``: near-duplicate articles grouped as stories; ``stories show``, ``stories rebuild``."""

from __future__ import annotations

import time

import click

from explorer.cli.options import ARTICLE_ID, db_option, open_db
from explorer.cli.output import Column, emit, output_options

VERSION_KEYS = ("story", "id", "title", "published", "source", "similarity")
VERSION_COLUMNS = (
    Column("story", "id"),
    Column("id", "id"),
    Column("similarity", show=lambda score: f"{score:.2f}"),
    Column("published", show=lambda day: day or "undated"),
    Column("source"),
    Column("title"),
)


def _rows(story) -> list[dict]:
    return [
        {
            "story": story.id,
            "id": v.id,
            "title": v.title,
            "published": v.published,
            "source": v.source,
            "similarity": round(v.similarity, 4),
        }
        for v in story.versions
    ]


def _json(story) -> dict:
    return {
        "story": story.id,
        "size": len(story.versions),
        "articles": [{key: row[key] for key in VERSION_KEYS if key != "story"} for row in _rows(story)],
    }


def _warn_if_stale(conn) -> None:
    """Say on stderr when the stories were grouped by an older method (stdout stays the data)."""
    from explorer.core.store.stories import STALE, stories_stale

    if stories_stale(conn):
        click.echo(STALE, err=True)


@click.group(invoke_without_command=True)
@db_option
@click.option("--min-size", default=2, show_default=True, type=click.IntRange(2), help="Only stories this large.")
@output_options
@click.pass_context
def stories(ctx, db_path, min_size, form) -> None:
    """Stories: articles that are copies of one another (wire copies, updates, syndicated
    versions), largest first, each article with its date, source and similarity to the story's
    first article. --json prints one object per story with its articles."""
    if ctx.invoked_subcommand is not None:
        return
    from explorer.core.store.story_reads import stories as read_stories

    conn = open_db(db_path).conn
    _warn_if_stale(conn)
    found = read_stories(conn, min_size)
    emit(
        [row for story in found for row in _rows(story)],
        VERSION_KEYS,
        VERSION_COLUMNS,
        form,
        empty=f"No story has {min_size} or more articles.",
        json_value=[_json(story) for story in found],
    )


@stories.command()
@click.argument("article_id", metavar="ID", type=ARTICLE_ID)
@db_option
@output_options
def show(article_id, db_path, form) -> None:
    """The articles of the story ID (a story's id, or the id of any of its articles)."""
    from explorer.core.store.story_reads import Story, story_of, versions_in

    conn = open_db(db_path).conn
    _warn_if_stale(conn)
    story_id = story_of(conn, article_id)
    if story_id is None:
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
            raise click.ClickException(f"No article with id {article_id}.")
        raise click.ClickException(f"Article {article_id} has no other version: it is a story of its own.")
    story = Story(story_id, versions_in(conn, story_id))
    emit(_rows(story), VERSION_KEYS, VERSION_COLUMNS, form, json_value=_json(story))


@stories.command()
@db_option
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=None,
    help="The likeness from which two candidate articles are versions of one story: the share of "
    "the shorter's words found in order in the longer; kept for later imports (default: the "
    "library's, 0.8 at first).",
)
def rebuild(db_path, threshold) -> None:
    """Group every article into stories again, from scratch."""
    from explorer.core.store import StoreError
    from explorer.core.store.stories import rebuild_stories, story_settings
    from explorer.core.store.story_reads import story_totals

    db = open_db(db_path, readonly=False, existing=True)
    started = time.monotonic()
    total = db.execute("SELECT articles FROM corpus_totals").fetchone()[0]
    try:
        with click.progressbar(length=total, label="Grouping", show_pos=True, show_eta=True) as bar:
            rebuild_stories(db.conn, threshold, lambda done, _: bar.update(done - bar.pos))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    grouped, copies = story_totals(db.conn)
    click.echo(
        f"{grouped:,} {'story' if grouped == 1 else 'stories'} of two or more articles ({copies:,} articles)"
        f" at threshold {story_settings(db.conn).threshold:g}, in {time.monotonic() - started:.1f} s."
    )
