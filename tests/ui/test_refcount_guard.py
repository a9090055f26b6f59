"""The guard against PySide6's reference leaks on True/None keeps long sessions alive."""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QApplication

from sealdesk.ui import refcount_guard


class _Emitter(QObject):
    fired = Signal(object)


def test_many_emits_and_invalid_variants_cannot_exhaust_true_or_none(qapp: QApplication) -> None:
    refcount_guard.apply()
    emitter = _Emitter()
    for _ in range(20_000):  # far more than True's own count on a fresh 3.11 interpreter
        emitter.fired.emit(None)
        QModelIndex().data()
    if sys.version_info < (3, 12) and any(refcount_guard.leaks()):
        assert sys.getrefcount(True) > 1 << 39
        assert sys.getrefcount(None) > 1 << 39
