"""The Qt-free core: reading files, extracting entities, storing and querying them."""

import importlib
import sys


def _import_sqlite_utils_without_pandas() -> None:
    """sqlite-utils imports pandas when it is installed (another package may bring it), only to
    store ``pandas.Timestamp`` values, which this program never passes: half a second of every
    start. It is imported here first with pandas hidden; pandas stays importable afterwards."""
    if "sqlite_utils" in sys.modules or "pandas" in sys.modules:
        return
    sys.modules["pandas"] = None  # type: ignore[assignment]  # makes `import pandas` raise ImportError
    try:
        importlib.import_module("sqlite_utils")
    finally:
        del sys.modules["pandas"]


_import_sqlite_utils_without_pandas()
