"""Counter-signing with a custodian's own token: sign, write the detached file, record it.

Who signs is not claimed by anybody: the token is matched against the custodians the audit log
proves active now (:func:`sealdesk.services.keys.authority.read_authority`), never against the
custodians table. The PIN goes to the token login and nowhere else. The file is written inside
the transaction that records ``countersignature.added`` (subject: kind and document SHA-256;
details: custodian, SHA-256 of the signature, file name), and removed if the transaction fails,
so a counter-signature the log does not record is never left behind by SealDesk: verification
treats one as forged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sealdesk.core.audit.canonical import canonical_json, format_time
from sealdesk.core.audit.events import EventType
from sealdesk.core.countersign import Countersignature, Kind, statement
from sealdesk.core.rotation.custodian import Custodian
from sealdesk.errors import InputError, ReadOnlyError, RecordIntegrityError
from sealdesk.fsutil import atomic_write_bytes
from sealdesk.services.audit.log import record
from sealdesk.services.context import AppContext
from sealdesk.services.keys.authority import read_authority
from sealdesk.services.keys.custodian_tokens import CustodianToken, custodian_signer

__all__ = ["Countersigned", "Kind", "countersign", "countersignature_path"]


@dataclass(frozen=True)
class Countersigned:
    """A counter-signature written and recorded."""

    path: Path
    custodian: str
    document_sha256: str
    entry: int
    """The audit entry that records it."""


def countersignature_path(document: Path, custodian_sha256: str) -> Path:
    """``NAME.countersig-<first 12 hex of the custodian's certificate hash>.json`` beside it."""
    return document.with_name(f"{document.stem}.countersig-{custodian_sha256[:12]}.json")


def active_custodians(ctx: AppContext, expected: str | None = None) -> list[Custodian]:
    """The custodians the log proves active now (only ``expected`` when a name is given)."""
    with ctx.database.reader() as session:
        authority = read_authority(session)
    if authority.problems:
        raise RecordIntegrityError(
            "The audit log does not prove the custodian registry: " + "; ".join(authority.problems),
            hint="Run 'sealdesk audit verify' and 'sealdesk audit verify-quorum' first.")
    active = [c for c in authority.custodians.values() if c.active]
    if expected is not None:
        active = [c for c in active if c.name.casefold() == expected.strip().casefold()]
        if not active:
            raise InputError(f"No active custodian is named {expected!r}.",
                             hint="'sealdesk custodian list' shows the custodians.")
    if not active:
        raise InputError("No custodian is registered, so nobody can counter-sign.",
                         hint="Register custodians first ('sealdesk custodian add').")
    return active


def countersign(ctx: AppContext, where: CustodianToken, pin: str | None, kind: Kind,
                document_sha256: str, about: Mapping[str, Any],
                place: Callable[[str], Path], *, expected: str | None = None) -> Countersigned:
    """Sign ``document_sha256`` with the custodian's token; write the file and record it.

    ``place`` gives the file's path from the signing custodian's certificate SHA-256 (e.g.
    ``partial(countersignature_path, report)``). ``expected`` names the custodian who must be
    signing (another custodian's token is refused).
    """
    if ctx.read_only:
        raise ReadOnlyError("The database is open read-only here; a counter-signature must be "
                            "recorded.", hint="Counter-sign on the installation itself.")
    custodians = active_custodians(ctx, expected)
    with custodian_signer(where, pin, custodians) as signer:
        custodian = signer.custodian
        signed_stmt = statement(kind, document_sha256, about, custodian.cert_sha256,
                                format_time(dt.datetime.now(dt.UTC)))
        signature = signer.sign(canonical_json(signed_stmt))
    result = Countersignature(signed_stmt, signature.algorithm, signature.signature,
                              custodian.name, {"label": signature.token_label,
                                               "serial": signature.token_serial})
    target = place(custodian.cert_sha256)
    with ctx.database.transaction() as session:
        entry = record(session, ctx.event(
            EventType.COUNTERSIGNED, {"kind": kind.value, "document_sha256": document_sha256},
            {"custodian": custodian.name, "custodian_sha256": custodian.cert_sha256,
             "signature_sha256": hashlib.sha256(signature.signature).hexdigest(),
             "file": target.name, "about": dict(about)}))
        try:  # file first, event committed last: no recorded counter-signature without its file
            atomic_write_bytes(target, result.encode())
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    return Countersigned(target, custodian.name, document_sha256, entry.index)
