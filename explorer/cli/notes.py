"""``knowledge-explorer article …``: star, tag and annotate articles, and list them by tag or star.

The same marks as the window's Article menu (``explorer.core.store.notes``). Articles are named
by their id, as ``search`` and ``article list`` print it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from explorer.cli.options import ARTICLE_ID, db_option, entities_named, open_db, parse_date, resolve_db
from explorer.cli.output import Column, emit, emit_record, output_options
from explorer.core.safety.visible import visible

LIST_PAGE = 50
ARTICLE_KEYS = ("id", "title", "published", "source", "entities", "starred", "tags", "note")


def marks_text(row) -> str:
    """An article row's star and tags as the table shows them: "★ #energy #trade"."""
    return " ".join([*(["★"] if row["starred"] else []), *(f"#{visible(tag)}" for tag in row["tags"])])


# What `article list` and `search` show of each article: the marks come from its star and tags.
ARTICLE_COLUMNS = (
    Column("id", "id"),
    Column("published", show=lambda day: day or "undated"),
    Column("title"),
    Column("marks", of=marks_text),
)


def _db(db_path: Path | None, *, readonly: bool = True):
    return open_db(db_path, readonly=readonly, existing=True)


def _db_with(db_path: Path | None, article_ids: Sequence[int], *, readonly: bool = True):
    """The library, once every article named is known to be in it (else one sentence to find ids)."""
    from explorer.core.store.notes import missing_articles

    db = _db(db_path, readonly=readonly)
    missing = missing_articles(db, article_ids)
    if missing:
        listed = ", ".join(map(str, missing))
        raise click.ClickException(
            f"No article with id {listed}. Find ids with: knowledge-explorer article list or search"
        )
    return db


def _mark(db_path, article_ids: Sequence[int], action: Callable[[object, int], None], done: str) -> None:
    """Apply ``action(db, id)`` to every article, after checking that they all exist."""
    from explorer.core.store import StoreError

    db = _db_with(db_path, article_ids, readonly=False)
    try:
        for article_id in dict.fromkeys(article_ids):
            action(db, article_id)
    except (ValueError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    count = len(set(article_ids))
    click.echo(f"{done} {count} article{'' if count == 1 else 's'}")


def _marks_of(notes) -> dict:
    """An article's star and tags as the keys of its row (``notes`` None: it has none)."""
    return {"starred": bool(notes and notes.starred), "tags": list(notes.tags) if notes else []}


def _notes_json(notes) -> dict:
    return {**_marks_of(notes), "note": notes.note if notes else ""}


def article_rows(db, articles: Sequence, extra: Callable[[Any], dict], *, with_note: bool = False) -> list[dict]:
    """Each article's id, title and date, then ``extra(article)``, then its star and tags (and
    note): the rows of ``article list`` and ``search``, keyed alike."""
    from explorer.core.store.notes import notes_of

    marks = notes_of(db, [a.id for a in articles])
    marked = _notes_json if with_note else _marks_of
    return [
        {"id": a.id, "title": a.title, "published": a.published, **extra(a), **marked(marks.get(a.id))}
        for a in articles
    ]


@click.group("article")
def article() -> None:
    """Star, tag, annotate and date articles; list them by tag, star, search, entity or date."""


@article.command("list")
@db_option
@click.option("--tag", default=None, help="Only articles with this tag (any case).")
@click.option("--starred", is_flag=True, help="Only starred articles.")
@click.option("--search", default=None, help="Full-text search the articles must match.")
@click.option("--entity", "names", multiple=True, help="Only articles mentioning this entity; repeatable.")
@click.option("--from", "date_from", callback=parse_date, metavar="YYYY-MM-DD", help="Articles from this day.")
@click.option("--to", "date_to", callback=parse_date, metavar="YYYY-MM-DD", help="Articles up to this day.")
@click.option("--limit", default=LIST_PAGE, show_default=True, type=click.IntRange(1), help="How many, newest first.")
@click.option("--all", "every", is_flag=True, help="Every matching article (no limit).")
@output_options
def list_articles(db_path, tag, starred, search, names, date_from, date_to, limit, every, form) -> None:
    """Articles newest first, with their star and tags; how many match in all goes to standard error."""
    from explorer.core.store import queries

    db = _db(db_path)
    flt = queries.DocumentFilter(
        search=search,
        entity_ids=tuple(r.id for r in entities_named(db, names)),
        date_from=date_from,
        date_to=date_to,
        tag=tag,
        starred=starred,
    )
    try:
        rows = queries.document_page(db, flt, limit=-1 if every else limit)  # SQLite: a negative LIMIT is none
        total = queries.count_documents(db, flt)
    except queries.SearchSyntaxError as exc:
        raise click.ClickException(f"Search syntax: {exc}") from exc
    listed = article_rows(db, rows, lambda r: {"source": r.source, "entities": r.entity_count}, with_note=True)
    emit(listed, ARTICLE_KEYS, ARTICLE_COLUMNS, form, empty="No articles match.")
    more = " (use --limit or --all)" if len(rows) < total else ""
    click.echo(f"{len(rows):,} of {total:,} articles{more}", err=True)


@article.command("show")
@click.argument("article_id", type=ARTICLE_ID)
@db_option
@output_options
def show(article_id, db_path, form) -> None:
    """An article's title, date, source, star, tags and note."""
    from explorer.core.store import queries
    from explorer.core.store.notes import article_notes

    db = _db_with(db_path, [article_id])
    view = queries.article(db, article_id)
    notes = article_notes(db, article_id)
    if form != "table":
        row = {
            "id": view.id,
            "title": view.title,
            "published": view.published,
            "source": view.source,
            **_notes_json(notes),
        }
        emit_record(row, form)
        return
    click.echo(f"{visible(view.title)}\n{view.published or 'undated'} · {visible(view.source or 'no source')}")
    click.echo(f"starred: {'yes' if notes.starred else 'no'}")
    click.echo(f"tags: {', '.join(map(visible, notes.tags)) or '-'}")
    if notes.note:
        click.echo(f"note: {visible(notes.note, lines=True)}")


def _star_command(name: str, starred: bool, doc: str) -> click.Command:
    @article.command(name, help=doc)
    @click.argument("article_ids", metavar="ID…", nargs=-1, required=True, type=ARTICLE_ID)
    @db_option
    def command(article_ids, db_path) -> None:
        from explorer.core.store.notes import set_starred

        _mark(db_path, article_ids, lambda db, i: set_starred(db, i, starred), "Starred" if starred else "Unstarred")

    return command


def _tag_command(name: str, adding: bool, doc: str) -> click.Command:
    @article.command(name, help=doc)
    @click.argument("tag")
    @click.argument("article_ids", metavar="ID…", nargs=-1, required=True, type=ARTICLE_ID)
    @db_option
    def command(tag, article_ids, db_path) -> None:
        from explorer.core.store.notes import add_tag, remove_tag

        change = add_tag if adding else remove_tag
        _mark(
            db_path,
            article_ids,
            lambda db, i: change(db, i, tag),
            f"{'Tagged' if adding else 'Untagged'} #{visible(' '.join(tag.split()))}:",
        )

    return command


star = _star_command("star", True, "Star the articles ID…")
unstar = _star_command("unstar", False, "Remove the star of the articles ID…")
tag = _tag_command("tag", True, "Tag the articles ID… with TAG (one tag per name, in any case).")
untag = _tag_command("untag", False, "Remove TAG from the articles ID…")


@article.command("tags")
@db_option
@output_options
def tags(db_path, form) -> None:
    """Every tag in use with how many articles carry it."""
    from explorer.core.store.notes import all_tags

    rows = [{"tag": name, "articles": count} for name, count in all_tags(_db(db_path))]
    emit(rows, ("tag", "articles"), (Column("articles", "count"), Column("tag")), form, empty="No tags.")


@article.group("note")
def note() -> None:
    """The note on an article."""


@note.command("set")
@click.argument("article_id", type=ARTICLE_ID)
@click.argument("text")
@db_option
def note_set(article_id, text, db_path) -> None:
    """Set the note of article ARTICLE_ID to TEXT ("-" reads it from standard input; "" clears it)."""
    from explorer.core.store.notes import set_note

    if text == "-":
        text = sys.stdin.read()
    _mark(
        db_path, [article_id], lambda db, i: set_note(db, i, text), "Noted" if text.strip() else "Cleared the note of"
    )


@note.command("show")
@click.argument("article_id", type=ARTICLE_ID)
@db_option
@output_options
def note_show(article_id, db_path, form) -> None:
    """Print the note of article ARTICLE_ID (nothing when it has none)."""
    from explorer.core.store.notes import article_notes

    text = article_notes(_db_with(db_path, [article_id]), article_id).note
    if form != "table":
        emit_record({"id": article_id, "note": text}, form)
    elif text:
        click.echo(visible(text, lines=True))


@article.command("date")
@click.argument("arguments", nargs=-1, required=True, metavar="ID… YYYY-MM-DD|none")
@db_option
@click.option("--model", default=None, help="spaCy pipeline for re-reading articles that were undated.")
def set_date(arguments, db_path, model) -> None:
    """Set the publication date of articles, or 'none' for undated.

    The date is kept as set by you: re-extraction and re-reading never replace it. Date
    expressions ("yesterday", "in March") follow the new date; articles that were undated are
    read again for those they could not place before (this loads the entity model).
    """
    from explorer.core.store import StoreError
    from explorer.core.store.article_dates import set_dates

    if len(arguments) < 2:
        raise click.UsageError("Give one or more article ids and then a date (YYYY-MM-DD) or 'none'.")
    *ids_given, day_given = arguments
    published = _day_or_none(day_given)
    article_ids = [_article_id(value) for value in ids_given]
    path = resolve_db(db_path)
    db = _db_with(path, article_ids, readonly=False)
    try:
        change = set_dates(db, article_ids, published)
    except (ValueError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    count = len(change.before)
    what = f"{count} article{'' if count == 1 else 's'}"
    click.echo(f"Dated {what} {published.isoformat()}" if published else f"Marked {what} undated")
    undated_before = [i for i, (before, _) in change.before.items() if before is None]
    if published is not None and undated_before:
        db.close()
        _reread(path, undated_before, model)


def _day_or_none(value: str):
    from datetime import date

    if value.casefold() == "none":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.ClickException(
            f"{value!r} is not a date: give it as YYYY-MM-DD (e.g. 2024-06-08), or 'none' for undated."
        ) from None


def _article_id(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise click.ClickException(
            f"{value!r} is not an article id. Find ids with: knowledge-explorer article list or search"
        ) from None


def _reread(db_path, article_ids: Sequence[int], model: str | None) -> None:
    """Re-extract articles that were undated, so that their relative dates are found."""
    from explorer.core import settings
    from explorer.core.ops.reextract import ReextractOptions, reextract_all
    from explorer.core.store import StoreError

    options = ReextractOptions(model=model or settings.DEFAULT_MODEL, article_ids=tuple(article_ids))
    try:
        for last in reextract_all(db_path, options):  # noqa: B007 - the last progress says how many
            pass
    except StoreError as exc:
        raise click.ClickException(f"The date is set, but reading the articles again failed: {exc}") from exc
    plural = "" if last.imported == 1 else "s"
    click.echo(f"Read {last.imported} undated article{plural} again for their relative dates")
