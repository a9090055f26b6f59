"""Externalized anchors: each checkpoint written out of band, timestamped, and checked by verify.

Writing (:func:`anchor_checkpoint`) happens after the checkpoint's transaction committed: the
checkpoint is timestamped by the configured TSA (RFC 3161; pyHanko's in-process demo TSA in demo
mode) and written to the anchor folder (``[audit] anchor_dir``, default ``<data>/anchors``) as a
private file (0600 in a 0700 folder). A failure (TSA down, media not mounted) is logged and never
undoes the operation; the next checkpoint is anchored again, and ``audit verify`` warns.

Checking (:func:`check_anchors`) reads every anchor file it finds: each must carry a checkpoint
signed by a trusted audit certificate and a timestamp over it by a trusted TSA. Verification
then requires the log to reproduce every anchored root (a rewritten history fails even if the
audit key re-signed it), reports a database older than its newest anchor as a rollback, and a
stored checkpoint of an anchored size with another root as a fork (when it claims to predate the
anchor's timestamp) or a rewrite after anchoring.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
from pyhanko_certvalidator import ValidationContext

from sealdesk.config import TsaConfig
from sealdesk.core.audit.anchor import (
    Anchor,
    decode_anchor,
    encode_anchor,
    timestamp_facts,
    timestamp_signed_data,
)
from sealdesk.core.audit.canonical import format_time
from sealdesk.core.audit.checkpoint import (
    CheckpointFile,
    SignedCheckpoint,
    verify_checkpoint_signature,
)
from sealdesk.core.sealing.timestamping import build_timestamper
from sealdesk.errors import RecordIntegrityError, SealDeskError
from sealdesk.fsutil import atomic_write_bytes
from sealdesk.services.audit.report import AuditReport, CheckpointTrust, Finding, FindingKind
from sealdesk.services.context import AppContext
from sealdesk.services.tsa_credentials import tsa_password

log = logging.getLogger(__name__)


def anchor_checkpoint(ctx: AppContext, signed: SignedCheckpoint, certificate_pem: bytes,
                      leaves_from: int, leaves: list[bytes]) -> Path | None:
    """Timestamp ``signed`` and write it to the anchor folder; ``None`` (logged) on failure."""
    token, error = _timestamp(ctx, signed)
    anchor = Anchor(CheckpointFile(signed, certificate_pem), token, error, leaves_from,
                    tuple(leaves))
    folder = ctx.config.anchor_dir(ctx.paths)
    try:
        target = folder / anchor.file_name()
        atomic_write_bytes(target, encode_anchor(anchor))  # 0600; missing folders 0700
    except OSError as ex:
        log.warning("The checkpoint at tree size %d was not anchored in %s: %s",
                    anchor.tree_size, folder, ex)
        return None
    if error:
        log.warning("The checkpoint at tree size %d was anchored without a timestamp: %s",
                    anchor.tree_size, error)
    return target


def _timestamp(ctx: AppContext, signed: SignedCheckpoint) -> tuple[bytes | None, str | None]:
    if not ctx.config.audit.timestamp_checkpoints:
        return None, "timestamps are turned off ([audit] timestamp_checkpoints)"
    digest = hashlib.sha256(signed.checkpoint.signed_bytes()).digest()
    try:
        token = asyncio.run(_stamper(ctx.config.tsa).async_timestamp(digest, "sha256"))
    except SealDeskError as ex:
        return None, ex.message
    except Exception as ex:  # a TSA failure must not undo the operation
        return None, f"the TSA did not answer ({type(ex).__name__}: {ex})"
    return token.dump(), None


_DEMO_STAMPERS: dict[TsaConfig, TimeStamper] = {}


def _stamper(tsa: TsaConfig) -> TimeStamper:
    """The timestamper for ``tsa``; the demo one is kept, as loading its RSA key costs ~0.3 s
    (an HTTP one is built each time: it holds the account password).

    One attempt, no retries: an anchor's timestamp is best effort (a TSA outage must not make
    every operation wait out the sealing retries), and the next checkpoint's anchor asks
    again; ``audit verify`` names anchors that carry no timestamp."""
    if tsa.url or not tsa.is_demo:
        return build_timestamper(dataclasses.replace(tsa, retries=0), tsa_password(tsa))
    stamper = _DEMO_STAMPERS.get(tsa)
    if stamper is None:
        stamper = _DEMO_STAMPERS[tsa] = build_timestamper(tsa)
    return stamper


@dataclass(frozen=True)
class CheckedAnchor:
    """An anchor whose checkpoint signature (and timestamp, if any) verified."""

    path: Path
    anchor: Anchor
    timestamp: datetime | None


def check_anchors(folder: Path | None, trust: CheckpointTrust,
                  report: AuditReport) -> list[CheckedAnchor]:
    """Read and check every anchor file in ``folder``, smallest tree size first."""
    if folder is None or not folder.is_dir():
        return []
    good: list[CheckedAnchor] = []
    for path in sorted(folder.glob("checkpoint-*.json")):
        checked = _check_one(path, trust, report)
        if checked is not None:
            good.append(checked)
    good.sort(key=lambda c: c.anchor.tree_size)
    report.anchors = len(good)
    return good


def newest_valid_anchor(folder: Path, trust: CheckpointTrust, report: AuditReport,
                        limit: int = 50) -> CheckedAnchor | None:
    """The anchor of the largest tree size in ``folder`` that passes every check, or ``None``.

    Files are tried newest first (their names carry the zero-padded tree size), at most
    ``limit`` of them; the ones that fail are named in ``report``. For a status line this avoids
    checking every anchor ever written (one per operation) as :func:`check_anchors` does.
    """
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob("checkpoint-*.json"), reverse=True)[:limit]:
        checked = _check_one(path, trust, report)
        if checked is not None:
            return checked
    return None


def _check_one(path: Path, trust: CheckpointTrust, report: AuditReport) -> CheckedAnchor | None:
    def bad(message: str, size: int | None = None) -> None:
        report.findings.append(Finding(FindingKind.ANCHOR_INVALID, f"{path.name}: {message}",
                                       index=size, tree_size=size))

    try:
        anchor = decode_anchor(path.read_bytes(), f"anchor file {path.name}")
    except (OSError, SealDeskError) as ex:
        bad(getattr(ex, "message", str(ex)))
        return None
    size = anchor.tree_size
    cert = anchor.checkpoint.certificate
    try:
        verify_checkpoint_signature(anchor.checkpoint.signed, cert)
    except RecordIntegrityError as ex:
        bad(ex.message, size)
        return None
    if trust.configured and not trust.trusts(cert):
        bad("the anchored checkpoint is signed with a certificate no trust anchor issued", size)
        return None
    if anchor.timestamp_token is None:
        report.warnings.append(f"the anchor {path.name} has no timestamp "
                               f"({anchor.timestamp_error or 'none was requested'})")
        return CheckedAnchor(path, anchor, None)
    try:
        imprint, algorithm, when = timestamp_facts(anchor.timestamp_token)
    except ValueError as ex:
        bad(f"the timestamp cannot be read: {ex}", size)
        return None
    if (algorithm, imprint) != ("sha256", anchor.imprint()):
        bad("the timestamp does not cover this checkpoint", size)
        return None
    problem = _tsa_problem(anchor, trust)
    if problem == UNTRUSTED_TSA:  # intact, but its time proves nothing: keep the content only
        report.warnings.append(f"the anchor {path.name}: {problem}; its time is not used "
                               "(add the TSA's root to the trust anchors)")
        return CheckedAnchor(path, anchor, None)
    if problem:
        bad(problem, size)
        return None
    return CheckedAnchor(path, anchor, when)


UNTRUSTED_TSA = "the timestamp was not issued by a TSA the trust anchors certify"


def _tsa_problem(anchor: Anchor, trust: CheckpointTrust) -> str:
    """Check the TSA's signature over the timestamp, and its certificate against the anchors."""
    roots = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
             for c in trust.anchors]
    context = ValidationContext(trust_roots=roots, allow_fetching=False,
                                revocation_mode="soft-fail") if roots else None
    assert anchor.timestamp_token is not None
    try:
        status = asyncio.run(validate_tst_signed_data(
            timestamp_signed_data(anchor.timestamp_token), context, lambda _alg: anchor.imprint()))
    except Exception as ex:  # any failure to validate is a failure
        return f"the timestamp's signature could not be validated ({type(ex).__name__}: {ex})"
    if not (status.get("intact") and status.get("valid")):
        return "the timestamp's signature is not valid: the anchor file was altered"
    trusted = status.get("trust_problem_indic") is None and status.get("validation_path")
    if roots and not trusted:
        return UNTRUSTED_TSA
    return ""


def anchored_leaves(anchors: list[CheckedAnchor]) -> list[bytes]:
    """The entry hashes the anchors record, as one gap-free list from entry 0 (may be short)."""
    leaves: list[bytes] = []
    for item in anchors:
        start = item.anchor.leaves_from
        if start > len(leaves):
            break
        leaves.extend(item.anchor.leaves[len(leaves) - start :])
    return leaves


def add_anchored_roots(anchors: list[CheckedAnchor], stored: dict[int, tuple[bytes, datetime]],
                       roots: dict[int, bytes], report: AuditReport) -> None:
    """Make the walk check every anchored root; name forks and re-signed rewrites."""
    for item in anchors:
        cp = item.anchor.checkpoint.signed.checkpoint
        mine = stored.get(cp.tree_size)
        if mine is not None and mine[0] != cp.root_hash:
            report.findings.append(_conflict(item, mine[1]))
        roots[cp.tree_size] = cp.root_hash


def _conflict(item: CheckedAnchor, stored_time: datetime) -> Finding:
    cp = item.anchor.checkpoint.signed.checkpoint
    when = item.timestamp or cp.time
    if stored_time < when:
        kind, message = FindingKind.FORK, (
            f"proof of a fork: the database's checkpoint of tree size {cp.tree_size} "
            f"({format_time(stored_time)}) claims to be older than the one anchored in "
            f"{item.path.name} (timestamped {format_time(when)}) but states another root: "
            "the audit key signed two different histories")
    else:
        kind, message = FindingKind.ROOT_MISMATCH, (
            f"the database's checkpoint of tree size {cp.tree_size} was signed after the one "
            f"anchored in {item.path.name} ({format_time(when)}) with another root: the history "
            "was rewritten and re-signed after it was anchored")
    return Finding(kind, message, index=cp.tree_size, expected=cp.root_hash.hex(),
                   tree_size=cp.tree_size)


def rollback_finding(newest: CheckedAnchor, log_entries: int) -> Finding:
    """The database holds fewer entries than an anchored checkpoint covers."""
    size = newest.anchor.tree_size
    when = newest.timestamp or newest.anchor.checkpoint.signed.checkpoint.time
    return Finding(
        FindingKind.ROLLBACK,
        f"the database holds {log_entries} entries but the checkpoint anchored in "
        f"{newest.path.name} ({format_time(when)}) covers {size}: the database was rolled back "
        f"to an older copy or its tail was deleted; entries {log_entries} to {size - 1} are "
        "missing",
        index=log_entries, expected=str(size), found=str(log_entries), tree_size=size)
