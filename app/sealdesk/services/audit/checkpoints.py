"""Signed checkpoints of the audit log, taken with the audit key at the end of every operation.

Design decisions (see also :mod:`sealdesk.core.audit.checkpoint`):

* **A checkpoint excludes its own event.** ``create_checkpoint`` locks the head, reads the log
  size ``n`` and the Merkle frontier kept with the head (root in O(log n)), signs the checkpoint
  ``{tree_size: n, root, ...}``, stores it and then appends entry ``n``, a ``checkpoint.created``
  event naming the checkpoint's hash, all in one transaction. The event is covered by the next
  checkpoint. The log thus records every checkpoint, so a deleted or replaced checkpoint row is
  caught by the entry that names it, and that entry is pinned by the following checkpoint.
* **Checkpoints chain**: each names the hash of the previous one (the latest stored when it was
  taken, read under the head lock, so concurrent consoles still form one chain).
* **Verification never needs the token**: the row stores the signed bytes, the signature and
  the audit certificate (DER).
* **Anchored out of band**: after the commit, the checkpoint is timestamped by the TSA and
  written to the anchor folder with the entry hashes it adds (:mod:`.anchors`).
* **Nothing new, no new checkpoint**: if the only entry after the latest checkpoint is that
  checkpoint's own event, the latest checkpoint is returned instead of signing the same state.
* The signature is checked with the certificate right after signing, before anything is
  stored: a certificate that does not belong to the audit key stops here, not at the audit.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

import sealdesk
from sealdesk.core.audit.checkpoint import (
    Checkpoint,
    CheckpointFile,
    SignatureAlgorithm,
    SignedCheckpoint,
    export_checkpoint,
    key_id_for,
    sign_checkpoint,
    verify_checkpoint_signature,
)
from sealdesk.core.audit.events import EventType
from sealdesk.core.token import TokenSession
from sealdesk.errors import KeyNotFoundError, RecordIntegrityError, SealDeskError, TokenError
from sealdesk.services.audit.anchors import anchor_checkpoint
from sealdesk.services.audit.key_pin import PIN_FIELD, fingerprint, require_pinned_signer
from sealdesk.services.audit.reading import AuditReader
from sealdesk.services.context import AppContext
from sealdesk.storage.audit import checkpoints as checkpoint_repo
from sealdesk.storage.audit.repo import append_event, frontier_of, leaf_hashes, lock_head

log = logging.getLogger(__name__)


class TokenCheckpointSigner:
    """A :class:`~sealdesk.core.audit.checkpoint.CheckpointSigner` backed by the token.

    The key id and the algorithm come from the audit certificate on the token, read once when
    the signer is made; the token computes only the raw signature.
    """

    def __init__(self, token: TokenSession, label: str) -> None:
        self._token = token
        self._label = label
        self.certificate_der = token.certificate_der(label)
        try:
            self.certificate = x509.load_der_x509_certificate(self.certificate_der)
        except ValueError as ex:
            raise KeyNotFoundError(
                f"The audit certificate {label!r} on the token is not a readable X.509 "
                "certificate.",
                hint="Import the audit key's certificate onto the token again.",
            ) from ex
        key = self.certificate.public_key()
        if isinstance(key, ec.EllipticCurvePublicKey):
            self._algorithm = SignatureAlgorithm.ECDSA_SHA256
        elif isinstance(key, rsa.RSAPublicKey):
            self._algorithm = SignatureAlgorithm.RSA_PKCS1V15_SHA256
        else:
            raise KeyNotFoundError(
                f"The audit key {label!r} is neither an EC nor an RSA key.",
                hint="Generate the audit key as EC P-256 or RSA (3072 bits or more).",
            )
        self._key_id = key_id_for(key)

    @property
    def algorithm(self) -> str:
        return self._algorithm.value

    @property
    def key_id(self) -> str:
        return self._key_id

    @property
    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def sign(self, data: bytes) -> bytes:
        signature, algorithm = self._token.sign_with(self._label, data)
        if algorithm != self._algorithm.value:
            raise TokenError(
                f"The audit key {self._label!r} signed with {algorithm}, but its certificate "
                f"is for {self._algorithm.value}.",
                hint="The key and the certificate labelled for audit do not belong together.",
            )
        return signature


def create_checkpoint(ctx: AppContext, token: TokenSession) -> SignedCheckpoint:
    """Sign and store a checkpoint of the whole log, then record it (module docstring)."""
    with ctx.database.transaction() as session:
        signed, anchor = _checkpoint_in(ctx, session, token)
    if anchor is not None:
        anchor()
    return signed


def checkpoint_in_transaction(ctx: AppContext, session: Session,
                              token: TokenSession) -> SignedCheckpoint:
    """Sign a checkpoint in the caller's transaction, covering the events it just appended.

    For security-relevant acts (rotation, custodians, policy, roles, maintenance, compromise,
    settings that change signing, recovery): the act, its events and the signed checkpoint
    over them commit together or not at all, so there is never an unsigned tail for what
    matters. Any failure (token pulled, wrong audit key) raises and the caller's transaction
    rolls back: the act does not take effect. The anchor is written once the caller commits.
    """
    signed, anchor = _checkpoint_in(ctx, session, token)
    if anchor is not None:
        sa_event.listen(session, "after_commit", lambda _session: anchor(), once=True)
    return signed


def _checkpoint_in(ctx: AppContext, session: Session, token: TokenSession
                   ) -> tuple[SignedCheckpoint, Callable[[], object] | None]:
    signer = TokenCheckpointSigner(token, ctx.config.token.audit_key_label)
    head = lock_head(session)
    latest = checkpoint_repo.latest_checkpoint(session)
    previous = _decode_latest(latest)
    if latest is not None and previous is not None and head.size <= latest.tree_size + 1:
        return previous, None
    leaves_from = 0 if previous is None else previous.checkpoint.tree_size
    leaves = leaf_hashes(session, leaves_from, int(head.size))
    require_pinned_signer(session, signer.certificate_der,
                          None if latest is None else latest.certificate_der)
    checkpoint = Checkpoint(
        tree_size=int(head.size),
        root_hash=frontier_of(int(head.size), head.frontier).root(),
        time=dt.datetime.now(dt.UTC),
        previous_checkpoint_hash=(
            previous.checkpoint.checkpoint_hash() if previous is not None else None
        ),
        console_id=ctx.console_id,
        software_version=sealdesk.__version__,
        key_id=signer.key_id,
    )
    signed = sign_checkpoint(checkpoint, signer)
    try:
        verify_checkpoint_signature(signed, signer.certificate)
    except RecordIntegrityError as ex:
        raise TokenError(
            "The audit key on the token does not match the audit certificate.",
            hint="Check the audit key label in Settings; the key and certificate must be a "
            "pair.",
        ) from ex
    checkpoint_repo.store_checkpoint(session, signed, signer.certificate_der)
    append_event(session, ctx.event(
        EventType.CHECKPOINT_CREATED,
        {"checkpoint_sha256": checkpoint.checkpoint_hash().hex()},
        {**checkpoint_event_details(checkpoint), PIN_FIELD: fingerprint(signer.certificate)},
    ))
    pem = signer.certificate_pem
    return signed, lambda: anchor_checkpoint(ctx, signed, pem, leaves_from, leaves)


def checkpoint_event_details(checkpoint: Checkpoint) -> dict[str, object]:
    """What the ``checkpoint.created`` event records (verification compares it)."""
    prev = checkpoint.previous_checkpoint_hash
    return {
        "tree_size": checkpoint.tree_size,
        "root_hash": checkpoint.root_hash.hex(),
        "key_id": checkpoint.key_id,
        "previous_checkpoint_sha256": None if prev is None else prev.hex(),
    }


def _decode_latest(latest: checkpoint_repo.StoredCheckpoint | None) -> SignedCheckpoint | None:
    if latest is None:
        return None
    try:
        return latest.decode()
    except ValueError as ex:
        raise RecordIntegrityError(
            f"The latest stored checkpoint (tree size {latest.tree_size}) is damaged: {ex}.",
            hint="Run 'sealdesk audit verify' and keep the database as it is.",
        ) from None


def checkpoint_after_operation(ctx: AppContext, token: TokenSession) -> SignedCheckpoint | None:
    """Take the end-of-operation checkpoint; a failure is logged, never undoes the operation.

    The operation's acts are already committed with their events; a checkpoint that cannot be
    taken now (token pulled out, audit key missing) is taken by the next operation, which covers
    everything before it. ``sealdesk audit verify`` reports entries not yet pinned.
    """
    try:
        return create_checkpoint(ctx, token)
    except SealDeskError as exc:
        log.warning("No audit checkpoint was taken at the end of this operation: %s", exc.message)
        return None


def latest_checkpoint_file(ctx: AppContext) -> CheckpointFile:
    """The latest stored checkpoint with its certificate, ready to export."""
    with AuditReader(ctx.database) as reader, reader.session() as session:
        latest = checkpoint_repo.latest_checkpoint(session)
    if latest is None:
        raise RecordIntegrityError(
            "The audit log has no signed checkpoint yet.",
            hint="Checkpoints are taken at the end of every operation that uses the token "
            "(e.g. sealing), or with 'sealdesk audit checkpoint create'.",
        )
    try:
        return latest.to_file()
    except ValueError as ex:
        raise RecordIntegrityError(
            f"The latest stored checkpoint (tree size {latest.tree_size}) is damaged: {ex}.",
            hint="Run 'sealdesk audit verify' and keep the database as it is.",
        ) from None


def export_latest_checkpoint(ctx: AppContext) -> tuple[bytes, Checkpoint]:
    """The latest checkpoint as a small file (for printing, mailing, anchoring elsewhere)."""
    cpf = latest_checkpoint_file(ctx)
    return export_checkpoint(cpf.signed, cpf.certificate_pem), cpf.signed.checkpoint
