"""Locate the top-level ``db/`` and ``resources/`` folders from a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def data_dir(name: str) -> Path:
    """Return ``db`` or ``resources``: beside the package in a checkout, inside it in a wheel."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name}/ folder of Knowledge Explorer is missing from {_PACKAGE}")


def migrations_dir() -> Path:
    return data_dir("db") / "migrations"


def resource(name: str) -> Path:
    return data_dir("resources") / name
