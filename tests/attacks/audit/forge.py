"""What an attacker does to the audit tables, as reusable steps: append forged entries and sign a
checkpoint over them with whatever key they hold (their own, one a demo root issued, the seal
key, or, for a token holder, the real audit key)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import Connection, text

from sealdesk.core.audit.chain import make_entry
from sealdesk.core.audit.checkpoint import Checkpoint, SignatureAlgorithm, key_id_for
from sealdesk.core.audit.events import EventType
from sealdesk.core.audit.merkle import root_of
from sealdesk.core.pki.issuer import CertificateAuthority
from sealdesk.services.audit.checkpoints import checkpoint_event_details
from sealdesk.services.audit.key_pin import PIN_FIELD, fingerprint
from sealdesk.services.context import AppContext
from sealdesk.storage.audit.repo import subject_key
from tests.audit.audit_support import rebuild_head


@dataclass(frozen=True)
class ForgingKey:
    """A certificate and a way to sign with its key (ECDSA, DER)."""

    certificate: x509.Certificate
    sign: Callable[[bytes], bytes]

    @property
    def key_id(self) -> str:
        return key_id_for(self.certificate.public_key())  # type: ignore[arg-type]


def demo_root_key(ctx: AppContext) -> ForgingKey:
    """A fresh key with a certificate issued by the demo root (its key file is on disk)."""
    demo = ctx.paths.demo_dir
    ca = CertificateAuthority.from_pem((demo / "root-key.pem").read_bytes(),
                                       (demo / "root.pem").read_bytes())
    key = ec.generate_private_key(ec.SECP256R1())
    cert = ca.issue(key.public_key(), "SealDesk Demo Audit Log", purpose="audit")
    return ForgingKey(cert, lambda data: key.sign(data, ec.ECDSA(hashes.SHA256())))


def insert_entry(conn: Connection, ctx: AppContext, kind: EventType, subject: dict[str, str],
                 details: dict[str, object]) -> int:
    """Append one entry after the current last one, as raw SQL, with correct copied columns."""
    last = conn.execute(text("SELECT idx, entry_hash FROM audit_entries ORDER BY idx DESC "
                             "LIMIT 1")).one()
    event = ctx.event(kind, subject, details)
    entry = make_entry(int(last[0]) + 1, bytes(last[1]), event)
    conn.execute(text(
        "INSERT INTO audit_entries (idx, prev_hash, entry_hash, payload, event_type, time, "
        "actor, subject) VALUES (:i, :p, :h, :d, :t, :m, :a, :s)"),
        {"i": entry.index, "p": entry.prev_hash, "h": entry.entry_hash, "d": entry.payload_json,
         "t": str(event.type), "m": event.time, "a": event.actor,
         "s": subject_key(event.subject)})
    return entry.index


def sign_checkpoint_over_log(conn: Connection, ctx: AppContext, key: ForgingKey,
                             when: dt.datetime | None = None) -> int:
    """Sign a checkpoint of the whole table with ``key`` (dated ``when``, default now), store
    it and record it (as the product would); returns its tree size."""
    hashes_ = [bytes(h) for h in conn.execute(text(
        "SELECT entry_hash FROM audit_entries ORDER BY idx")).scalars()]
    previous = conn.execute(text(
        "SELECT signed_payload FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1")).scalar()
    prev = Checkpoint.from_dict(json.loads(bytes(previous))) if previous is not None else None
    cp = Checkpoint(len(hashes_), root_of(hashes_), when or dt.datetime.now(dt.UTC),
                    prev.checkpoint_hash() if prev else None, ctx.console_id, "9.9",
                    key.key_id)
    conn.execute(text(
        "INSERT INTO audit_checkpoints (tree_size, root_hash, signed_payload, signature, "
        "algorithm, certificate_der, created_at) VALUES (:s, :r, :p, :g, :a, :c, :t)"),
        {"s": cp.tree_size, "r": cp.root_hash, "p": cp.signed_bytes(),
         "g": key.sign(cp.signed_bytes()), "a": SignatureAlgorithm.ECDSA_SHA256.value,
         "c": key.certificate.public_bytes(serialization.Encoding.DER), "t": cp.time})
    insert_entry(conn, ctx, EventType.CHECKPOINT_CREATED,
                 {"checkpoint_sha256": cp.checkpoint_hash().hex()},
                 {**checkpoint_event_details(cp), PIN_FIELD: fingerprint(key.certificate)})
    rebuild_head(conn)
    return cp.tree_size
