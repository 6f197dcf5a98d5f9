"""``entities``, ``search`` and ``stats``: what a library holds, as a table or --json, --csv, --nl."""

from __future__ import annotations

import click

from explorer.cli.notes import ARTICLE_COLUMNS, article_rows
from explorer.cli.options import db_option, open_db
from explorer.cli.output import Column, emit, emit_record, output_options
from explorer.core.model import ENTITY_TYPES
from explorer.core.safety.visible import visible

ENTITY_KEYS = ("id", "name", "type", "articles", "mentions", "group_of")
ENTITY_COLUMNS = (
    Column("mentions", "count"),
    Column("articles", "count"),
    Column("type"),
    Column("name"),
    Column("group_of"),
)
HIDDEN_KEYS = ("id", "name", "type", "articles", "mentions", "reason")
HIDDEN_COLUMNS = (
    Column("mentions", "count"),
    Column("articles", "count"),
    Column("type"),
    Column("name"),
    Column("reason"),
)
HIT_KEYS = ("id", "title", "published", "snippet", "starred", "tags")
HIT_COLUMNS = (*ARTICLE_COLUMNS, Column("snippet"))


@click.command()
@db_option
@click.option("--type", "type_", type=click.Choice(ENTITY_TYPES), help="Only entities of this type.")
@click.option("--top", default=30, show_default=True, type=click.IntRange(1), help="How many.")
@click.option("--all", "every", is_flag=True, help="Every entity (no limit).")
@click.option("--once", is_flag=True, help="Count each story once: near-duplicate copies of an article are left out.")
@click.option(
    "--hidden", is_flag=True, help="The hidden entities instead, each with why (show one with: entity show NAME)."
)
@output_options
def entities(db_path, type_, top, every, once, hidden, form) -> None:
    """The most mentioned entities, with how many articles mention each and, for a nationality,
    the country it is a group of."""
    from explorer.core.store import queries
    from explorer.core.store.relations import group_countries
    from explorer.core.store.story_once import entities_once

    db = open_db(db_path)
    types = (type_,) if type_ else None
    if hidden and once:
        raise click.UsageError("Give --hidden or --once, not both: the hidden entities are listed with every copy.")
    if hidden:
        _hidden_entities(db, types, None if every else top, form)
        return
    if once:
        found = entities_once(db, types=types, limit=None if every else top)
    else:
        found = queries.entity_page(db, types=types, limit=-1 if every else top)
    countries = group_countries(db, [r.id for r in found])
    rows = [
        {
            "id": r.id,
            "name": r.name,
            "type": r.type,
            "articles": r.articles,
            "mentions": r.mentions,
            "group_of": countries.get(r.id),
        }
        for r in found
    ]
    emit(rows, ENTITY_KEYS, ENTITY_COLUMNS, form, empty="No entities.")


def _hidden_entities(db, types, limit: int | None, form) -> None:
    from explorer.core.store.hidden import hidden_entities

    found = hidden_entities(db, types)[:limit]
    rows = [{key: getattr(entity, key) for key in HIDDEN_KEYS} for entity in found]
    emit(rows, HIDDEN_KEYS, HIDDEN_COLUMNS, form, empty="No hidden entities.")


@click.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1), help="How many, best first.")
@click.option("--all", "every", is_flag=True, help="Every matching article (no limit).")
@output_options
def search(query, db_path, limit, every, form) -> None:
    """Full-text search: words, "phrases", prefix*, AND / OR / NOT (with each hit's star and tags).

    When more articles match than are shown, says how many on standard error."""
    from explorer.core.store import queries

    db = open_db(db_path)
    try:
        hits = queries.search(db, query, limit=-1 if every else limit)  # SQLite: a negative LIMIT is none
        full = every or len(hits) < limit
        total = len(hits) if full else queries.count_documents(db, queries.DocumentFilter(search=query))
    except queries.SearchSyntaxError as exc:
        raise click.ClickException(f"Search syntax: {exc}") from exc
    rows = article_rows(db, hits, lambda h: {"snippet": h.snippet})
    emit(rows, HIT_KEYS, HIT_COLUMNS, form, empty=f"No articles match {visible(query)!r}.")
    if len(rows) < total:
        click.echo(f"{len(rows):,} of {total:,} (use --limit or --all)", err=True)


@click.command()
@db_option
@output_options
def stats(db_path, form) -> None:
    """Counts of articles, entities (by type) and mentions, and the date range."""
    from explorer.core.store import queries

    figures = queries.stats(open_db(db_path))
    if form == "table":
        for line in stats_lines(figures):
            click.echo(line)
    else:
        emit_record(figures, form)


def stats_lines(figures: dict) -> list[str]:
    """The figures as a person reads them: counts with separators, the types by frequency."""
    by_type = ", ".join(f"{type_} {count:,}" for type_, count in figures["entities_by_type"].items())
    dates = f"{figures['first_date']} to {figures['last_date']}" if figures["first_date"] else "none"
    lines = [
        ("articles", f"{figures['articles']:,} ({figures['dated']:,} dated, {figures['undated']:,} undated)"),
        ("dates", dates),
        ("entities", f"{figures['entities']:,}" + (f" ({by_type})" if by_type else "")),
        ("mentions", f"{figures['mentions']:,}"),
    ]
    return [f"{name}: {value}" for name, value in lines]
