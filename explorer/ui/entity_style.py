"""How each entity type looks: one hue per type, used by the reader, its legend and the lists.

A mention is drawn as a light tint of its type's hue behind the text plus an underline in the
full hue; the text keeps the palette's own colour. A tint (alpha over the page) reads as a pale
wash on a white page and a dark wash on a dark one, so the text stays legible on both, and the
underline keeps the type visible where a tint is faint. Hues are Okabe–Ito, colour-blind safe.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QTextCharFormat

TYPE_COLOURS: dict[str, str] = {
    "person": "#E69F00",
    "organisation": "#0072B2",
    "place": "#009E73",
    "group": "#CC79A7",
    "event": "#D55E00",
    "law": "#56B4E9",
    "product": "#B8A200",
    "work": "#8E6CBF",
    "date": "#8C8C8C",
}
UNKNOWN_COLOUR = "#8C8C8C"
TINT_ALPHA = 80
# Search hits: fixed dark text on a fixed yellow, whatever the palette, so both stay readable.
HIT_BACKGROUND = "#FFD54F"
HIT_FOREGROUND = "#1A1A1A"
FIND_BACKGROUND = "#FFB74D"


def type_colour(entity_type: str) -> QColor:
    return QColor(TYPE_COLOURS.get(entity_type, UNKNOWN_COLOUR))


def tint(entity_type: str) -> QColor:
    colour = type_colour(entity_type)
    colour.setAlpha(TINT_ALPHA)
    return colour


def mention_format(entity_type: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(tint(entity_type))
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(type_colour(entity_type))
    return fmt


def hit_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(HIT_BACKGROUND))
    fmt.setForeground(QColor(HIT_FOREGROUND))
    return fmt


def find_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(FIND_BACKGROUND))
    fmt.setForeground(QColor(HIT_FOREGROUND))
    return fmt


def swatch(entity_type: str, size: int = 12) -> QPixmap:
    """A small square in the type's hue: the mark of a type in legends, lists and buttons."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(type_colour(entity_type))
    painter.drawRoundedRect(0, 0, size, size, 2, 2)
    painter.end()
    return pixmap


_icons: dict[str, QIcon] = {}


def type_icon(entity_type: str) -> QIcon:
    if entity_type not in _icons:
        _icons[entity_type] = QIcon(swatch(entity_type))
    return _icons[entity_type]
