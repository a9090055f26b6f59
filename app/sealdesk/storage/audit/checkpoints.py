"""Signed checkpoints in the database: store one, read them back as verifiable values.

A row keeps the exact signed bytes, the signature and the audit certificate (DER), so that a
checkpoint can be verified years later with no token and no configuration. ``tree_size`` and
``root_hash`` are copies for queries; verification always reads the signed bytes and compares
the copies against them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select
from sqlalchemy.orm import Session

from sealdesk.core.audit.checkpoint import (
    Checkpoint,
    CheckpointFile,
    SignatureAlgorithm,
    SignedCheckpoint,
)
from sealdesk.storage.audit.models import Checkpoint as CheckpointRow


@dataclass(frozen=True)
class StoredCheckpoint:
    """One row as stored, without interpretation (verification decides what is wrong)."""

    row_id: int
    tree_size: int
    root_hash: bytes
    signed_payload: bytes
    signature: bytes
    algorithm: str
    certificate_der: bytes
    created_at: dt.datetime

    def decode(self) -> SignedCheckpoint:
        """The signed checkpoint; :class:`ValueError` if the stored bytes are not one."""
        try:
            obj = json.loads(self.signed_payload)
        except (UnicodeDecodeError, json.JSONDecodeError) as ex:
            raise ValueError(f"the signed bytes are not JSON ({ex})") from None
        checkpoint = Checkpoint.from_dict(obj)
        if checkpoint.signed_bytes() != self.signed_payload:
            raise ValueError("the signed bytes are not in canonical form")
        return SignedCheckpoint(checkpoint, self.signature, SignatureAlgorithm(self.algorithm))

    def certificate(self) -> x509.Certificate:
        return x509.load_der_x509_certificate(self.certificate_der)

    def to_file(self) -> CheckpointFile:
        """The exportable form (signed checkpoint plus the certificate as PEM)."""
        pem = self.certificate().public_bytes(serialization.Encoding.PEM)
        return CheckpointFile(self.decode(), pem)


def store_checkpoint(session: Session, signed: SignedCheckpoint, certificate_der: bytes) -> int:
    """Insert a signed checkpoint in the caller's transaction; returns its row id."""
    cp = signed.checkpoint
    row = CheckpointRow(
        tree_size=cp.tree_size,
        root_hash=cp.root_hash,
        signed_payload=cp.signed_bytes(),
        signature=signed.signature,
        algorithm=signed.algorithm.value,
        certificate_der=certificate_der,
        created_at=cp.time,
    )
    session.add(row)
    session.flush()
    return int(row.id)


def _stored(row: CheckpointRow) -> StoredCheckpoint:
    return StoredCheckpoint(
        row_id=int(row.id),
        tree_size=int(row.tree_size),
        root_hash=bytes(row.root_hash),
        signed_payload=bytes(row.signed_payload),
        signature=bytes(row.signature),
        algorithm=str(row.algorithm),
        certificate_der=bytes(row.certificate_der),
        created_at=row.created_at,
    )


def all_checkpoints(session: Session) -> list[StoredCheckpoint]:
    """Every stored checkpoint, in log order (tree size, then insertion)."""
    rows = session.execute(
        select(CheckpointRow).order_by(CheckpointRow.tree_size, CheckpointRow.id)
    ).scalars()
    return [_stored(r) for r in rows]


def latest_checkpoint(session: Session) -> StoredCheckpoint | None:
    """The checkpoint covering the most entries (the last one taken)."""
    row = session.execute(
        select(CheckpointRow)
        .order_by(CheckpointRow.tree_size.desc(), CheckpointRow.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return None if row is None else _stored(row)


def checkpoint_at(session: Session, tree_size: int) -> StoredCheckpoint | None:
    """The checkpoint taken at exactly this tree size, if any."""
    row = session.execute(
        select(CheckpointRow)
        .where(CheckpointRow.tree_size == tree_size)
        .order_by(CheckpointRow.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return None if row is None else _stored(row)


def first_checkpoint_covering(session: Session, index: int) -> StoredCheckpoint | None:
    """The earliest checkpoint whose tree contains entry ``index``."""
    row = session.execute(
        select(CheckpointRow)
        .where(CheckpointRow.tree_size > index)
        .order_by(CheckpointRow.tree_size, CheckpointRow.id)
        .limit(1)
    ).scalar_one_or_none()
    return None if row is None else _stored(row)
