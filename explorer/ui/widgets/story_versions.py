"""The reader's line about an article's story: "2 other versions" with their dates and sources
(pick one and Compare), and "also at:" the other paths where its exact text was found."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from explorer.core.safety.visible import visible
from explorer.core.store.story_reads import Version


def version_text(version: Version) -> str:
    """ "1987-03-04 · Reuters · 93 % alike": a version as the picker lists it."""
    parts = [version.published or "undated", version.source or "no source", f"{version.similarity:.0%} alike"]
    return " · ".join(visible(part) for part in parts)


class StoryVersions(QWidget):
    """Hidden for an article without other versions or paths."""

    compare_requested = Signal(int)  # the other version's article id
    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.versions: tuple[Version, ...] = ()
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.picker = QComboBox()
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.compare_button = QPushButton("Compare")
        self.compare_button.setToolTip("Compare this article with the chosen version, word by word")
        self.compare_button.clicked.connect(lambda: self._emit(self.compare_requested))
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Read the chosen version")
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.paths = QLabel()
        self.paths.setTextFormat(Qt.TextFormat.PlainText)
        self.paths.setWordWrap(True)
        self.paths.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.picker, self.compare_button, self.open_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.paths)
        self.show_story((), [])

    def show_story(self, versions: Sequence[Version], paths: Sequence[str]) -> None:
        """The other versions of the article shown, and the other paths of its text."""
        self.versions = tuple(versions)
        self.picker.clear()
        for version in self.versions:
            self.picker.addItem(version_text(version), version.id)
            self.picker.setItemData(self.picker.count() - 1, visible(version.title), Qt.ItemDataRole.ToolTipRole)
        n = len(self.versions)
        self.label.setText(f"{n} other version{'s' if n != 1 else ''}:")
        for widget in (self.label, self.picker, self.compare_button, self.open_button):
            widget.setVisible(n > 0)
        self.paths.setText("Also at: " + "; ".join(visible(p) for p in paths) if paths else "")
        self.paths.setVisible(bool(paths))
        self.setVisible(n > 0 or bool(paths))

    def _emit(self, signal) -> None:
        article_id = self.picker.currentData()
        if article_id is not None:
            signal.emit(article_id)
