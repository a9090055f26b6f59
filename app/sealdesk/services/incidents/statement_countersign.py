"""A custodian's counter-signature of an incident statement, and checking a statement fully.

The statement (``INC-n.json``) is signed by the audit key when issued
(:mod:`.statement`). A custodian counter-signs its exact bytes with their own token
(``INC-n.countersig-<custodian>.json`` beside it, recorded in the log), the same mechanism as
the reconciliation report (:mod:`sealdesk.services.countersign`). :func:`check_statement`
checks the audit key's signature, that the log records the statement (``incident.reported``
names its SHA-256) and every counter-signature beside it against the custodians the log proves.
"""

from __future__ import annotations

import json
from pathlib import Path

from cryptography import x509

from sealdesk.core.audit.events import EventType
from sealdesk.core.countersign import Kind
from sealdesk.errors import SealDeskError
from sealdesk.services.audit.verify import trust_for
from sealdesk.services.context import AppContext
from sealdesk.services.countersign.checking import SignedDocumentCheck, check_beside
from sealdesk.services.countersign.documents import (
    RecordedKind,
    countersign_document,
    read_document,
    read_signature,
    recorded_at,
)
from sealdesk.services.countersign.signing import Countersigned
from sealdesk.services.incidents.statement import STATEMENT_KIND, verify_statement
from sealdesk.services.keys.custodian_tokens import CustodianToken

STATEMENT = RecordedKind(
    "statement", "the INC-n.json file SealDesk wrote", Kind.INCIDENT_STATEMENT,
    EventType.INCIDENT_REPORTED, "details", "statement_sha256",
    lambda content: content.get("kind") == STATEMENT_KIND)


def countersign_statement(ctx: AppContext, json_path: Path, where: CustodianToken,
                          pin: str | None, *, custodian: str | None = None) -> Countersigned:
    """Counter-sign the statement's exact bytes with the custodian's token."""
    data, content = read_document(json_path, STATEMENT)
    incident = content.get("incident")
    about = {"file": json_path.name, "issued_at": str(content.get("issued_at", "")),
             "incident": str(incident.get("id", "")) if isinstance(incident, dict) else ""}
    return countersign_document(ctx, json_path, STATEMENT, data, about, where, pin,
                                custodian=custodian)


def check_statement(ctx: AppContext, json_path: Path) -> SignedDocumentCheck:
    """The audit key's signature, the log's record, and every counter-signature beside it."""
    data, _content = read_document(json_path, STATEMENT)
    check = SignedDocumentCheck(json_path)
    sig_path = json_path.with_name(json_path.stem + ".sig.json")
    try:
        signed = json.loads(read_signature(sig_path))
        certificate = x509.load_pem_x509_certificate(signed["certificate_pem"].encode("ascii"))
        verify_statement(json_path, sig_path, certificate)
        trust = trust_for(ctx)
        if trust.configured and not trust.trusts(certificate):
            check.audit_signature = "made with a certificate no trust anchor issued"
    except (OSError, ValueError, KeyError, TypeError) as ex:
        check.audit_signature = f"unreadable ({ex})"
    except SealDeskError as ex:
        check.audit_signature = f"NOT VALID: {ex.message}"
    check.recorded_at = recorded_at(ctx, STATEMENT, data)
    check.countersignatures = check_beside(ctx, json_path, Kind.INCIDENT_STATEMENT)
    return check
