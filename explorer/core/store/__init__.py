"""The SQLite store: schema, writes and the queries the CLI and the window run."""

from explorer.core.store.schema import StoreError, connect, open_store

__all__ = ["StoreError", "connect", "open_store"]
