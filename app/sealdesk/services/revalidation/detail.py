"""One revalidation result as compact HTML for a detail pane: verdict, reasons, certificates.

Why not the full report page (:func:`~sealdesk.core.validation.render_html`): a detail pane
beside a table is narrow, so this shows the verdict and reason first, then what the store's
records say, then each signature's findings and its certificate chain by name and validity —
hashes and paths at the end, in small type. Only HTML that Qt's rich text engine renders is
used (tables, spans with colours), and every value is escaped (it comes from documents).
"""

from __future__ import annotations

import datetime as dt
from html import escape

from sealdesk.core.validation import CertificateInfo, DocumentReport, SignatureReport
from sealdesk.storage.revalidation.repo import ResultLine

_COLOURS = {"PASSED": "#2e8b57", "INDETERMINATE": "#c76a00", "FAILED": "#c62828",
            None: "#808080"}
_SEVERITY = {"error": "#c62828", "warning": "#8a5300", "info": "inherit"}


def detail_html(line: ResultLine, report: DocumentReport | None,
                problems: tuple[str, ...]) -> str:
    parts = [f"<h2>{_badge(line.indication)}&nbsp;{escape(line.name)}</h2>"]
    if line.state == "pending":
        return parts[0] + "<p>Not checked yet in this run.</p>"
    if line.reason:
        parts.append(f'<p style="color:{_COLOURS.get(line.indication)}"><b>'
                     f"{escape(line.reason)}</b></p>")
    said = {line.reason.rstrip(".")}  # the headline is not repeated below
    parts.append(_store_section(line, problems, said))
    for signature in (report.signatures if report else ()):
        parts.append(_signature(signature, said))
    parts.append(_footer(line, report))
    return "\n".join(parts)


def _store_section(line: ResultLine, problems: tuple[str, ...], said: set[str]) -> str:
    if problems:
        texts = [p[:1].upper() + p[1:] for p in problems]
        items = "".join(f'<li style="color:#c62828">{escape(t)}.</li>'
                        for t in texts if t.rstrip(".") not in said)
        return f"<h3>SealDesk's records</h3><ul>{items}</ul>" if items else ""
    if line.in_store:
        return ("<h3>SealDesk's records</h3><p>The sealed file hashes to what the audit log "
                "recorded when it was sealed; the stored original is intact and is the sealed "
                "file's first revision.</p>")
    return ("<h3>SealDesk's records</h3><p>Not a document SealDesk sealed (or not this copy): "
            "only the seal itself was checked.</p>")


def _signature(s: SignatureReport, said: set[str]) -> str:
    sub = f" / {escape(s.sub_indication.value)}" if s.sub_indication else ""
    ordered = sorted((f for f in s.findings if f.message.rstrip(".") not in said),
                     key=lambda f: list(_SEVERITY).index(f.severity.value))
    findings = "".join(
        f'<li style="color:{_SEVERITY[f.severity.value]}">{escape(f.message)}</li>'
        for f in ordered)
    rows = [
        ("Signer", _common_name(s.signer_subject)),
        ("PAdES level", s.pades_level.value if s.pades_level else None),
        ("Timestamp", _timestamp(s)),
        ("Proof of existence", _when(s.proof_of_existence)),
        ("Coverage", s.coverage.value if s.coverage else None),
        ("Later changes", s.modification_level.value if s.modification_level else None),
        ("Revocation data", ", ".join(s.revocation_sources) or None),
    ]
    table = "".join(f"<tr><td><i>{escape(k)}</i></td><td>{escape(v)}</td></tr>"
                    for k, v in rows if v)
    chain = "".join(f"<li>{_certificate(c)}</li>" for c in s.chain)
    return (f"<h3>{_badge(s.indication.value)}{sub} — {escape(s.field_name)} "
            f"({escape(s.kind.value)})</h3>"
            f"<ul>{findings}</ul>"
            f'<table cellspacing="0" cellpadding="2">{table}</table>'
            + (f"<p><b>Certificate chain</b> (signer first)</p><ol>{chain}</ol>" if chain
               else ""))


def _certificate(c: CertificateInfo) -> str:
    return (f"{escape(_common_name(c.subject) or c.subject)}<br>"
            f'<span style="color:#808080">valid {c.not_before:%Y-%m-%d} – '
            f"{c.not_after:%Y-%m-%d} · SHA-256 {escape(c.sha256[:16])}…</span>")


def _timestamp(s: SignatureReport) -> str | None:
    if s.timestamp_time is None and s.timestamp_tsa is None:
        return None
    validity = {True: "valid", False: "NOT valid", None: "not checked"}[s.timestamp_valid]
    return f"{_when(s.timestamp_time)} by {_common_name(s.timestamp_tsa)} ({validity})"


def _footer(line: ResultLine, report: DocumentReport | None) -> str:
    facts = [f"File: {escape(line.path)}"]
    if report is not None:
        facts += [f"SHA-256: {escape(report.sha256)}",
                  f"Checked {_when(report.checked_at)} · revocation "
                  f"{escape(report.policy.revocation_mode)}"]
    return '<p style="color:#808080; font-size:small">' + "<br>".join(facts) + "</p>"


def _common_name(subject: str | None) -> str:
    """'Common Name: X, Organization: Y' → 'X (Y)' — what a person recognises."""
    if not subject:
        return ""
    fields = dict(part.split(": ", 1) for part in subject.split(", ") if ": " in part)
    name = fields.get("Common Name", subject)
    organisation = fields.get("Organization")
    return f"{name} ({organisation})" if organisation else name


def _badge(indication: str | None) -> str:
    colour = _COLOURS.get(indication, "#808080")
    text = indication or "PENDING"
    return (f'<span style="background-color:{colour}; color:white; font-weight:600">'
            f"&nbsp;{escape(text)}&nbsp;</span>")


def _when(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
