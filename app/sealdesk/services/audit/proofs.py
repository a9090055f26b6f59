"""Inclusion and consistency proofs from the stored log, written as offline-checkable files.

A proof is computed from the entry hashes and the stored subtree hashes
(:class:`sealdesk.storage.audit.tree.DatabaseTree`: about twenty row reads at a million
entries) and written with :mod:`sealdesk.core.audit.proofs`, which checks every file as an
auditor would before returning it. A proof against a checkpoint the stored log no longer
matches therefore fails here, with :class:`~sealdesk.errors.RecordIntegrityError`, instead of
producing a file that fails later.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from sealdesk.core.audit.canonical import format_time
from sealdesk.core.audit.checkpoint import (
    CheckpointFile,
    load_checkpoint_file,
    verify_checkpoint_signature,
)
from sealdesk.core.audit.proofs import (
    ProofCheckResult,
    check_proof_file,
    export_consistency_proof,
    export_inclusion_proof,
)
from sealdesk.errors import InputError, RecordIntegrityError, SealDeskError
from sealdesk.fsutil import JSON_FILE_LIMIT, read_bounded
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.audit.report import CheckpointTrust
from sealdesk.storage.audit import checkpoints as checkpoint_repo
from sealdesk.storage.audit.repo import entry_at
from sealdesk.storage.audit.tree import DatabaseTree
from sealdesk.storage.db import Database

CheckpointSpec = int | str | Path | CheckpointFile | None
"""Which checkpoint: ``None`` or ``"latest"``, a stored tree size, a checkpoint file's path, or
an already loaded :class:`CheckpointFile`."""


@dataclass(frozen=True)
class ProofOutcome:
    """A proof file, what checking it showed, and whether its signer is a trusted audit key."""

    data: bytes
    result: ProofCheckResult
    signer_trusted: bool


def inclusion_proof(database: Database, index: int, checkpoint: CheckpointSpec = None) -> bytes:
    """An inclusion proof file for entry ``index`` against ``checkpoint`` (default: latest)."""
    with AuditReader(database) as reader, reader.session() as session:
        cpf = _resolve(session, checkpoint)
        size = cpf.signed.checkpoint.tree_size
        if not 0 <= index < size:
            raise InputError(
                f"Entry {index} is not covered by the checkpoint of {size} entries.",
                hint="Choose an entry below the checkpoint's size, or wait for the next "
                "checkpoint (taken at the end of every operation).",
            )
        entry = entry_at(session, index)
        if entry is None:
            raise RecordIntegrityError(
                f"Entry {index} is missing from the log although a checkpoint covers it.",
                hint="Run 'sealdesk audit verify'; keep the database as it is.",
            )
        path = DatabaseTree(session).inclusion_proof(index, size)
    return export_inclusion_proof(entry, path, cpf)


def consistency_proof(database: Database, old: CheckpointSpec, new: CheckpointSpec) -> bytes:
    """A consistency proof file showing the log at ``new`` extends the log at ``old``."""
    with AuditReader(database) as reader, reader.session() as session:
        old_cpf, new_cpf = _resolve(session, old), _resolve(session, new)
        a, b = old_cpf.signed.checkpoint.tree_size, new_cpf.signed.checkpoint.tree_size
        if a > b:
            raise InputError(
                f"The first checkpoint ({a} entries) is newer than the second ({b}).",
                hint="Give the older checkpoint first.",
            )
        path = DatabaseTree(session).consistency_proof(a, b)
    return export_consistency_proof(old_cpf, new_cpf, path)


def checked_inclusion_proof(
    database: Database, index: int, trust: CheckpointTrust
) -> ProofOutcome:
    """Inclusion proof against the latest checkpoint, checked, with the signer's trust (GUI)."""
    data = inclusion_proof(database, index)
    result = check_proof_file(data)
    trusted = trust.configured and all(trust.trusts(s.certificate) for s in result.signers)
    return ProofOutcome(data, result, trusted)


@dataclass(frozen=True)
class ConsistencyOutcome:
    """Whether the stored log still extends a checkpoint someone kept (an exported file).

    ``consistent`` False is a verdict, not an error: ``problem`` says what does not hold. ``data``
    is the consistency proof file when one could be built (``sealdesk audit check-proof``).
    """

    consistent: bool
    held_size: int
    held_time: str
    latest_size: int | None
    problem: str = ""
    data: bytes = b""
    signer_trusted: bool = False


def checked_consistency(database: Database, held: CheckpointFile,
                        trust: CheckpointTrust) -> ConsistencyOutcome:
    """Check the stored log against ``held`` (GUI: "Check against a checkpoint file…").

    The held checkpoint's own signature is checked first (a file edited since it was exported is
    reported as such); then a consistency proof from it to the latest stored checkpoint is built
    and checked. A log shorter than the held checkpoint, or one whose history no longer begins
    with it, is reported as not consistent: the database was rolled back or rewritten.
    """
    cp = held.signed.checkpoint
    base = ConsistencyOutcome(False, cp.tree_size, format_time(cp.time), None)
    try:
        verify_checkpoint_signature(held.signed, held.certificate)
    except (SealDeskError, ValueError) as ex:
        return replace(base, problem="the checkpoint file's signature does not hold: the file "
                       f"was altered after it was exported ({getattr(ex, 'message', ex)})")
    trusted = trust.configured and trust.trusts(held.certificate)
    with AuditReader(database) as reader, reader.session() as session:
        stored = checkpoint_repo.latest_checkpoint(session)
    latest = None if stored is None else stored.tree_size
    base = replace(base, latest_size=latest, signer_trusted=trusted)
    if latest is None or latest < cp.tree_size:
        return replace(base, problem=(
            f"the log's newest signed checkpoint covers {latest or 0} entries but the file "
            f"covers {cp.tree_size}: the database was rolled back to an older copy or its "
            "newest entries were deleted"))
    try:
        data = consistency_proof(database, held, "latest")
    except RecordIntegrityError as ex:
        return replace(base, problem=(
            f"the log no longer begins with the history this checkpoint signed: {ex.message}"))
    return replace(base, consistent=True, data=data)


def read_checkpoint_file(path: Path) -> CheckpointFile:
    """Load an exported checkpoint file (its signature is checked where it is used)."""
    return load_checkpoint_file(read_bounded(path, JSON_FILE_LIMIT, "checkpoint file"))


def _resolve(session: Session, spec: CheckpointSpec) -> CheckpointFile:
    if isinstance(spec, CheckpointFile):
        return spec
    if isinstance(spec, Path):
        return read_checkpoint_file(spec)
    if isinstance(spec, str) and spec != "latest":
        if not spec.isdigit():
            return read_checkpoint_file(Path(spec))
        spec = int(spec)
    if spec is None or spec == "latest":
        stored = checkpoint_repo.latest_checkpoint(session)
        missing = "The audit log has no signed checkpoint yet."
    else:
        stored = checkpoint_repo.checkpoint_at(session, int(spec))
        missing = f"No checkpoint was taken at tree size {spec}."
    if stored is None:
        raise InputError(missing, hint="'sealdesk audit list --type checkpoint.created' lists "
                         "the checkpoints; each covers the entries before its own.")
    try:
        return stored.to_file()
    except ValueError as ex:
        raise RecordIntegrityError(
            f"The stored checkpoint at tree size {stored.tree_size} is damaged: {ex}.",
            hint="Run 'sealdesk audit verify'; keep the database as it is.",
        ) from None
