"""File paths in the ``articles.path`` column, byte for byte.

A POSIX file name is bytes; Python shows one that is not UTF-8 as text with lone surrogates
(``os.fsdecode``), which SQLite cannot store as TEXT. Such a path is stored as a BLOB of its
exact bytes and read back as the same surrogate-escaped text, so ``os.fsencode`` gives the
original name again. Every other path stays plain TEXT, readable by any SQLite tool.
"""

from __future__ import annotations

import os


def path_to_db(path: str | None) -> str | bytes | None:
    if path is None:
        return None
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path)
    return path


def path_from_db(value: str | bytes | None) -> str | None:
    if isinstance(value, bytes):
        return os.fsdecode(value)
    return value
