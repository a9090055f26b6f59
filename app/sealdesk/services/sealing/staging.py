"""A seal written to a fsynced staging file, proven to begin with the original it seals.

Step 3 of the sealing protocol (:mod:`sealdesk.services.sealing.batch`). A seal is an incremental
update: pyHanko appends to the original and never rewrites it, so the sealed file's first
``size`` bytes are the original and the store keeps it only there. That is checked for every
seal before it can be committed: a small document is sealed in memory from the very bytes intake
hashed (the sealed output must begin with them, or pyHanko rewrote something and the batch
stops); a large one is streamed from disk into its staging file, whose prefix is then hashed
(another program may have changed the file since intake: the document is then refused).
"""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from pathlib import Path

from sealdesk.core.sealing.intake import PdfFacts, SourceDocument
from sealdesk.core.sealing.policy import SealPolicy
from sealdesk.core.sealing.sealer import Sealer, SealOutcome
from sealdesk.errors import InputError, RecordIntegrityError
from sealdesk.services import _testing as crashpoints
from sealdesk.services.context import AppContext


@dataclass
class Staged:
    """A seal written to a fsynced staging file, not yet committed."""

    outcome: SealOutcome
    path: Path
    sha256: str
    size: int


async def stage_seal(
    ctx: AppContext, sealer: Sealer, policy: SealPolicy, document: SourceDocument
) -> Staged:
    """Seal ``document`` into a fsynced staging file whose prefix is proven to be the original."""
    if document.in_memory:
        return await _seal_in_memory(ctx, sealer, policy, document)
    return await _seal_streamed(ctx, sealer, policy, document)


async def _seal_in_memory(
    ctx: AppContext, sealer: Sealer, policy: SealPolicy, document: SourceDocument
) -> Staged:
    """Seal into memory, check the original prefix, then one write and fsync in a thread."""
    output = io.BytesIO()
    outcome = await sealer.async_seal(document, output, policy, ctx.actor.name)
    sealed = output.getvalue()
    output.close()
    original = document.stream.getvalue()  # type: ignore[attr-defined]
    if memoryview(sealed)[: len(original)] != original:  # pyHanko appends; it must not rewrite
        raise _rewritten(document.facts)
    digest = document.digest.copy()
    digest.update(memoryview(sealed)[len(original):])
    sha256 = digest.hexdigest()
    path = await asyncio.to_thread(_stage_bytes, ctx, sealed, sha256)
    return Staged(outcome, path, sha256, len(sealed))


def _stage_bytes(ctx: AppContext, data: bytes, sha256: str) -> Path:
    handle, path = ctx.store.open_staging()
    try:
        crashpoints.guard_writes(handle, "staging_write").write(data)
    except OSError as exc:
        ctx.store.discard_staging(handle, path)
        raise ctx.store.write_error(exc, "writing the sealed document") from exc
    except BaseException:
        ctx.store.discard_staging(handle, path)
        raise
    ctx.store.finish_staging(handle, path)
    ctx.store.record_staged(path, sha256, len(data))
    return path


async def _seal_streamed(
    ctx: AppContext, sealer: Sealer, policy: SealPolicy, document: SourceDocument
) -> Staged:
    """Seal a large document straight into its staging file, then prove its original prefix.

    The source is read from disk again while it is sealed, so another program could have
    changed it since intake hashed it: one pass over the staging file hashes its first
    ``size`` bytes (must be intake's hash) and the whole file (its content address). That pass
    reads the flushed file while its fsync runs (one waits for the disk, the other for the
    CPU); both must succeed before the seal can be committed.
    """
    handle, path = ctx.store.open_staging()
    try:
        try:
            output = crashpoints.guard_writes(handle, "staging_write")
            outcome = await sealer.async_seal(document, output, policy, ctx.actor.name)
            handle.flush()  # the hashing pass opens the file anew: it must see every byte
        except OSError as exc:
            raise ctx.store.write_error(exc, "writing the sealed document") from exc
        # An envelope is complete (readable) only once closed; then, as for a plain file, the
        # fsync and the hashing pass run side by side.
        await asyncio.to_thread(ctx.store.complete_envelope, handle, path)
        synced, hashed = await asyncio.gather(
            asyncio.to_thread(ctx.store.finish_staging, handle, path),
            asyncio.to_thread(ctx.store.staged_digest, path, document.facts.size),
            return_exceptions=True,
        )
        if isinstance(synced, BaseException):  # its error says more than the hash's
            raise synced
        if isinstance(hashed, OSError):
            raise ctx.store.write_error(hashed, "reading back the sealed document") from hashed
        if isinstance(hashed, BaseException):
            raise hashed
    except BaseException:
        ctx.store.discard_staging(handle, path)
        raise
    if hashed.prefix != document.facts.sha256:
        ctx.store.discard_staged(path)
        raise _changed(document.facts)
    await asyncio.to_thread(ctx.store.record_staged, path, hashed.whole, hashed.size)
    return Staged(outcome, path, hashed.whole, hashed.size)


def _changed(facts: PdfFacts) -> InputError:
    """The file on disk changed between intake and sealing: a problem of this input only."""
    return InputError(
        f"{facts.path.name} changed while it was being sealed (its bytes differ from the ones "
        "checked a moment before); nothing was kept.",
        hint="Make sure no other program is writing the file, then seal it again.",
    )


def _rewritten(facts: PdfFacts) -> RecordIntegrityError:
    """The in-memory original came back altered: the software is at fault, so the batch stops."""
    return RecordIntegrityError(
        f"The sealed output of {facts.path.name} does not begin with the original document "
        "(the signing library rewrote it instead of appending); nothing was kept.",
        hint="Stop sealing with this installation and report it with the SealDesk and pyHanko "
        "versions; the original file is unchanged.",
    )
