"""Keep PySide6 6.12.0 from crashing the interpreter on Python 3.11.

On Python 3.11 this PySide/shiboken release returns ``None`` (from every void method:
``setText``, ``update``, ``setFlag``...) and ``True`` (from ``SignalInstance.emit``) without
counting the reference it hands over, so each call takes one reference away. Python 3.12 made
these singletons immortal, which is presumably what the build assumes; on 3.11 their counts
fall to zero within minutes of drawing and the program aborts with "none_dealloc" or
"bool_dealloc". ``guard()`` measures the loss and, only where it happens, lifts the three
counts far out of reach: the objects live for the whole process anyway.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject

_HEADROOM = 1 << 48  # more calls than a process can make
_PROBE_CALLS = 16


def void_calls_lose_none() -> bool:
    """Whether a void PySide call takes a reference of ``None`` away."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= _PROBE_CALLS


def guard() -> None:
    """Make ``None``, ``True`` and ``False`` unreachable by the lost references (idempotent)."""
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > _HEADROOM or not void_calls_lose_none():
        return
    for singleton in (None, True, False):
        # CPython 3.11 object header: the reference count is the first field, at id(obj).
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
