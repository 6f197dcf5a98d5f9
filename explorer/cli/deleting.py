"""``knowledge-explorer delete``: remove articles by id or by what they match, after asking."""

from __future__ import annotations

from pathlib import Path

import click

from explorer.cli.options import ARTICLE_ID, db_option, entities_named, open_db, parse_date
from explorer.core.safety.visible import visible

PAGE = 5_000
SHOWN = 5


def _matching_ids(db, flt) -> list[int]:
    """Ids of every article ``flt`` selects, read page by page along the date index."""
    from explorer.core.store.queries import document_page

    ids: list[int] = []
    after = None
    while True:
        page = document_page(db, flt, after=after, limit=PAGE)
        ids.extend(row.id for row in page)
        if len(page) < PAGE:
            return ids
        after = page[-1].key("published")


def _articles(n: int) -> str:
    return f"{n:,} article{'s' if n != 1 else ''}"


@click.command("delete")
@click.argument("article_ids", metavar="[ID]…", nargs=-1, type=ARTICLE_ID)
@db_option
@click.option("--search", default=None, help="Delete the articles matching this full-text search.")
@click.option("--entity", "names", multiple=True, help="Only articles mentioning this entity; repeatable.")
@click.option("--from", "date_from", callback=parse_date, metavar="YYYY-MM-DD", help="Articles from this day.")
@click.option("--to", "date_to", callback=parse_date, metavar="YYYY-MM-DD", help="Articles up to this day.")
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
def delete(article_ids, db_path: Path | None, search, names, date_from, date_to, yes) -> None:
    """Delete articles with their mentions, search entries, notes and tags.

    Name them by id, or select them with --search, --entity, --from and --to (all must hold).
    Entity counts and the timeline follow at once; entities left without any mention go too.
    """
    from explorer.core.store import StoreError, queries
    from explorer.core.store.deletion import delete_articles

    if not article_ids and not (search or names or date_from or date_to):
        raise click.UsageError("Name the articles to delete: ids, or --search/--entity/--from/--to.")
    if article_ids and (search or names or date_from or date_to):
        raise click.UsageError("Give either ids or a selection (--search/--entity/--from/--to), not both.")
    db = open_db(db_path, readonly=False, existing=True)
    if article_ids:
        ids = list(dict.fromkeys(article_ids))
        missing = [i for i in ids if queries.article(db, i) is None]
        if missing:
            raise click.ClickException(f"No article with id {', '.join(map(str, missing))}.")
    else:
        flt = queries.DocumentFilter(
            search=search,
            entity_ids=tuple(r.id for r in entities_named(db, names)),
            date_from=date_from,
            date_to=date_to,
        )
        try:
            ids = _matching_ids(db, flt)
        except queries.SearchSyntaxError as exc:
            raise click.ClickException(f"Search syntax: {exc}") from exc
    if not ids:
        click.echo("No article matches; nothing deleted.")
        return
    for article_id in ids[:SHOWN]:
        view = queries.article(db, article_id)
        click.echo(f"{article_id:>7}  {view.published or 'undated':<10}  {visible(view.title)}")
    if len(ids) > SHOWN:
        click.echo(f"… and {len(ids) - SHOWN:,} more")
    if not yes and not click.confirm(f"Remove {_articles(len(ids))} from the database?"):
        click.echo("Nothing deleted.")
        return
    try:
        deleted = delete_articles(db, ids)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Deleted {_articles(deleted)}.")
