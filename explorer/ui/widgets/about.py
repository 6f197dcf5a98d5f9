"""The About box: the version, and the entity model with its version (read without loading spaCy)."""

from __future__ import annotations

from html import escape
from importlib import metadata

from PySide6.QtWidgets import QMessageBox, QWidget

from explorer import __version__
from explorer.core import settings


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def about_text() -> str:
    model = settings.DEFAULT_MODEL
    return (
        f"<h3>Knowledge Explorer {escape(__version__)}</h3>"
        "<p>Read, search and explore the people, organisations, places and dates in a collection "
        "of news articles.</p>"
        f"<p>Entity model: <b>{escape(model)}</b> {escape(_version(model.replace('_', '-')))}"
        f" (spaCy {escape(_version('spacy'))})<br>"
        f"Qt for Python {escape(_version('PySide6-Essentials'))}</p>"
        "<p>MIT licence.</p>"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About Knowledge Explorer", about_text())
