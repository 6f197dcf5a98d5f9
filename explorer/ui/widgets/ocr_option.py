"""The import dialog's OCR option: read scans with Tesseract, in the languages given; disabled,
with what to install, when Tesseract is not there."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from explorer.core.reading.formats.scans import tesseract_available

MISSING = "Install Tesseract to read scans (see the README: Installing Tesseract for scans)."


class OcrOption(QWidget):
    """A check box and the language codes (``eng``, ``eng+fra``), remembered in the settings."""

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.box = QCheckBox("Read scans with OCR (images, PDF pages without text), languages:")
        self.languages = QLineEdit(self._saved("import/ocr_lang", "eng"))
        self.languages.setMaximumWidth(120)
        self.languages.setToolTip("Tesseract's language codes, several joined by + (eng+fra).")
        available = tesseract_available()
        self.box.setEnabled(available)
        self.box.setChecked(available and self._saved("import/ocr", "false") == "true")
        self.box.setToolTip("Slower: every page without text is read as an image." if available else MISSING)
        self.languages.setEnabled(self.box.isChecked())
        self.box.toggled.connect(self.languages.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box)
        row.addWidget(self.languages)
        row.addStretch(1)

    def _saved(self, key: str, default: str) -> str:
        return str(self.settings.value(key, default)) if self.settings is not None else default

    def choice(self) -> tuple[bool, str]:
        """(OCR on, its languages), remembered for the next import."""
        languages = "".join(self.languages.text().split()) or "eng"
        if self.settings is not None:
            self.settings.setValue("import/ocr", "true" if self.box.isChecked() else "false")
            self.settings.setValue("import/ocr_lang", languages)
        return self.box.isChecked(), languages
