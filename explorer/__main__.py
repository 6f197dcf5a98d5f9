"""``python -m explorer``: the same as the ``knowledge-explorer`` command."""

from explorer.cli import main

if __name__ == "__main__":  # a process started by spawn (Dask's local workers) imports this module again
    main(prog_name="knowledge-explorer")
