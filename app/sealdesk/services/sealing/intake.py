"""Intake runs one wave ahead: the next wave's files are checked while this one is sealed.

Intake (:func:`~sealdesk.core.sealing.intake.open_source`: read, hash, parse) is CPU work in
Python; sealing a wave is mostly waiting (for timestamps, the token, fsync). Done in turns, each
waits for the other; done side by side, intake fills the sealing's waits (the 300-page PDFs of
the benchmark spend as long in intake as in sealing). Nothing about a document is decided here:
the idempotency check and everything after it happen when its wave is sealed, after the waves
before it have committed. At most two waves are held in memory: the one being sealed and the
next one (:data:`~sealdesk.services.sealing.wave.WAVE_BYTES` each).
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from sealdesk.core.sealing.intake import open_source
from sealdesk.core.sealing.seal_errors import unexpected_document_error
from sealdesk.errors import InputError
from sealdesk.services import _testing as crashpoints
from sealdesk.services.sealing.slot import Slot, close_slots


def intake_wave(files: list[Path]) -> list[Slot]:
    """A slot per file: its open document, or the InputError that refused it."""
    slots = [Slot(path) for path in files]
    try:
        for slot in slots:
            try:
                slot.document = open_source(slot.source)
            except InputError as exc:
                slot.error = exc
                continue
            except Exception as exc:  # whatever a hostile file provokes is its own failure
                slot.error = unexpected_document_error(slot.source.name, exc)
                continue
            slot.facts = slot.document.facts
            crashpoints.reach("after_intake")
    except BaseException:
        close_slots(slots)
        raise
    return slots


class WaveIntake:
    """Checks ``waves`` in order in a thread of its own, one wave ahead of :meth:`take`."""

    def __init__(self, waves: list[list[Path]]) -> None:
        self._waves = waves
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="sealdesk-intake")
        self._ahead: dict[int, Future[list[Slot]]] = {}

    def take(self, index: int) -> list[Slot]:
        """Wave ``index``'s slots (the caller closes them); starts the intake of the next."""
        future = self._ahead.pop(index, None) or self._pool.submit(intake_wave,
                                                                   self._waves[index])
        following = index + 1
        if following < len(self._waves) and following not in self._ahead:
            self._ahead[following] = self._pool.submit(intake_wave, self._waves[following])
        return future.result()

    def __enter__(self) -> WaveIntake:
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        """Wait for an intake still running and close what it opened for nobody."""
        for future in self._ahead.values():
            if not future.cancel() and future.exception() is None:
                close_slots(future.result())
        self._ahead.clear()
        self._pool.shutdown(wait=True)
