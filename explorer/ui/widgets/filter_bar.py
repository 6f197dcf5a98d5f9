"""The active filters as removable chips above the document list ("Pakistan ✕", a date range)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from explorer.ui.rich_text import literal_html, literal_mnemonic

MAX_CHIPS = 6
MAX_CHIP_TEXT = 28


def _short(text: str) -> str:
    return text if len(text) <= MAX_CHIP_TEXT else text[: MAX_CHIP_TEXT - 1] + "…"


class FilterBar(QWidget):
    """One button per filter; clicking a chip removes that filter, "Clear all" removes them all.

    Past ``MAX_CHIPS`` the rest are summed up as "+N more" so the bar never widens the window.
    """

    removed = Signal(object)  # the chip's key
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.chips: dict[Hashable, QToolButton] = {}
        self.set_chips([])

    def set_chips(self, chips: Sequence[tuple[Hashable, str, str]]) -> None:
        """Show ``(key, text, tooltip)`` chips, in order; hidden when there are none."""
        while self._layout.count():
            widget = self._layout.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # deleteLater waits for the event loop; hidden now, it never shows stale
                widget.deleteLater()
        self.chips = {}
        if chips:
            self._layout.addWidget(QLabel("Filtered by:"))
        for key, text, tooltip in chips[:MAX_CHIPS]:
            chip = QToolButton()
            chip.setText(literal_mnemonic(f"{_short(text)}  ✕"))
            chip.setToolTip(literal_html(f"{tooltip}\nClick to remove this filter"))
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.clicked.connect(lambda _=False, key=key: self.removed.emit(key))
            self._layout.addWidget(chip)
            self.chips[key] = chip
        if len(chips) > MAX_CHIPS:
            more = QLabel(f"+{len(chips) - MAX_CHIPS} more")
            more.setToolTip(literal_html("\n".join(text for _, text, _ in chips[MAX_CHIPS:])))
            self._layout.addWidget(more)
        if len(chips) > 1:
            clear = QToolButton()
            clear.setText("Clear all")
            clear.setAutoRaise(True)
            clear.clicked.connect(self.cleared)
            self._layout.addWidget(clear)
        self._layout.addStretch(1)
        self.setVisible(bool(chips))
