"""``entity …``: merge, rename, retype, hide, split and add entities, each stored as a rule."""

from __future__ import annotations

import click

from explorer.cli.options import db_option, entities_named, open_db
from explorer.core.model import ENTITY_TYPES
from explorer.core.safety.visible import visible


@click.group()
def entity() -> None:
    """Curate entities: each change is stored as a rule that later imports follow too."""


def _curate(db_path, action, *names: str) -> None:
    """Run a curation ``action(db, *entity_ids)`` on entities given by name or alias."""
    from explorer.core.ops.curation import CurationError
    from explorer.core.store import StoreError

    db = open_db(db_path, readonly=False, existing=True)
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
def entity_merge(names, new_name, db_path) -> None:
    """Merge the entities NAMES into the first of them."""
    from explorer.core.ops import curation

    _curate(db_path, lambda db, *ids: curation.merge(db, ids, ids[0], new_name), *names)


@entity.command("rename")
@click.argument("name")
@click.argument("new_name")
@db_option
def entity_rename(name, new_name, db_path) -> None:
    """Give the entity NAME the name NEW_NAME (NAME stays an alias)."""
    from explorer.core.ops import curation

    _curate(db_path, lambda db, i: curation.rename(db, i, new_name), name)


@entity.command("retype")
@click.argument("name")
@click.argument("type_", metavar="TYPE", type=click.Choice(ENTITY_TYPES))
@db_option
def entity_retype(name, type_, db_path) -> None:
    """Fix the type of the entity NAME, whatever later imports recognise it as."""
    from explorer.core.ops import curation

    _curate(db_path, lambda db, i: curation.retype(db, i, type_), name)


@entity.command("hide")
@click.argument("name")
@db_option
def entity_hide(name, db_path) -> None:
    """Hide the entity NAME from lists and counts (a stop list)."""
    from explorer.core.ops import curation

    _curate(db_path, curation.hide, name)


@entity.command("split")
@click.argument("name")
@click.argument("form")
@db_option
def entity_split(name, form, db_path) -> None:
    """Make the mentions of NAME written as FORM an entity of their own."""
    from explorer.core.ops import curation

    _curate(db_path, lambda db, i: curation.split(db, i, form), name)


@entity.command("add")
@click.argument("name")
@click.option("--type", "type_", required=True, type=click.Choice(ENTITY_TYPES), help="The entity's type.")
@db_option
def entity_add(name, type_, db_path) -> None:
    """Make every occurrence of NAME in every article (whole words, as written) a mention."""
    from explorer.core.ops import curation

    _curate(db_path, lambda db: curation.add_entity(db, name, type_))
