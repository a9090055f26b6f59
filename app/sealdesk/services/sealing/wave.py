"""One wave of a batch: up to 32 documents checked, sealed at once, and committed together.

Why waves (issue 9, README "Performance"): sealing one document is mostly waiting (for the TSA's
answer, for fsync) and a little CPU; done one after another, a batch waits for every document
in turn. A wave's intake has run while the wave before it was sealed (:mod:`.wave_intake`);
then up to :data:`IN_FLIGHT` seals run at once on the Sealer's event loop (one waits for its
timestamp while the next is hashed and signed; the token takes one signature at a time), each
staged file is fsynced in a thread of its own (parallel fsyncs cost little more than one), and
then one transaction commits the whole wave: documents, seals and their audit events in input
order, with one update of the audit head.

What stays exactly as it was (DESIGN.md's failure model): every check of intake, every fsync,
and the protocol per document: staged and fsynced → committed with its event → promoted →
exported. A crash before the wave's commit leaves only staging files (recovery discards them);
a crash after it leaves committed seals whose promotion recovery finishes. The original is the
sealed file's first ``document.size`` bytes (an incremental update appends and never rewrites),
which :mod:`.seal_staging` proves for every seal before anything is committed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from sealdesk.core.sealing.policy import SealPolicy
from sealdesk.core.sealing.seal_errors import unexpected_document_error
from sealdesk.core.sealing.sealer import Sealer
from sealdesk.errors import InputError, SealDeskError, StorageError, TokenNotPresentError
from sealdesk.services import _testing as crashpoints
from sealdesk.services.context import AppContext
from sealdesk.services.progress import CancelFlag
from sealdesk.services.sealing.commit import commit_wave, record_failure, record_failures
from sealdesk.services.sealing.export_copy import export_copy
from sealdesk.services.sealing.results import DocumentResult, Outcome
from sealdesk.services.sealing.slot import Slot, close_slots
from sealdesk.services.sealing.staging import stage_seal
from sealdesk.storage.documents import repo as seal_repo

WAVE_DOCUMENTS = 32
"""Documents per wave: measured on 2 cores, 32 seal 6 % faster than 16 (fewer waits for a
wave's last seals and for its commit); a crash costs at most a wave of staged work."""
WAVE_BYTES = 32 * 1024 * 1024
"""A wave holds at most this much of its documents' bytes in memory (larger documents are
streamed and get a wave of their own); two waves are held at once, the one being sealed and
the next one's intake."""
IN_FLIGHT = 8
"""Seals running at once: measured best on 2 cores with a loopback TSA (4: 160, 8: 175-195,
16: 160 documents/s); more only queues at the token and the GIL."""


def plan_waves(files: list[Path]) -> list[list[Path]]:
    """``files`` in order, cut into waves of at most WAVE_DOCUMENTS and about WAVE_BYTES."""
    waves: list[list[Path]] = []
    current: list[Path] = []
    held = 0
    for path in files:
        size = _size(path)
        if current and (len(current) >= WAVE_DOCUMENTS or held + size > WAVE_BYTES):
            waves.append(current)
            current, held = [], 0
        current.append(path)
        held += size
    if current:
        waves.append(current)
    return waves


Tick = Callable[[Path], None]
"""Called with a document's path as soon as its part of the wave's work is done (refused,
known already, or staged); the wave's commit follows. Runs on the Sealer's loop thread."""


def _no_tick(_path: Path) -> None:
    """The default :data:`Tick`: report nothing."""


def seal_wave(
    ctx: AppContext, sealer: Sealer, policy: SealPolicy, slots: list[Slot],
    export_dir: Path | None, cancel: CancelFlag, tick: Tick = _no_tick, *,
    retention_class: str = "",
) -> list[DocumentResult]:
    """Seal one wave (its ``slots`` come from intake, :mod:`.wave_intake`); results in order.

    ``tick`` gives the front end progress per document, not per wave: a wave of 32 can take
    a while on a slow token, and a cancel or a pulled token should land in the middle of it.
    A document whose token was pulled out is not ticked: the batch seals it again.
    """
    try:
        _find_known(ctx, policy, slots)
        for slot in slots:
            if slot.error is not None or slot.outcome is Outcome.ALREADY_SEALED:
                tick(slot.source)
        sealer.run(_seal_all(ctx, sealer, policy, slots, cancel, tick))
        committed = _commit(ctx, policy, slots, retention_class)
        return _finish(ctx, slots, committed, export_dir)
    finally:
        close_slots(slots)


def _find_known(ctx: AppContext, policy: SealPolicy, slots: list[Slot]) -> None:
    """Originals sealed before under this policy are not sealed again (idempotency)."""
    accepted = [s for s in slots if s.facts is not None]
    with ctx.database.reader() as session:
        known = seal_repo.seals_for(session, [s.facts.sha256 for s in accepted if s.facts],
                                    policy.policy_id)
        sealed_before = {sha: seal.sealed_sha256 for sha, seal in known.items()}
    first: dict[str, Slot] = {}
    for slot in accepted:
        assert slot.facts is not None
        sha256 = slot.facts.sha256
        if sha256 in sealed_before:
            slot.outcome, slot.sealed_sha256 = Outcome.ALREADY_SEALED, sealed_before[sha256]
        elif sha256 in first:
            slot.same_as = first[sha256]
        else:
            first[sha256] = slot


async def _seal_all(
    ctx: AppContext, sealer: Sealer, policy: SealPolicy, slots: list[Slot], cancel: CancelFlag,
    tick: Tick,
) -> None:
    gate = asyncio.Semaphore(IN_FLIGHT)
    stopped = False  # a token, TSA or storage error: the rest of the wave would fail too

    async def seal(slot: Slot) -> None:
        nonlocal stopped
        assert slot.document is not None
        async with gate:
            if cancel.cancelled or stopped:
                slot.outcome = Outcome.NOT_STARTED
                return
            try:
                slot.staged = await stage_seal(ctx, sealer, policy, slot.document)
            except SealDeskError as exc:
                slot.error = exc
                stopped = stopped or not isinstance(exc, InputError)
                if not isinstance(exc, TokenNotPresentError):
                    tick(slot.source)
                return
            except Exception as exc:  # one hostile document never costs the batch
                slot.error = unexpected_document_error(slot.source.name, exc)
                tick(slot.source)
                return
            finally:
                slot.document.close()
            crashpoints.reach("after_staging_fsync")
            tick(slot.source)

    todo = [s for s in slots if s.document is not None and s.outcome is None and s.same_as is None]
    if todo and not sealer.sealed:
        # The batch's first seal runs alone: it estimates the signature space and finds out
        # whether the token and the TSA answer at all, before eight documents ask at once.
        await seal(todo.pop(0))
    async with asyncio.TaskGroup() as group:
        for slot in todo:
            group.create_task(seal(slot))


def _commit(ctx: AppContext, policy: SealPolicy, slots: list[Slot],
            retention_class: str = "") -> bool:
    """Commit the wave; False (and every staged seal failed) if the database refused it."""
    try:
        commit_wave(ctx, policy, slots, retention_class)
    except Exception as caught:  # a database or driver error nobody mapped: the wave, not a crash
        exc = caught if isinstance(caught, SealDeskError) else _unrecorded(caught)
        for slot in slots:
            if slot.staged is not None:
                ctx.store.discard_staged(slot.staged.path)
                slot.staged, slot.error = None, exc
        # The failure events went down with the transaction: record them again, together.
        record_failures(ctx, [(s.source, s.facts, s.error) for s in slots if s.error is not None])
        return False
    for slot in slots:
        if slot.staged is not None:
            slot.outcome, slot.sealed_sha256 = Outcome.SEALED, slot.staged.sha256
            crashpoints.reach("after_commit")
    return True


def _unrecorded(exc: Exception) -> StorageError:
    """The wave's transaction failed with an exception no layer translated: nothing of the wave
    was recorded (it rolled back) and its staged seals are removed; the batch stops."""
    return StorageError(
        f"The seals of this group of documents could not be recorded ({exc.__class__.__name__}); "
        "nothing of them was kept.",
        hint="Seal the remaining documents again; if it happens again, run 'sealdesk audit "
        "verify' and report it with the SealDesk version.",
    )


def _finish(
    ctx: AppContext, slots: list[Slot], committed: bool, export_dir: Path | None
) -> list[DocumentResult]:
    """Promote the committed seals, write the export copies, and say how each document went."""
    sealed = [s for s in slots if s.outcome is Outcome.SEALED and s.staged is not None]
    if committed and sealed:
        ctx.store.promote_many([(s.staged.path, s.staged.sha256) for s in sealed if s.staged])
        for _ in sealed:
            crashpoints.reach("after_promote")
    return [_result(ctx, slot, export_dir) for slot in slots]


def _result(ctx: AppContext, slot: Slot, export_dir: Path | None) -> DocumentResult:
    sha256 = slot.facts.sha256 if slot.facts else ""
    decided = slot.same_as if slot.same_as is not None else slot
    if decided.error is not None or decided.outcome in (None, Outcome.NOT_STARTED):
        outcome = Outcome.FAILED if decided.error is not None else Outcome.NOT_STARTED
        return DocumentResult(slot.source, outcome, sha256, error=decided.error)
    outcome = Outcome.SEALED if slot.outcome is Outcome.SEALED else Outcome.ALREADY_SEALED
    stored = ctx.store.path_of(decided.sealed_sha256)  # shown to the person, never read here
    try:
        exported = export_copy(ctx.store, decided.sealed_sha256, slot.source, export_dir)
    except SealDeskError as exc:
        record_failure(ctx, slot.source, slot.facts, exc)
        return DocumentResult(slot.source, Outcome.FAILED, sha256, error=exc)
    return DocumentResult(slot.source, outcome, sha256, decided.sealed_sha256, stored, exported)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # intake says what is wrong with it
