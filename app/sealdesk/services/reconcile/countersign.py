"""The incident lead's counter-signature of a reconciliation report, and checking a report.

A report (``reconciliation-*.json``) is signed with the audit key when it is written
(:mod:`.report`). The incident lead, a custodian, counter-signs it with their own token
(:func:`countersign_report`): ``reconciliation-*.countersig-<custodian>.json`` beside it, recorded
in the log. :func:`verify_report` checks both signatures, that the log records the report
(``reconciliation.done`` names its SHA-256), and every counter-signature found beside it, against
the custodians the log proves (:mod:`sealdesk.services.countersign.checking`).
"""

from __future__ import annotations

from pathlib import Path

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
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.services.reconcile.report import REPORT_FORMAT
from sealdesk.services.snapshots.manifest import verify_signature

REPORT = RecordedKind(
    "report", "the reconciliation-*.json file SealDesk wrote", Kind.RECONCILIATION,
    EventType.RECONCILIATION_DONE, "subject", "report_sha256",
    lambda content: content.get("format") == REPORT_FORMAT)


def countersign_report(ctx: AppContext, json_path: Path, where: CustodianToken,
                       pin: str | None, *, custodian: str | None = None) -> Countersigned:
    """Counter-sign the report's exact bytes with the custodian's (incident lead's) token."""
    data, report = read_document(json_path, REPORT)
    about = {"file": json_path.name, "created": str(report.get("created", "")),
             "clean": bool(report.get("clean"))}
    return countersign_document(ctx, json_path, REPORT, data, about, where, pin,
                                custodian=custodian)


def verify_report(ctx: AppContext, json_path: Path) -> SignedDocumentCheck:
    """The audit key's signature, the log's record, and every counter-signature beside it."""
    data, _report = read_document(json_path, REPORT)
    check = SignedDocumentCheck(json_path)
    sig_path = json_path.with_suffix(".json.sig")
    try:
        signed = verify_signature(data, read_signature(sig_path), sig_path.name)
        trust = trust_for(ctx)
        if trust.configured and not trust.trusts(signed.certificate):
            check.audit_signature = "made with a certificate no trust anchor issued"
    except OSError as ex:
        check.audit_signature = f"missing ({ex.strerror or ex})"
    except SealDeskError as ex:
        check.audit_signature = f"NOT VALID: {ex.message}"
    check.recorded_at = recorded_at(ctx, REPORT, data)
    check.countersignatures = check_beside(ctx, json_path, Kind.RECONCILIATION)
    return check
