"""Tampering done directly in the database, on SQLite and PostgreSQL: each is found and pinned.

Every test starts from the standard log (checkpoints A=300, B=551, C=592; see audit_support),
changes the tables with plain SQL as someone with database access but without the audit key
would, and checks that verification names the first bad entry exactly.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import Connection, text

from sealdesk.core.audit.chain import make_entry
from sealdesk.core.audit.checkpoint import (
    Checkpoint,
    SignatureAlgorithm,
    SignedCheckpoint,
    key_id_for,
)
from sealdesk.core.audit.events import EventType
from sealdesk.core.audit.merkle import root_of
from sealdesk.services.audit.checkpoints import TokenCheckpointSigner, latest_checkpoint_file
from sealdesk.services.audit.report import AuditReport, FindingKind
from sealdesk.services.audit.verify import verify_log
from sealdesk.services.context import AppContext
from tests.audit.audit_support import (
    LOG_SIZE,
    SIZES,
    demo_token,
    rebuild_head,
    rehash_from,
    rows,
    tamper,
)

TARGET = 420  # between checkpoints A (300) and B (551)


def _first(report: AuditReport, kind: FindingKind, index: int) -> None:
    assert not report.ok, report.summary()
    first = report.first
    assert first is not None
    assert (first.kind, first.index) == (kind, index), report.summary()


def test_untouched_log_verifies(logged_ctx: AppContext) -> None:
    report = verify_log(logged_ctx)
    assert report.ok, report.summary()
    assert report.entries_checked == LOG_SIZE
    assert report.roots_checked == SIZES
    assert report.checkpoints == 3
    assert report.warnings == []


def test_edited_payload(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        payload = bytes(rows(conn, TARGET)[0][3]).replace(b'"n":420', b'"n":421')
        conn.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = :i"),
                     {"p": payload, "i": TARGET})
    report = verify_log(logged_ctx)
    _first(report, FindingKind.PAYLOAD_ALTERED, TARGET)
    first = report.first
    assert first is not None and first.expected != first.found
    assert len(first.expected) == 64


def test_edited_hash(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        conn.execute(text("UPDATE audit_entries SET entry_hash = :h WHERE idx = :i"),
                     {"h": b"\x42" * 32, "i": TARGET})
    report = verify_log(logged_ctx)
    _first(report, FindingKind.HASH_ALTERED, TARGET)
    assert report.first is not None and report.first.found == "42" * 32


def test_deleted_entry_in_the_middle(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE idx = :i"), {"i": TARGET})
    _first(verify_log(logged_ctx), FindingKind.INDEX_GAP, TARGET)


def test_deleted_entry_with_renumbering(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE idx = :i"), {"i": TARGET})
        conn.execute(text("UPDATE audit_entries SET idx = -idx + 1 WHERE idx > :i"),
                     {"i": TARGET})
        conn.execute(text("UPDATE audit_entries SET idx = -idx WHERE idx < 0"))
    _first(verify_log(logged_ctx), FindingKind.INDEX_GAP, TARGET)


def test_deleted_tail_is_caught_by_an_exported_checkpoint(logged_ctx: AppContext) -> None:
    exported = latest_checkpoint_file(logged_ctx)  # C, 592 entries, kept out of band
    cut = 560  # after checkpoint B's entry, before C
    with tamper(logged_ctx) as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE idx >= :c"), {"c": cut})
        conn.execute(text("DELETE FROM audit_checkpoints WHERE tree_size >= :c"), {"c": cut})
        rebuild_head(conn)
    alone = verify_log(logged_ctx)  # the anchor folder holds checkpoint C: a rollback
    assert (FindingKind.ROLLBACK, cut) in {(f.kind, f.index) for f in alone.findings}, (
        alone.summary())
    shutil.rmtree(logged_ctx.config.anchor_dir(logged_ctx.paths))
    assert verify_log(logged_ctx).ok, "a consistent cut is invisible without an outside copy"
    report = verify_log(logged_ctx, against=exported)
    _first(report, FindingKind.TRUNCATED, cut)
    first = report.first
    assert first is not None and (first.expected, first.found) == ("592", str(cut))
    assert "exported checkpoint" in first.message


def test_deleted_tail_without_fixing_the_head(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE idx >= 590"))
    _first(verify_log(logged_ctx), FindingKind.TRUNCATED, 590)  # checkpoint C covers 592


def test_rewritten_history_is_caught_by_an_exported_checkpoint(logged_ctx: AppContext) -> None:
    exported = latest_checkpoint_file(logged_ctx)
    with tamper(logged_ctx) as conn:  # rewrite entry 570 and everything after, drop C
        payload = bytes(rows(conn, 570)[0][3]).replace(b'"n":570', b'"n":9')
        conn.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = 570"),
                     {"p": payload})
        conn.execute(text("DELETE FROM audit_checkpoints WHERE tree_size = 592"))
        conn.execute(text("DELETE FROM audit_entries WHERE idx = 592"))
        rehash_from(conn, 570)
    report = verify_log(logged_ctx, against=exported)
    _first(report, FindingKind.ANCHOR_MISMATCH, 570)  # the anchors name the entry itself
    assert (FindingKind.ROOT_MISMATCH, 591) in {(f.kind, f.index) for f in report.findings}
    shutil.rmtree(logged_ctx.config.anchor_dir(logged_ctx.paths))
    report = verify_log(logged_ctx, against=exported)  # the export alone gives a range
    _first(report, FindingKind.ROOT_MISMATCH, 591)
    assert report.first is not None and report.first.first_index == 551


def test_inserted_entry(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        prev = bytes(rows(conn, TARGET - 1)[0][2])
        conn.execute(text("UPDATE audit_entries SET idx = -idx - 1 WHERE idx >= :i"),
                     {"i": TARGET})
        conn.execute(text("UPDATE audit_entries SET idx = -idx WHERE idx < 0"))
        forged = make_entry(TARGET, prev, logged_ctx.event(
            EventType.DOCUMENT_SEALED, {"document_sha256": "f" * 64}, {"forged": True}))
        conn.execute(text(
            "INSERT INTO audit_entries (idx, prev_hash, entry_hash, payload, event_type, time, "
            "actor, subject) VALUES (:i, :p, :h, :d, 'document.sealed', :t, 'mallory', :s)"),
            {"i": TARGET, "p": forged.prev_hash, "h": forged.entry_hash,
             "d": forged.payload_json, "t": dt.datetime.now(dt.UTC), "s": "f" * 64})
    _first(verify_log(logged_ctx), FindingKind.INSERTED, TARGET)


def test_reordered_entries(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        conn.execute(text("UPDATE audit_entries SET idx = -1 WHERE idx = :i"), {"i": TARGET})
        conn.execute(text("UPDATE audit_entries SET idx = :i WHERE idx = :j"),
                     {"i": TARGET, "j": TARGET + 1})
        conn.execute(text("UPDATE audit_entries SET idx = :j WHERE idx = -1"), {"j": TARGET + 1})
    report = verify_log(logged_ctx)
    _first(report, FindingKind.REORDERED, TARGET)
    assert report.first is not None and f"index {TARGET + 1}" in report.first.message


def test_chain_recomputed_without_the_audit_key(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        payload = bytes(rows(conn, TARGET)[0][3]).replace(b'"n":420', b'"n":7')
        conn.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = :i"),
                     {"p": payload, "i": TARGET})
        rehash_from(conn, TARGET)
    _first(verify_log(logged_ctx), FindingKind.ANCHOR_MISMATCH, TARGET)  # named exactly
    shutil.rmtree(logged_ctx.config.anchor_dir(logged_ctx.paths))
    report = verify_log(logged_ctx)  # without anchors: the range between two checkpoints
    _first(report, FindingKind.ROOT_MISMATCH, SIZES[1] - 1)
    first = report.first
    assert first is not None and first.first_index == SIZES[0]
    assert first.first_index <= TARGET <= first.index  # the rewritten entry lies in the range
    assert first.expected != first.found


def test_chain_and_checkpoints_recomputed_without_the_audit_key(logged_ctx: AppContext) -> None:
    """Also rewrite the checkpoint rows to the new roots: only the signatures can tell."""
    with tamper(logged_ctx) as conn:
        payload = bytes(rows(conn, TARGET)[0][3]).replace(b'"n":420', b'"n":7')
        conn.execute(text("UPDATE audit_entries SET payload = :p WHERE idx = :i"),
                     {"p": payload, "i": TARGET})
        rehash_from(conn, TARGET)
        for size in SIZES[1:]:
            _forge_root(conn, size)
    report = verify_log(logged_ctx)
    kinds = {(f.kind, f.index) for f in report.findings}
    assert (FindingKind.SIGNATURE_INVALID, SIZES[1]) in kinds, report.summary()
    assert (FindingKind.SIGNATURE_INVALID, SIZES[2]) in kinds
    _first(report, FindingKind.ANCHOR_MISMATCH, TARGET)  # the anchors name the entry itself
    shutil.rmtree(logged_ctx.config.anchor_dir(logged_ctx.paths))
    without_anchors = verify_log(logged_ctx)
    assert without_anchors.first is not None and without_anchors.first.index == SIZES[1]


def _forge_root(conn: Connection, size: int) -> None:
    hashes = [bytes(h) for h in conn.execute(text(
        "SELECT entry_hash FROM audit_entries WHERE idx < :s ORDER BY idx"), {"s": size}
    ).scalars()]
    signed = bytes(conn.execute(text(
        "SELECT signed_payload FROM audit_checkpoints WHERE tree_size = :s"), {"s": size}
    ).scalar_one())
    cp = Checkpoint.from_dict(json.loads(signed))
    forged = Checkpoint(cp.tree_size, root_of(hashes), cp.time, cp.previous_checkpoint_hash,
                        cp.console_id, cp.software_version, cp.key_id)
    conn.execute(text("UPDATE audit_checkpoints SET root_hash = :r, signed_payload = :p "
                      "WHERE tree_size = :s"),
                 {"r": forged.root_hash, "p": forged.signed_bytes(), "s": size})


def _attacker_certificate() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SealDesk Demo Audit Log")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30)).sign(key, hashes.SHA256()))
    return key, cert


def test_checkpoint_replaced_with_one_signed_by_another_key(logged_ctx: AppContext) -> None:
    size = SIZES[1]
    with tamper(logged_ctx) as conn:
        stored = bytes(conn.execute(text(
            "SELECT signed_payload FROM audit_checkpoints WHERE tree_size = :s"), {"s": size}
        ).scalar_one())
        original = Checkpoint.from_dict(json.loads(stored))
        key, cert = _attacker_certificate()
        forged = Checkpoint(size, original.root_hash, original.time,
                            original.previous_checkpoint_hash, original.console_id,
                            original.software_version, key_id_for(key.public_key()))
        signature = key.sign(forged.signed_bytes(), ec.ECDSA(hashes.SHA256()))
        conn.execute(text(
            "UPDATE audit_checkpoints SET signed_payload = :p, signature = :g, "
            "certificate_der = :c WHERE tree_size = :s"),
            {"p": forged.signed_bytes(), "g": signature,
             "c": cert.public_bytes(serialization.Encoding.DER), "s": size})
    report = verify_log(logged_ctx)
    kinds = {(f.kind, f.index) for f in report.findings}
    assert (FindingKind.CERTIFICATE_UNTRUSTED, size) in kinds, report.summary()
    assert (FindingKind.CHECKPOINT_NOT_RECORDED, size) in kinds
    assert report.first is not None and report.first.index == size


def test_checkpoint_replaced_with_another_genuine_one(logged_ctx: AppContext) -> None:
    """Even a checkpoint the real audit key signed cannot stand in for the one the log names."""
    size = SIZES[1]
    with demo_token(logged_ctx) as token:
        signer = TokenCheckpointSigner(token, logged_ctx.config.token.audit_key_label)
        with tamper(logged_ctx) as conn:
            stored = bytes(conn.execute(text(
                "SELECT signed_payload FROM audit_checkpoints WHERE tree_size = :s"), {"s": size}
            ).scalar_one())
            original = Checkpoint.from_dict(json.loads(stored))
            other = Checkpoint(size, original.root_hash, original.time + dt.timedelta(seconds=1),
                               None, "elsewhere", original.software_version, signer.key_id)
            signed = SignedCheckpoint(other, signer.sign(other.signed_bytes()),
                                      SignatureAlgorithm(signer.algorithm))
            conn.execute(text(
                "UPDATE audit_checkpoints SET signed_payload = :p, signature = :g "
                "WHERE tree_size = :s"),
                {"p": other.signed_bytes(), "g": signed.signature, "s": size})
    report = verify_log(logged_ctx)
    kinds = {(f.kind, f.index) for f in report.findings}
    assert (FindingKind.CHECKPOINT_NOT_RECORDED, size) in kinds, report.summary()
    assert (FindingKind.CHECKPOINT_CHAIN_BROKEN, size) in kinds
    assert (FindingKind.CHECKPOINT_CHAIN_BROKEN, SIZES[2]) in kinds
    assert not any(f.kind is FindingKind.SIGNATURE_INVALID for f in report.findings)
    assert report.first is not None and report.first.index == size


def test_deleted_checkpoint(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        conn.execute(text("DELETE FROM audit_checkpoints WHERE tree_size = :s"), {"s": SIZES[1]})
    report = verify_log(logged_ctx)
    _first(report, FindingKind.CHECKPOINT_MISSING, SIZES[1])
    assert any(f.kind is FindingKind.CHECKPOINT_CHAIN_BROKEN and f.index == SIZES[2]
               for f in report.findings)


def test_edited_checkpoint_columns(logged_ctx: AppContext) -> None:
    with tamper(logged_ctx) as conn:
        conn.execute(text("UPDATE audit_checkpoints SET root_hash = :r WHERE tree_size = :s"),
                     {"r": b"\x00" * 32, "s": SIZES[0]})
    _first(verify_log(logged_ctx), FindingKind.CHECKPOINT_ALTERED, SIZES[0])
