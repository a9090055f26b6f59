"""The incident lead's counter-signature of a reconciliation report, and checking a report.

A report (``reconciliation-*.json``) is signed with the audit key when it is written
(:mod:`.report`). The incident lead, a custodian, counter-signs it with their own token
(:func:`countersign_report`): ``reconciliation-*.countersig-<custodian>.json`` beside it, recorded
in the log. :func:`verify_report` checks both signatures, that the log records the report
(``reconciliation.done`` names its SHA-256), and every counter-signature found beside it, against
the custodians the log proves (:mod:`sealdesk.services.countersign.checking`).
"""

from __future__ import annotations

import hashlib
import json
from functools import partial
from pathlib import Path

from sealdesk.core.audit.events import EventType
from sealdesk.core.countersign import Kind
from sealdesk.errors import InputError, SealDeskError
from sealdesk.services.audit.verify import trust_for
from sealdesk.services.context import AppContext
from sealdesk.services.countersign.checking import (
    SignedDocumentCheck,
    check_beside,
    find_recorded,
)
from sealdesk.services.countersign.signing import (
    Countersigned,
    countersign,
    countersignature_path,
)
from sealdesk.services.keys.custodian_tokens import CustodianToken
from sealdesk.services.reconcile.report import REPORT_FORMAT
from sealdesk.services.snapshots.manifest import verify_signature


def _read_report(json_path: Path) -> tuple[bytes, dict[str, object]]:
    try:
        data = json_path.read_bytes()
        report = json.loads(data)
    except (OSError, ValueError) as ex:
        raise InputError(f"The report {json_path.name} cannot be read: {ex}.",
                         hint="Give the reconciliation-*.json file SealDesk wrote.") from None
    if not isinstance(report, dict) or report.get("format") != REPORT_FORMAT:
        raise InputError(f"{json_path.name} is not a SealDesk reconciliation report.",
                         hint="Give the reconciliation-*.json file SealDesk wrote.")
    return data, report


def countersign_report(ctx: AppContext, json_path: Path, where: CustodianToken,
                       pin: str | None, *, custodian: str | None = None) -> Countersigned:
    """Counter-sign the report's exact bytes with the custodian's (incident lead's) token."""
    data, report = _read_report(json_path)
    digest = hashlib.sha256(data).hexdigest()
    if find_recorded(ctx, EventType.RECONCILIATION_DONE, "subject", "report_sha256",
                     digest) is None:
        raise InputError(f"The audit log does not record the report {json_path.name}; it "
                         "cannot be counter-signed.",
                         hint="Counter-sign a report this installation wrote, unchanged.")
    about = {"file": json_path.name, "created": str(report.get("created", "")),
             "clean": bool(report.get("clean"))}
    return countersign(ctx, where, pin, Kind.RECONCILIATION, digest, about,
                       partial(countersignature_path, json_path), expected=custodian)


def verify_report(ctx: AppContext, json_path: Path) -> SignedDocumentCheck:
    """The audit key's signature, the log's record, and every counter-signature beside it."""
    data, _report = _read_report(json_path)
    check = SignedDocumentCheck(json_path)
    sig_path = json_path.with_suffix(".json.sig")
    try:
        signed = verify_signature(data, sig_path.read_bytes(), sig_path.name)
        trust = trust_for(ctx)
        if trust.configured and not trust.trusts(signed.certificate):
            check.audit_signature = "made with a certificate no trust anchor issued"
    except OSError as ex:
        check.audit_signature = f"missing ({ex.strerror or ex})"
    except SealDeskError as ex:
        check.audit_signature = f"NOT VALID: {ex.message}"
    digest = hashlib.sha256(data).hexdigest()
    check.recorded_at = find_recorded(ctx, EventType.RECONCILIATION_DONE, "subject",
                                      "report_sha256", digest)
    check.countersignatures = check_beside(ctx, json_path, Kind.RECONCILIATION)
    return check
