"""PySide6 6.12.0 dropped a reference to None/True on every void call and emit (Python 3.11),
aborting the program after a few thousand; the pinned version must not."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal()


def test_void_calls_and_emits_keep_none_and_true_counted():
    emitter = _Emitter()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(20_000):
        emitter.setObjectName("x")
        emitter.fired.emit()
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert after[0] >= before[0] - 100 and after[1] >= before[1] - 100
