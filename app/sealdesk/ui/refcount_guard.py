"""Guard against PySide6 reference leaks on ``True`` and ``None`` that crash CPython 3.11.

PySide6 6.12.0 returns borrowed references where it must return new ones in at least two places:
``Signal.emit()`` returns ``True`` without a new reference, and an invalid ``QVariant`` becomes
``None`` without one (``QModelIndex.data()`` for an unset role, ``model.data()`` on a C++ model).
Each call then takes one reference from ``True`` or ``None`` that was never given. On CPython
3.12 and later these objects are immortal and nothing happens; on 3.11 their counts fall with
every emit until the interpreter aborts with "Fatal Python error: bool_dealloc: deallocating True
or False" (or ``none_dealloc``), at a random moment of a long session: a million-row table that
emits ``dataChanged`` per block, a worker that reports progress, get there in minutes.

:func:`apply` probes for the leak (a few emits of a private signal) and, only if it is present on
an interpreter without immortal objects, raises the counts of ``True``, ``False`` and ``None``
by 2**40, which is what CPython 3.12 does for them. Call it once at GUI start (and in GUI tests).
It is a no-op where the bug is fixed or cannot hurt.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QModelIndex, QObject, Signal

_MARGIN = 1 << 40
_applied = False


class _Probe(QObject):
    fired = Signal(object)


def leaks() -> tuple[bool, bool]:
    """(True leaks on emit, None leaks on invalid QVariant), measured on this installation."""
    probe = _Probe()
    before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(8):
        probe.fired.emit(0)
        QModelIndex().data()
    return sys.getrefcount(True) < before_true, sys.getrefcount(None) < before_none


def apply() -> bool:
    """Protect ``True``/``False``/``None`` if this PySide6 leaks them; True if it acted."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not any(leaks()):
        return False
    for obj in (True, False, None):
        ctypes.c_ssize_t.from_address(id(obj)).value += _MARGIN  # ob_refcnt comes first
    _applied = True
    return True
