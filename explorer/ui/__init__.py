"""Qt widgets, models and workers over ``explorer.core`` (no SQL here).

Importing any of them first guards against PySide6 6.12.0's uncounted ``None``/``True``
references on Python 3.11 (see ``pyside_refcounts``), which would otherwise abort the program.
"""

from explorer.ui.pyside_refcounts import guard

guard()
