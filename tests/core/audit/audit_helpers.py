"""Helpers for the audit core tests: software audit keys with certificates, events, logs.

The token-backed signer comes later; these signers use real ECDSA P-256 and RSA keys from
``cryptography`` and sign exactly what a token would (SHA-256, DER for ECDSA).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from sealdesk.core.audit.chain import GENESIS, ChainEntry, make_entry
from sealdesk.core.audit.checkpoint import (
    Checkpoint,
    CheckpointFile,
    SignatureAlgorithm,
    key_id_for,
    sign_checkpoint,
)
from sealdesk.core.audit.events import AuditEvent, EventType
from sealdesk.core.audit.merkle import root_of

T0 = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)


@dataclass
class SoftwareSigner:
    """A CheckpointSigner over an in-memory key, with a self-signed audit certificate."""

    private_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    certificate_pem: bytes

    @property
    def algorithm(self) -> str:
        if isinstance(self.private_key, ec.EllipticCurvePrivateKey):
            return SignatureAlgorithm.ECDSA_SHA256.value
        return SignatureAlgorithm.RSA_PKCS1V15_SHA256.value

    @property
    def key_id(self) -> str:
        return key_id_for(self.private_key.public_key())

    def sign(self, data: bytes) -> bytes:
        if isinstance(self.private_key, ec.EllipticCurvePrivateKey):
            return self.private_key.sign(data, ec.ECDSA(hashes.SHA256()))
        return self.private_key.sign(data, padding.PKCS1v15(), hashes.SHA256())

    def checkpoint(
        self,
        entries: list[ChainEntry],
        *,
        size: int | None = None,
        previous: Checkpoint | None = None,
        time: dt.datetime = T0,
    ) -> CheckpointFile:
        """A signed checkpoint over the first ``size`` entries (all by default)."""
        size = len(entries) if size is None else size
        cp = Checkpoint(
            tree_size=size,
            root_hash=root_of([e.entry_hash for e in entries[:size]]),
            time=time,
            previous_checkpoint_hash=None if previous is None else previous.checkpoint_hash(),
            console_id="console-01",
            software_version="0.1.0",
            key_id=self.key_id,
        )
        return CheckpointFile(sign_checkpoint(cp, self), self.certificate_pem)


def make_signer(private_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey) -> SoftwareSigner:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SealDesk audit key (test)")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(T0 - dt.timedelta(days=1))
        .not_valid_after(T0 + dt.timedelta(days=3650))
        .sign(private_key, hashes.SHA256())
    )
    return SoftwareSigner(private_key, cert.public_bytes(serialization.Encoding.PEM))


def sample_event(i: int, kind: EventType = EventType.DOCUMENT_SEALED) -> AuditEvent:
    """A realistic event, different for every ``i``."""
    return AuditEvent(
        type=kind,
        time=T0 + dt.timedelta(seconds=i),
        actor="alice@example.org",
        console_id="console-01",
        software_version="0.1.0",
        subject={"document_sha256": f"{i:064x}"},
        details={"file_name": f"invoice-{i:05d}.pdf", "pages": 1 + i % 7, "profile": "PAdES-B-T"},
    )


def build_log(n: int, first_event: Callable[[int], AuditEvent] = sample_event) -> list[ChainEntry]:
    """``n`` chained entries built with make_entry."""
    entries: list[ChainEntry] = []
    prev = GENESIS
    for i in range(n):
        entry = make_entry(i, prev, first_event(i))
        entries.append(entry)
        prev = entry.entry_hash
    return entries
