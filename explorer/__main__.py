"""``python -m explorer``: the same as the ``knowledge-explorer`` command."""

from explorer.cli import main

main(prog_name="knowledge-explorer")
