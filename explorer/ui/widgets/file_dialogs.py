"""Where every file dialog opens: the folder last used for its kind of file, else Documents.

Each kind (exports, the chart, backups, databases, imports, gazetteers) remembers its own
folder in QSettings, so an export does not send the next import to the exports folder. The
hidden data folder, where the library and the demo live, is never offered: a user who has
not chosen it would not find their file again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from explorer.core import settings as core_settings

KINDS = ("export", "chart", "backup", "database", "import", "gazetteer")
NO_OPTIONS = QFileDialog.Option(0)


def _key(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown file dialog kind {kind!r}")
    return f"folders/{kind}"


def documents_folder() -> Path:
    """The user's Documents folder, or their home when the platform has none on disk."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def _hidden(folder: Path) -> bool:
    """True for the data folder and anything inside it."""
    data = core_settings.data_home().resolve()
    resolved = folder.resolve()
    return resolved == data or data in resolved.parents


def start_folder(settings: QSettings, kind: str) -> Path:
    """The folder a dialog of this kind opens in."""
    value = settings.value(_key(kind), "")
    if value:
        folder = Path(str(value))
        if folder.is_dir() and not _hidden(folder):
            return folder
    return documents_folder()


def remember(settings: QSettings, kind: str, chosen: Path) -> None:
    """Keep the folder of ``chosen`` (a file, or a folder itself) for the next dialog of this kind."""
    folder = chosen if chosen.is_dir() else chosen.parent
    settings.setValue(_key(kind), str(folder))


def save_file(
    parent: QWidget,
    settings: QSettings,
    kind: str,
    title: str,
    name: str,
    filters: str,
    options: QFileDialog.Option = NO_OPTIONS,
) -> tuple[Path | None, str]:
    """A save dialog proposing ``name`` in the start folder: (the chosen path or None, the chosen filter)."""
    start = str(start_folder(settings, kind) / name)
    chosen, selected = QFileDialog.getSaveFileName(parent, title, start, filters, options=options)
    if not chosen:
        return None, selected
    remember(settings, kind, Path(chosen))
    return Path(chosen), selected


def open_file(
    parent: QWidget, settings: QSettings, kind: str, title: str, filters: str, options: QFileDialog.Option = NO_OPTIONS
) -> Path | None:
    """An open dialog for one existing file, starting in the start folder."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(settings, kind)), filters, options=options)
    if not chosen:
        return None
    remember(settings, kind, Path(chosen))
    return Path(chosen)


def choose_paths(
    parent: QWidget,
    settings: QSettings,
    kind: str,
    title: str,
    mode: QFileDialog.FileMode,
    filters: str = "",
    options: QFileDialog.Option = NO_OPTIONS,
) -> list[Path]:
    """Several files, or one folder (``mode``), starting in the start folder; [] when cancelled."""
    dialog = QFileDialog(parent, title, str(start_folder(settings, kind)), filters)
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        options |= QFileDialog.Option.ShowDirsOnly
    dialog.setOptions(options)
    if not dialog.exec():
        return []
    paths = [Path(name) for name in dialog.selectedFiles()]
    if paths:
        remember(settings, kind, paths[0])
    return paths
