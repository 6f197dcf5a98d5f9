"""The import dialog's "Extract on" choice: this computer, or a Dask scheduler's address, and
whether its workers see the files themselves (shared storage: paths are sent, not texts).

The choice, the last address and shared storage are remembered in QSettings. An address is parsed here, so a
mistyped one is said under the field before the import starts; reaching the scheduler and
checking its workers is the import's first step (``ops/cluster``).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QGridLayout, QLabel, QLineEdit, QRadioButton, QWidget

from explorer.core.ops.cluster.connection import ClusterAddress, parse_address

CHOICE_KEY = "import/extract_on"  # "local" or "cluster"
ADDRESS_KEY = "import/scheduler"
SHARED_KEY = "import/shared_storage"


class ExtractOnBox(QWidget):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.local_button = QRadioButton("This computer")
        self.cluster_button = QRadioButton("A Dask scheduler:")
        self.cluster_button.setToolTip(
            "Extraction runs on the cluster's workers; this computer reads the files and writes the library.\n"
            "tcp://host:8786, or local:N for N worker processes here. Needs knowledge-explorer[cluster]."
        )
        group = QButtonGroup(self)
        group.addButton(self.local_button)
        group.addButton(self.cluster_button)
        self.address_edit = QLineEdit(settings.value(ADDRESS_KEY, "", type=str))
        self.address_edit.setPlaceholderText("tcp://scheduler:8786")
        self.problem_label = QLabel()
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setWordWrap(True)
        self.problem_label.setVisible(False)
        self.shared_box = QCheckBox("The workers see these files (shared storage): send paths, not texts")
        self.shared_box.setToolTip(
            "The workers read the files themselves, at the same paths as this computer (a shared or network drive);\n"
            "a file a worker cannot read fails with the reason. Else the texts travel to the workers."
        )
        self.shared_box.setChecked(settings.value(SHARED_KEY, False, type=bool))
        on_cluster = settings.value(CHOICE_KEY, "local", type=str) == "cluster"
        (self.cluster_button if on_cluster else self.local_button).setChecked(True)
        self.address_edit.setEnabled(on_cluster)
        self.shared_box.setEnabled(on_cluster)
        self.cluster_button.toggled.connect(self.address_edit.setEnabled)
        self.cluster_button.toggled.connect(self.shared_box.setEnabled)
        self.address_edit.textEdited.connect(lambda _text: self.problem_label.setVisible(False))
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Extract on:"), 0, 0)
        layout.addWidget(self.local_button, 0, 1)
        layout.addWidget(self.cluster_button, 1, 1)
        layout.addWidget(self.address_edit, 1, 2)
        layout.addWidget(self.problem_label, 2, 1, 1, 2)
        layout.addWidget(self.shared_box, 3, 1, 1, 2)
        layout.setColumnStretch(2, 1)

    def address(self) -> ClusterAddress | None:
        """The cluster chosen (None: this computer); ValueError, also shown under the field, when mistyped."""
        if not self.cluster_button.isChecked():
            return None
        try:
            return parse_address(self.address_edit.text())
        except ValueError as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.setVisible(True)
            raise

    def shared_storage(self) -> bool:
        """Whether the cluster's workers read the files (only with a cluster chosen)."""
        return self.cluster_button.isChecked() and self.shared_box.isChecked()

    def remember(self) -> None:
        self.settings.setValue(CHOICE_KEY, "cluster" if self.cluster_button.isChecked() else "local")
        self.settings.setValue(SHARED_KEY, self.shared_box.isChecked())
        if self.address_edit.text().strip():
            self.settings.setValue(ADDRESS_KEY, self.address_edit.text().strip())
