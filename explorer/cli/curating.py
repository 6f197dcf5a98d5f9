"""``entity …``: merge, rename, retype, hide (and show again), split and add entities, each stored as a rule."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import click

from explorer.cli.options import db_option, entities_named, open_db
from explorer.core.model import ENTITY_TYPES
from explorer.core.safety.visible import visible


@click.group()
def entity() -> None:
    """Curate entities: each change is stored as a rule that later imports follow too."""


def _curate(db_path, names: Sequence[str], act: Callable, find: Callable = entities_named) -> None:
    """Open the library, run ``act(curation, db, entity_ids)`` on the entities named (by name or
    alias; ``find`` them) and say what changed; a refused change becomes click's one-line error."""
    from explorer.core.ops import curation
    from explorer.core.store import StoreError

    db = open_db(db_path, readonly=False, existing=True)
    ids = [row.id for row in find(db, names)]
    try:
        change = act(curation, db, ids)
    except (curation.CurationError, StoreError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(visible(change.description))


def _entity_and_value(name: str, value: str, value_type: click.ParamType | None, function: str, doc: str) -> None:
    """Register ``entity <name> NAME VALUE``: ``curation.<function>(db, id of NAME, VALUE)``."""

    @entity.command(name, help=doc)
    @click.argument("name")
    @click.argument("value", metavar=value, type=value_type)
    @db_option
    def command(name, value, db_path) -> None:
        _curate(db_path, [name], lambda curation, db, ids: getattr(curation, function)(db, ids[0], value))


@entity.command("merge")
@click.argument("names", nargs=-1, required=True)
@click.option("--name", "new_name", default=None, help="The merged entity's name (default: the first's).")
@db_option
def entity_merge(names, new_name, db_path) -> None:
    """Merge the entities NAMES into the first of them."""
    _curate(db_path, names, lambda curation, db, ids: curation.merge(db, ids, ids[0], new_name))


_entity_and_value("rename", "NEW_NAME", None, "rename", "Give the entity NAME the name NEW_NAME (NAME stays an alias).")
_entity_and_value(
    "retype",
    "TYPE",
    click.Choice(ENTITY_TYPES),
    "retype",
    "Fix the type of the entity NAME, whatever later imports recognise it as.",
)


@entity.command("hide")
@click.argument("name")
@db_option
def entity_hide(name, db_path) -> None:
    """Hide the entity NAME from lists and counts (a stop list)."""
    _curate(db_path, [name], lambda curation, db, ids: curation.hide(db, ids[0]))


def _hidden_named(db, names: Sequence[str]) -> list:
    """The hidden entity each name or alias means, or a clean error naming the first unknown one."""
    from explorer.core.store.hidden import find_hidden

    found = []
    for name in names:
        row = find_hidden(db, name)
        if row is None:
            raise click.ClickException(f"No hidden entity named {name!r}. Try: knowledge-explorer entities --hidden")
        found.append(row)
    return found


@entity.command("show")
@click.argument("name")
@db_option
def entity_show(name, db_path) -> None:
    """Show the hidden entity NAME again; later imports never hide it by themselves."""
    _curate(db_path, [name], lambda curation, db, ids: curation.show_again(db, ids[0]), find=_hidden_named)


_entity_and_value("split", "FORM", None, "split", "Make the mentions of NAME written as FORM an entity of their own.")


@entity.command("add")
@click.argument("name")
@click.option("--type", "type_", required=True, type=click.Choice(ENTITY_TYPES), help="The entity's type.")
@db_option
def entity_add(name, type_, db_path) -> None:
    """Make every occurrence of NAME in every article (whole words, as written) a mention."""
    _curate(db_path, [], lambda curation, db, ids: curation.add_entity(db, name, type_))
