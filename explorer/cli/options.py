"""What every command module shares: the ``--db`` option and the one place that says which
database a command uses, opening it with a clean error, the date and model options."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from click.core import ParameterSource

from explorer.cli.guard import remember_db_path
from explorer.core import settings

DB_OPTION_HELP = f"Database file (default: ${settings.DB_ENV} or {settings.default_db_path()})."


def file_path(ctx, param, value: str | None) -> Path | None:
    """A database (or output) file named by the user: refused in words when it cannot be a file."""
    from explorer.core.store.schema import not_a_file_name

    if value is None:
        return None
    problem = not_a_file_name(value)
    if problem:
        raise click.BadParameter(problem)
    return Path(value)


COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


def companion_problem(path: Path) -> str | None:
    """Why ``path`` cannot be a library: it is (or would be taken for) the ``-wal``, ``-shm``
    or ``-journal`` file of the database beside it, which SQLite reads as part of that database."""
    for suffix in COMPANION_SUFFIXES:
        base = path.with_name(path.name[: -len(suffix)]) if path.name.endswith(suffix) else None
        if base is not None and base.name and base.is_file():
            return (
                f"{path} is the {suffix} file of the database {base.name}, not a library of its own; "
                f"give {base.name} itself or another file."
            )
    return None


def db_file_path(ctx, param, value: str | None) -> Path | None:
    """A ``--db`` named by the user: a file name, and no other database's companion file."""
    path = file_path(ctx, param, value)
    problem = companion_problem(path) if path is not None else None
    if problem:
        raise click.BadParameter(problem)
    return path


def db_option(func):
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False),
        callback=db_file_path,
        envvar=settings.DB_ENV,
        default=None,
        help=DB_OPTION_HELP,
    )(func)


def resolve_db(db_path: Path | None) -> Path:
    """The database a command uses: its own ``--db``, else the one given before the command
    (``knowledge-explorer --db FILE stats``, which also wins over the command reading
    $KNOWLEDGE_EXPLORER_DB), else the default."""
    ctx = click.get_current_context(silent=True)
    first = ctx.find_root().params.get("db_path") if ctx is not None else None
    from_env = ctx is not None and ctx.get_parameter_source("db_path") is ParameterSource.ENVIRONMENT
    if first is not None and (db_path is None or from_env):
        db_path = first
    path = db_path or settings.default_db_path()
    remember_db_path(path)
    return path


def open_db(db_path: Path | None, *, readonly: bool = True, existing: bool = False):
    """Open the database for a command, turning a store error into a clean CLI error.

    A database opened to read, or to change what it holds (``existing``), must be there already
    and hold a library. Before a command writes, every page is checked for damage.
    """
    from explorer.core.store import StoreError, open_store

    path = resolve_db(db_path)
    if (readonly or existing) and not path.exists():
        raise click.ClickException(f"No database at {path}. Import files first: knowledge-explorer import PATH…")
    try:
        return open_store(path, readonly=readonly, create=not (readonly or existing), full_check=not readonly)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


# SQLite's INTEGER: an id beyond it names no article (and SQLite cannot even be asked).
ARTICLE_ID = click.IntRange(1, 2**63 - 1)


def check_model(ctx, param, value: str) -> str:
    """``--model`` names an installed spaCy pipeline; said before any database is opened or made."""
    from explorer.core.extraction.extract import model_problem

    problem = model_problem(value)
    if problem:
        raise click.BadParameter(problem)
    return value


def model_option(func):
    return click.option(
        "--model",
        default=settings.DEFAULT_MODEL,
        show_default=True,
        callback=check_model,
        help="spaCy pipeline for entities (an installed package or a model folder).",
    )(func)


def parse_date(ctx, param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use the form YYYY-MM-DD, e.g. 2024-06-08") from None


def entities_named(db, names) -> list:
    """The entity each name or alias means, or a clean error naming the first unknown one."""
    from explorer.core.store import queries

    found = []
    for name in names:
        row = queries.find_entity(db, name)
        if row is None:
            raise click.ClickException(f"No entity named {name!r}. Try: knowledge-explorer entities")
        found.append(row)
    return found


def jobs_option(func):
    return click.option(
        "-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64), help="Extraction processes."
    )(func)
