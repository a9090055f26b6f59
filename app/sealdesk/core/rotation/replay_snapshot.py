"""A signed snapshot of the authority replay, so a new process replays only what came after it.

The authority (custodians, quorum policy, signing policy, proposals) is replayed from the audit
log with its hash chain checked in the same pass; on a long log that pass is what every
``sealdesk seal`` and ``sealdesk verify`` paid at start-up (4 s per 200,000 entries). A snapshot
records, at the tree size ``n`` of a signed checkpoint, the relevant events of entries
``0..n-1`` (the replay's whole input up to there) and the hash of entry ``n-1``. It is made by a
console that has just verified the chain up to ``n``, and its *statement* is signed with the
audit key, next to the checkpoint::

    {"type": "sealdesk.authority.snapshot", "v": 1, "tree_size": n,
     "head_hash": <entry n-1's hash>, "root_hash": <the checkpoint's root>,
     "checkpoint_sha256": <hash of the signed checkpoint>, "state_sha256": <SHA-256 of the state>}

The state is canonical JSON ``{"v": 1, "events": [[index, "<base64 canonical payload>"], ...]}``.

Nothing in it is trusted because the database holds it: before use, the caller checks the
signature with a certificate that is both issued by a configured trust anchor and the audit
key the log pins at ``n``, the state's hash against the statement, the checkpoint it names, and
that entry ``n-1`` still has the signed hash (so the entries read after it continue *this*
history). Anyone without the audit key who edits the state, the statement or the signature is
caught by those checks; the caller then replays the whole log, as before snapshots existed.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from sealdesk.core.audit.canonical import canonical_json
from sealdesk.core.audit.checkpoint import SignatureAlgorithm

SNAPSHOT_TYPE = "sealdesk.authority.snapshot"
VERSION = 1


class SnapshotRejected(Exception):
    """The stored snapshot does not hold up; the message says which check failed."""


@dataclass(frozen=True)
class ReplaySnapshot:
    """The replay's input up to ``tree_size``: relevant events and the last entry's hash."""

    tree_size: int
    head_hash: bytes
    root_hash: bytes
    checkpoint_sha256: bytes
    events: tuple[tuple[int, bytes], ...]
    """(index, canonical payload) of every relevant event below ``tree_size``, in log order."""

    def state_bytes(self) -> bytes:
        return canonical_json({"v": VERSION, "events": [
            [index, base64.b64encode(payload).decode("ascii")] for index, payload in self.events
        ]})

    def statement_bytes(self) -> bytes:
        """What the audit key signs."""
        return canonical_json({
            "type": SNAPSHOT_TYPE, "v": VERSION, "tree_size": self.tree_size,
            "head_hash": self.head_hash.hex(), "root_hash": self.root_hash.hex(),
            "checkpoint_sha256": self.checkpoint_sha256.hex(),
            "state_sha256": hashlib.sha256(self.state_bytes()).hexdigest(),
        })


def decode_snapshot(statement: bytes, state: bytes) -> ReplaySnapshot:
    """The snapshot a statement and a state describe, if the state is the one the statement names.

    Raises :class:`SnapshotRejected` for anything malformed or a state whose hash differs.
    """
    fields = _object(statement, "statement")
    if fields.get("type") != SNAPSHOT_TYPE or fields.get("v") != VERSION:
        raise SnapshotRejected("the statement is not an authority snapshot of version 1")
    if hashlib.sha256(state).hexdigest() != fields.get("state_sha256"):
        raise SnapshotRejected("the stored state is not the state the signed statement names")
    events = _object(state, "state").get("events")
    if not isinstance(events, list):
        raise SnapshotRejected("the state lists no events")
    try:
        decoded = tuple((int(index), base64.b64decode(payload, validate=True))
                        for index, payload in events)
        snapshot = ReplaySnapshot(int(fields["tree_size"]), bytes.fromhex(fields["head_hash"]),
                                  bytes.fromhex(fields["root_hash"]),
                                  bytes.fromhex(fields["checkpoint_sha256"]), decoded)
    except (KeyError, TypeError, ValueError) as exc:
        raise SnapshotRejected(f"the snapshot is malformed ({exc.__class__.__name__})") from None
    if snapshot.statement_bytes() != statement or snapshot.state_bytes() != state:
        raise SnapshotRejected("the snapshot is not in canonical form")
    if any(index >= snapshot.tree_size for index, _ in decoded) or \
            [i for i, _ in decoded] != sorted({i for i, _ in decoded}):
        raise SnapshotRejected("the state's events are out of order or beyond its tree size")
    return snapshot


def verify_statement_signature(statement: bytes, signature: bytes, algorithm: str,
                               certificate: x509.Certificate) -> None:
    """Raise :class:`SnapshotRejected` unless ``signature`` is the certificate's key's."""
    key = certificate.public_key()
    try:
        kind = SignatureAlgorithm(algorithm)
        if kind is SignatureAlgorithm.ECDSA_SHA256 and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, statement, ec.ECDSA(hashes.SHA256()))
        elif kind is SignatureAlgorithm.RSA_PKCS1V15_SHA256 and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, statement, padding.PKCS1v15(), hashes.SHA256())
        else:
            raise SnapshotRejected(f"the signature's algorithm {algorithm!r} does not fit the key")
    except (InvalidSignature, ValueError):
        raise SnapshotRejected("the statement's signature is not valid") from None


def _object(data: bytes, what: str) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except (UnicodeDecodeError, ValueError):
        raise SnapshotRejected(f"the {what} is not JSON") from None
    if not isinstance(value, dict):
        raise SnapshotRejected(f"the {what} is not a JSON object")
    return value
