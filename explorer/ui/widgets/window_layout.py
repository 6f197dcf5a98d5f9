"""The window's geometry and the splitters' and table headers' states, kept in the settings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QWidget

DEFAULT_SIZE = (1440, 900)


def restore_layout(window: QWidget, settings: QSettings, parts: dict[str, QWidget]) -> None:
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(*DEFAULT_SIZE)
    for key, widget in parts.items():
        state = settings.value(key)
        if isinstance(state, QByteArray) and not state.isEmpty():
            widget.restoreState(state)


def save_layout(window: QWidget, settings: QSettings, parts: dict[str, QWidget]) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    for key, widget in parts.items():
        settings.setValue(key, widget.saveState())
    settings.sync()
