"""The guard against PySide6 6.12.0's uncounted None/True references on Python 3.11."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import explorer.ui  # noqa: F401  (installs the guard)


class _Emitter(QObject):
    fired = Signal()


def test_many_void_calls_and_emits_leave_the_singletons_alive():
    emitter = _Emitter()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200_000):  # far more than None's or True's unguarded count on 3.11
        emitter.setObjectName("x")
        emitter.fired.emit()
    assert sys.getrefcount(None) > 0 and sys.getrefcount(True) > 0
    if sys.version_info < (3, 12):
        assert min(before) > 200_000
