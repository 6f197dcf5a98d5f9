"""Page markers beside an article's text: "p. 2" in a left margin at the line where each page
(an EPUB's chapter) starts, drawn like a code editor's line numbers, so the text and its
mention offsets stay exactly as stored."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class PageMargin(QWidget):
    """The margin of ``text``: empty and zero wide without pages."""

    def __init__(self, text: QPlainTextEdit, prefix: str = "p.") -> None:
        super().__init__(text)
        self.text = text
        self.prefix = prefix
        self.starts: list[int] = []  # Qt positions where pages 2, 3… begin (page 1 is the top)
        text.updateRequest.connect(lambda rect, dy: self.scroll(0, dy) if dy else self.update())
        text.installEventFilter(self)
        self._fit()

    def set_pages(self, starts: list[int], prefix: str = "p.") -> None:
        """Qt positions of each page's start, the first page's included; fewer than two pages show none."""
        self.prefix = prefix
        self.starts = list(starts) if len(starts) > 1 else []
        self._fit()
        self.update()

    def labels(self) -> list[tuple[int, str]]:
        """(block number, "p. N") for each page start: what the margin draws."""
        document = self.text.document()
        return [
            (document.findBlock(start).blockNumber(), f"{self.prefix} {page}")
            for page, start in enumerate(self.starts, start=1)
        ]

    def sizeHint(self) -> QSize:  # noqa: N802
        if not self.starts:
            return QSize(0, 0)
        return QSize(self.fontMetrics().horizontalAdvance(f"{self.prefix} {len(self.starts)}") + 10, 0)

    def _fit(self) -> None:
        width = self.sizeHint().width()
        self.text.setViewportMargins(width, 0, 0, 0)
        rect = self.text.contentsRect()
        self.setGeometry(QRect(rect.left(), rect.top(), width, rect.height()))
        self.setVisible(bool(width))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == event.Type.Resize:
            self._fit()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setPen(self.palette().placeholderText().color())
        labels = dict(self.labels())
        block = self.text.firstVisibleBlock()
        offset = self.text.contentOffset()
        while block.isValid():
            top = self.text.blockBoundingGeometry(block).translated(offset).top()
            if top > event.rect().bottom():
                break
            label = labels.get(block.blockNumber())
            if label:
                height = self.fontMetrics().height()
                painter.drawText(0, int(top), self.width() - 4, height, Qt.AlignmentFlag.AlignRight, label)
            block = block.next()
