"""``serve``: the library shared read-only through Datasette (the ``serve`` extra)."""

from __future__ import annotations

import socket

import click

from explorer.cli.options import db_option, open_db, resolve_db
from explorer.core.safety.visible import visible


@click.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; any but this computer's own lets others on the network read the library.",
)
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
def serve(db_path, host, port) -> None:
    """Share the library read-only through Datasette until Ctrl+C: tables with descriptions and
    facets, and canned queries (articles mentioning an entity, its timeline, the entities sharing
    its sentences). The file is opened immutable: nothing sent to the server can change it.
    Needs the serve extra: pip install 'knowledge-explorer[serve]'."""
    from explorer.core.ops.sharing import SharingError, datasette_app, is_loopback
    from explorer.core.ops.sharing import serve as run_server

    path = resolve_db(db_path)
    open_db(path).close()  # a library, undamaged and of this version, or said in one sentence
    _check_port_free(host, port)
    try:
        app = datasette_app(path)  # the extra and the write-ahead log checked before the banner
    except SharingError as exc:
        raise click.ClickException(str(exc)) from exc
    if not is_loopback(host):
        click.echo(
            f"Warning: listening on {host}: anyone who can reach this computer on that network can read "
            f"the whole library, notes and tags included (Datasette has no login).",
            err=True,
        )
    click.echo(f"Serving {visible(str(path))} read-only at http://{host}:{port}/ (Ctrl+C stops)")
    run_server(app, host, port)


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            raise click.ClickException(
                f"Cannot listen on {host}:{port} ({exc.strerror or exc}): choose another --port or --host."
            ) from exc
