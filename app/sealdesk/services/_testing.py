"""TEST HOOK: kill this process (SIGKILL) at a named step of the sealing protocol.

The kill -9 harness (``tests/incidents/test_crash_harness.py``) proves that a crash at any step
of sealing leaves nothing partial and nothing unaudited. Waiting for a random moment to land
between two particular system calls would take thousands of runs, so the steps name themselves:
``SEALDESK_CRASH_AT=step:count`` kills the process the ``count``-th time ``step`` is reached
(counting from 1, per process). Steps, in protocol order (:mod:`sealdesk.services.sealing.wave`:
the documents of a wave each pass a step before the wave goes on; the count is per document):

* ``after_intake`` — the document passed the intake checks, nothing written yet;
* ``staging_write`` — half of the sealed bytes are in the staging file (written, not synced);
* ``after_staging_fsync`` — the staging file is complete and fsynced, nothing committed;
* ``after_commit`` — document, seal and ``document.sealed`` event committed, file not promoted;
* ``after_promote`` — the sealed file is at its content address, no export copy yet;
* ``export_write`` — half of the export copy is in its temporary file.

Snapshots and restore (:mod:`sealdesk.services.snapshots`) name theirs too:
``snapshot_object`` (after each object is copied), ``snapshot_signed`` (manifest, signature
and timestamp written, folder not yet renamed), ``restore_copied`` (snapshot copied into the new
folder, nothing carried over), ``restore_pg_copied`` (PostgreSQL: the dump copied into the new
folder, ``pg_restore`` not yet started) and ``restore_carried`` (after each seal carried over).

Unset (always, outside the harness) :func:`reach` costs one global lookup and a comparison, and
:func:`guard_writes` returns the handle it was given. Never set it in production: it is a
deliberate crash.
"""

from __future__ import annotations

import os
import signal
from typing import Any, BinaryIO, NoReturn

ENV = "SEALDESK_CRASH_AT"
STEPS = (
    "after_intake",
    "staging_write",
    "after_staging_fsync",
    "after_commit",
    "after_promote",
    "export_write",
)
SNAPSHOT_STEPS = ("snapshot_object", "snapshot_signed", "restore_copied", "restore_pg_copied",
                  "restore_carried")
"""Steps of snapshot and restore; apart from :data:`STEPS`, which the sealing harness walks."""


def _parse(value: str | None) -> tuple[str, int] | None:
    if not value:
        return None
    step, _, count = value.partition(":")
    known = STEPS + SNAPSHOT_STEPS
    if step not in known or not count.isdigit() or int(count) < 1:
        raise SystemExit(f"{ENV}={value!r}: expected one of {', '.join(known)} and ':N' (N >= 1)")
    return step, int(count)


_target = _parse(os.environ.get(ENV))
_seen: dict[str, int] = {}


def reach(step: str) -> None:
    """Mark that ``step`` was reached; die here if this is the armed step and count."""
    if _target is None:
        return
    if _arrive(step):
        die()


def guard_writes(handle: BinaryIO, step: str) -> BinaryIO:
    """``handle`` itself, unless this is the armed write step: then a handle that dies mid-write.

    The first write through the returned proxy writes the first half of its data, flushes it to
    the OS (so it survives the process, like any write a crash interrupts) and dies.
    """
    if _target is None or not _arrive(step):
        return handle
    return _DyingWriter(handle)  # type: ignore[return-value]


def rearm() -> None:
    """Read ``SEALDESK_CRASH_AT`` again: the harness's fork server sets it after importing."""
    global _target
    _target = _parse(os.environ.get(ENV))
    _seen.clear()


def die() -> NoReturn:
    """SIGKILL this process: no ``finally``, no ``atexit``, no flush, exactly like ``kill -9``."""
    os.kill(os.getpid(), signal.SIGKILL)
    raise SystemExit(137)  # unreachable; keeps type checkers honest


def _arrive(step: str) -> bool:
    assert _target is not None
    if step != _target[0]:
        return False
    _seen[step] = _seen.get(step, 0) + 1
    return _seen[step] == _target[1]


class _DyingWriter:
    """Delegates to a real file handle; its first ``write`` stops half-way and kills."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self._handle.write(view[: max(1, len(view) // 2)])
        self._handle.flush()
        die()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)
