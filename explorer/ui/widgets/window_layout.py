"""The window's splitters in their default proportions, and its geometry and the splitters' and
table headers' states, kept in the settings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QSplitter, QWidget

DEFAULT_SIZE = (1440, 900)


def splitters(documents: QWidget, reader: QWidget, entities: QWidget, below: QWidget) -> tuple[QSplitter, QSplitter]:
    """(top, main): the list, reader and entities side by side, above ``below`` (the tabs)."""
    top = QSplitter(Qt.Orientation.Horizontal)
    for index, (pane, stretch) in enumerate(((documents, 3), (reader, 4), (entities, 3))):
        top.addWidget(pane)
        top.setStretchFactor(index, stretch)
    top.setSizes([540, 500, 400])
    main = QSplitter(Qt.Orientation.Vertical)
    main.addWidget(top)
    main.addWidget(below)
    main.setStretchFactor(0, 3)
    main.setStretchFactor(1, 1)
    main.setSizes([600, 260])
    return top, main


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
