"""What every command module shares: the ``--db`` option, opening the database with a clean
error, the date option's parser and JSON output."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import click

from explorer.cli_guard import remember_db_path
from explorer.core import settings

# What JSON leaves raw but a terminal obeys or cannot print: DEL, C1 controls, bidi controls,
# line separators and lone surrogates (a file name that is not UTF-8). Escaped as \uXXXX, the
# JSON still reads back to exactly the same strings.
_JSON_HIDDEN_RE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

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


def db_option(func):
    return click.option(
        "--db", "db_path", type=click.Path(dir_okay=False), callback=file_path,
        envvar=settings.DB_ENV, default=None, help=DB_OPTION_HELP,
    )(func)


def resolve_db(db_path: Path | None) -> Path:
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
    return click.option("--model", default=settings.DEFAULT_MODEL, show_default=True, callback=check_model,
                        help="spaCy pipeline for entities (an installed package or a model folder).")(func)


def parse_date(ctx, param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use the form YYYY-MM-DD, e.g. 2024-06-08") from None


def echo_json(value) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    click.echo(_JSON_HIDDEN_RE.sub(lambda match: f"\\u{ord(match.group()):04x}", text))


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
