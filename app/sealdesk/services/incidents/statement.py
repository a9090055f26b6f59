"""The signed incident statement: what happened, what it touched, what was done, what is open.

``sealdesk incident report ID`` writes three files next to each other:

* ``INC-n.json`` — the statement: the incident, its timeline from the audit log, the affected
  documents and seals with their current verdicts (seal status, latest revalidation), the
  reconciliation figure (affected seals whose latest revalidation after the incident PASSED),
  the times (detect, contain, resolve), the action items, and the log's size and head hash at
  issue, so the statement is pinned to a point of the log;
* ``INC-n.sig.json`` — the audit key's signature over the exact bytes of ``INC-n.json``, the
  algorithm, the key id and the audit certificate: checkable offline with
  :func:`verify_statement` (``sealdesk incident verify-report``), no token needed;
* ``INC-n.html`` — the same for people, unsigned (the JSON is the evidence).

Issuing is recorded (``incident.reported`` with the statement's SHA-256), so a statement that
was issued cannot later be denied, and one that was not cannot be passed off as issued.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from sqlalchemy import select
from sqlalchemy.orm import Session

import sealdesk
from sealdesk.core.audit.canonical import format_time
from sealdesk.core.audit.checkpoint import key_id_for
from sealdesk.core.audit.events import EventType
from sealdesk.core.token import TokenSelector, TokenSession, open_token_session
from sealdesk.errors import InputError, RecordIntegrityError
from sealdesk.fsutil import atomic_write_bytes, make_missing_dirs
from sealdesk.services.access.roles import Role, require_role
from sealdesk.services.audit.checkpoints import TokenCheckpointSigner
from sealdesk.services.audit.log import record
from sealdesk.services.context import AppContext
from sealdesk.services.incidents.metrics import fill_containment, incident_times
from sealdesk.services.incidents.register import (
    Incident,
    LinkKind,
    load_incidents,
    require_incident,
)
from sealdesk.services.incidents.timeline import build_timeline
from sealdesk.storage.audit.repo import lock_head
from sealdesk.storage.documents.models import Document, Seal
from sealdesk.storage.revalidation.models import RevalidationResult

STATEMENT_KIND = "sealdesk.incident-statement"


@dataclass(frozen=True)
class IssuedStatement:
    json_path: Path
    signature_path: Path
    html_path: Path
    sha256: str


def build_statement(session: Session, incident: Incident) -> dict[str, Any]:
    """The statement's content (module docstring), read in one snapshot."""
    fill_containment(session, incident)
    head = lock_head(session)
    affected = _affected(session, incident)
    after = [a for a in affected if a.get("revalidated_at") and
             a["revalidated_at"] >= format_time(incident.opened_at)]
    passed = sum(1 for a in after if a.get("verdict") == "PASSED")
    return {
        "kind": STATEMENT_KIND, "v": 1,
        "issued_at": format_time(dt.datetime.now(dt.UTC)),
        "software_version": sealdesk.__version__,
        "log": {"size": head.size, "head_hash": head.head_hash.hex()},
        "incident": {
            "id": incident.name, "type": incident.type.value, "title": incident.title,
            "state": "open" if incident.is_open else "closed", "automatic": incident.automatic,
            "opened_by": incident.opened_by, "occurred_at": format_time(incident.occurred_at),
            "detected_at": format_time(incident.opened_at),
            "contained_at": _time(incident.contained_at),
            "resolved_at": _time(incident.closed_at), "root_cause": incident.root_cause,
            "seconds": incident_times(incident),
        },
        "timeline": [e.to_json() for e in build_timeline(session, incident)],
        "affected": affected,
        "reconciliation": {
            "affected_seals": sum(1 for a in affected if a["kind"] == "seal"),
            "revalidated_after_detection": len(after), "passed_after_detection": passed,
            "percent_passed": round(100 * passed / len(after), 1) if after else None,
        },
        "notes": [{"index": i, "time": format_time(t), "actor": a, "text": x}
                  for i, t, a, x in incident.notes],
        "actions": [{"id": a.id, "text": a.text, "owner": a.owner,
                     "added_at": format_time(a.added_at), "closed_at": _time(a.closed_at),
                     "outcome": a.outcome} for a in incident.actions.values()],
        "open_action_items": [a.id for a in incident.open_actions],
    }


def _affected(session: Session, incident: Incident) -> list[dict[str, Any]]:
    """Each linked seal (a linked document stands for its seals) with its verdict now."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for link in incident.links:
        if link.kind == LinkKind.SEAL:
            seals = list(session.execute(select(Seal).where(
                Seal.sealed_sha256 == link.ref)).scalars())
        elif link.kind == LinkKind.DOCUMENT:
            seals = list(session.execute(select(Seal).join(Document).where(
                Document.sha256 == link.ref)).scalars())
            if not seals and link.ref not in seen:
                seen.add(link.ref)
                rows.append({"kind": "document", "document_sha256": link.ref,
                             "status": "not sealed", "verdict": None})
        else:
            continue
        for seal in seals:
            if seal.sealed_sha256 in seen:
                continue
            seen.add(seal.sealed_sha256)
            rows.append({"kind": "seal", "document_sha256": seal.document.sha256,
                         "sealed_sha256": seal.sealed_sha256, "status": seal.status,
                         **_latest_verdict(session, seal.sealed_sha256)})
    return rows


def _latest_verdict(session: Session, sealed_sha256: str) -> dict[str, Any]:
    row = session.execute(
        select(RevalidationResult.indication, RevalidationResult.checked_at,
               RevalidationResult.run_id)
        .where(RevalidationResult.expected_sha256 == sealed_sha256,
               RevalidationResult.indication.is_not(None))
        .order_by(RevalidationResult.checked_at.desc()).limit(1)
    ).one_or_none()
    if row is None:
        return {"verdict": None, "revalidated_at": None, "run": None}
    when = row[1] if row[1].tzinfo else row[1].replace(tzinfo=dt.UTC)
    return {"verdict": row[0], "revalidated_at": format_time(when), "run": row[2]}


def issue_statement(ctx: AppContext, token: TokenSession, incident_id: int,
                    out_dir: Path) -> IssuedStatement:
    """Build, sign with the audit key, write and record the statement of one incident."""
    require_role(ctx, (Role.ADMINISTRATOR, Role.AUDITOR), "issue an incident statement")
    signer = TokenCheckpointSigner(token, ctx.config.token.audit_key_label)
    make_missing_dirs(out_dir)
    with ctx.database.transaction() as session:
        incident = require_incident(load_incidents(session), incident_id)
        content = build_statement(session, incident)
        data = json.dumps(content, sort_keys=True, ensure_ascii=False, indent=1).encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        signature = {
            "statement_sha256": digest, "algorithm": signer.algorithm, "key_id": signer.key_id,
            "signature": base64.b64encode(signer.sign(data)).decode("ascii"),
            "certificate_pem": signer.certificate_pem.decode("ascii"),
        }
        record(session, ctx.event(EventType.INCIDENT_REPORTED, {"incident": str(incident_id)},
                                  {"statement_sha256": digest, "log_size": content["log"]["size"]}))
        base = out_dir / incident.name
        paths = (base.with_suffix(".json"), base.with_suffix(".sig.json"),
                 base.with_suffix(".html"))
        try:  # files first, event committed last: no recorded statement without its files
            atomic_write_bytes(paths[0], data)
            atomic_write_bytes(paths[1], json.dumps(signature, indent=1).encode("utf-8"))
            atomic_write_bytes(paths[2], statement_html(content).encode("utf-8"))
        except BaseException:
            for path in paths:
                path.unlink(missing_ok=True)
            raise
    return IssuedStatement(*paths, digest)


def verify_statement(json_path: Path, signature_path: Path,
                     trusted_certificate: x509.Certificate | None = None) -> dict[str, Any]:
    """Check a statement's signature offline; returns the statement, or raises.

    Without ``trusted_certificate`` the certificate in the signature file is used, which proves
    only that the file was not altered since signing; give the pinned audit certificate to
    prove who signed.
    """
    try:
        data = json_path.read_bytes()
        signed = json.loads(signature_path.read_bytes())
        certificate = trusted_certificate or x509.load_pem_x509_certificate(
            signed["certificate_pem"].encode("ascii"))
        signature = base64.b64decode(signed["signature"], validate=True)
    except (OSError, ValueError, KeyError, TypeError) as ex:
        raise InputError(f"The statement or its signature file cannot be read: {ex}.",
                         hint="Give the INC-n.json and INC-n.sig.json written together.") from None
    key = certificate.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey | rsa.RSAPublicKey):
        raise RecordIntegrityError("The audit certificate holds neither an EC nor an RSA key.")
    if key_id_for(key) != signed.get("key_id"):
        raise RecordIntegrityError("The statement was signed by another key than this "
                                   "certificate's.", hint="Use the audit certificate pinned "
                                   "when the installation was set up.")
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        else:
            key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        raise RecordIntegrityError(
            f"The signature of {json_path.name} is not valid: the statement was altered after "
            "it was signed.", hint="Do not rely on this copy; ask for the statement again.",
        ) from None
    return json.loads(data)


def _time(value: dt.datetime | None) -> str | None:
    return None if value is None else format_time(value)


def statement_html(content: dict[str, Any]) -> str:
    """A readable page of the statement (the signed JSON is the evidence, not this page)."""
    inc = content["incident"]
    esc = html.escape

    def table(rows: list[dict[str, Any]], keys: list[str]) -> str:
        head = "".join(f"<th>{esc(k)}</th>" for k in keys)
        body = "".join("<tr>" + "".join(f"<td>{esc(str(r.get(k, '')))}</td>" for k in keys)
                       + "</tr>" for r in rows)
        return f"<table><tr>{head}</tr>{body}</table>" if rows else "<p>None.</p>"

    facts = "".join(f"<dt>{esc(k)}</dt><dd>{esc(str(v))}</dd>" for k, v in inc.items())
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{esc(inc['id'])}: {esc(inc['title'])}</title></head><body>"
        f"<h1>Incident statement {esc(inc['id'])}</h1><dl>{facts}</dl>"
        f"<p>Issued {esc(content['issued_at'])} at audit log size {content['log']['size']} "
        f"(head {esc(content['log']['head_hash'])}). The signed JSON is the evidence.</p>"
        "<h2>Timeline (from the audit log)</h2>"
        + table(content["timeline"], ["index", "time", "actor", "type", "summary"])
        + "<h2>Affected documents and seals</h2>"
        + table(content["affected"], ["kind", "document_sha256", "sealed_sha256", "status",
                                      "verdict", "revalidated_at"])
        + f"<h2>Reconciliation</h2><p>{esc(json.dumps(content['reconciliation']))}</p>"
        + "<h2>Actions</h2>"
        + table(content["actions"], ["id", "text", "owner", "added_at", "closed_at", "outcome"])
        + f"<p>Open action items: {len(content['open_action_items'])}</p></body></html>"
    )


def issue_statement_with_pin(ctx: AppContext, pin: str | None, incident_id: int,
                             out_dir: Path) -> IssuedStatement:
    """Log in to the configured token with ``pin`` and issue the statement (for the GUI).

    The PIN goes to the token session and nowhere else; the session closes before returning.
    """
    cfg = ctx.config.token
    with open_token_session(cfg.module, TokenSelector.from_config(cfg), pin,
                            environment=cfg.environment) as token:
        return issue_statement(ctx, token, incident_id, out_dir)


def statements_folder(ctx: AppContext) -> Path:
    """Where the GUI writes statements unless told otherwise: ``<data>/statements``."""
    return ctx.paths.data_dir / "statements"
