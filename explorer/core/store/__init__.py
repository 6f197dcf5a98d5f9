"""The SQLite store: schema, writes and the queries the CLI and the window run."""

from explorer.core.store.schema import ReadOnlyStoreError, StoreError, connect, open_store

__all__ = ["ReadOnlyStoreError", "StoreError", "connect", "open_store"]
