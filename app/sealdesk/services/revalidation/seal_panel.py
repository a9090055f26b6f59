"""One sealed file's signature panel: verdict, signer, times, TSA, level, chain, as HTML.

The Documents page shows this beside the preview of a sealed document, the way Acrobat's
signature panel does. It is the same verification as ``sealdesk verify`` and the Revalidation
page (:func:`~sealdesk.services.revalidation.verification.verify_file` with the configured
validation policy, and the check against SealDesk's records), rendered by the Revalidation
page's detail helpers so both pages say the same things in the same words. Looking at a
document is not recorded in the audit log (``record=False``): a click through the table must
not write an entry per click; ``sealdesk verify`` is the recorded act.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader

from sealdesk.core.validation import SignatureReport
from sealdesk.services.context import AppContext
from sealdesk.services.revalidation.detail import (
    _badge,
    _common_name,
    _signature,
    _timestamp,
    _when,
)
from sealdesk.services.revalidation.verification import Verification, policy_from, verify_file

__all__ = ["SignatureView", "signature_view", "stored_signature_view"]


@dataclass(frozen=True)
class SignatureView:
    verification: Verification
    html: str
    reason: str = ""
    location: str = ""

    @property
    def seal(self) -> SignatureReport | None:
        """The first signature (a SealDesk seal is the document's first signature)."""
        signatures = self.verification.report.signatures
        return signatures[0] if signatures else None


def signature_view(ctx: AppContext, path: Path, name: str = "") -> SignatureView:
    """Verify ``path`` now (in a worker: it may fetch revocation data) and render the panel;
    ``name`` is the document's name as the person knows it (the store names files by hash)."""
    verification = verify_file(path, policy_from(ctx), ctx, record=False)
    reason, location = stated_reason(path)
    return SignatureView(verification, view_html(verification, name or path.name, reason,
                                                 location), reason, location)


def stored_signature_view(ctx: AppContext, sealed_sha256: str, name: str) -> SignatureView:
    """:func:`signature_view` of the store's copy of ``sealed_sha256``, read through the store
    (decrypted in memory for an encrypted store: StoreLockedError while it is locked)."""
    with ctx.store.readable_path(sealed_sha256) as path:
        return signature_view(ctx, path, name)


def stated_reason(path: Path) -> tuple[str, str]:
    """The first seal's /Reason and /Location as written in the file ("" when absent).

    Stated by the signer and covered by the seal, but not judged by the verification."""
    try:
        with path.open("rb") as handle:
            signatures = PdfFileReader(handle, strict=False).embedded_signatures
            if not signatures:
                return "", ""
            sig = signatures[0].sig_object
            return str(sig.get("/Reason", "")), str(sig.get("/Location", ""))
    except (OSError, PdfReadError):
        return "", ""


def view_html(v: Verification, name: str, reason: str = "", location: str = "") -> str:
    report, store = v.report, v.store
    parts = [f"<h3>{_badge(v.indication.value)}&nbsp;{escape(name)}</h3>"]
    if not report.signatures:
        parts.append("<p>This file carries no signature.</p>")
    else:
        parts.append(_at_a_glance(report.signatures[0], reason, location))
    said: set[str] = set()
    if store.problems:
        items = "".join(f'<li style="color:#c62828">{escape(p[:1].upper() + p[1:])}.</li>'
                        for p in store.problems)
        parts.append(f"<p><b>SealDesk's records</b></p><ul>{items}</ul>")
    elif store.known:
        parts.append("<p><b>SealDesk's records:</b> the sealed file hashes to what the audit "
                     "log recorded when it was sealed.</p>")
    else:
        parts.append("<p><b>SealDesk's records:</b> not a document SealDesk sealed (or not "
                     "this copy): only the seal itself was checked.</p>")
    parts.extend(_signature(s, said) for s in report.signatures)  # as the Revalidation page
    parts.append('<p style="color:#808080; font-size:small">'
                 f"SHA-256: {escape(report.sha256)}<br>Checked {_when(report.checked_at)} · "
                 f"revocation {escape(report.policy.revocation_mode)}</p>")
    return "\n".join(parts)


def _at_a_glance(s: SignatureReport, reason: str, location: str) -> str:
    """The questions first: who sealed, why, when by their clock and the TSA's, which level."""
    rows = [
        ("Sealed by", _common_name(s.signer_subject) or "unknown"),
        ("Reason", reason or "none stated"),
        *([("Location", location)] if location else []),
        ("Signing time", (_when(s.signing_time) or "not stated") + " (the signer's clock)"),
        ("Timestamp", _timestamp(s) or "none (no proof of time)"),
        ("PAdES level", s.pades_level.value if s.pades_level else "unknown"),
    ]
    table = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows)
    return f'<table cellspacing="0" cellpadding="2">{table}</table>'
