"""The command line's top-level handler: no traceback reaches a user.

``GuardedGroup`` wraps every command (click's standalone mode still prints its own usage
errors). A damaged database, found however late, is said as such; anything else unexpected
becomes one sentence naming the log file that holds the traceback, with exit status 1. Every
error message leaves with its control characters shown, not obeyed (a file or entity name in
it may hold an escape sequence).
"""

from __future__ import annotations

import click

from explorer.core.safety.visible import visible

DB_PATH_KEY = "knowledge_explorer.db_path"


def remember_db_path(path) -> None:
    """Note which database the running command uses, for the damage sentence."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta[DB_PATH_KEY] = path


class GuardedGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            exc.message = visible(exc.message)
            raise
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - the one place every other error is turned into words
            from explorer.core.safety.problems import in_words

            command = " ".join(ctx.command_path.split()[1:] + [ctx.invoked_subcommand or ""]).strip()
            raise click.ClickException(
                visible(in_words(exc, ctx.meta.get(DB_PATH_KEY), context=f"command: {command or ctx.command_path}"))
            ) from exc
